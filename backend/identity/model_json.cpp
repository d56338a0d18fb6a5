// Identity JSON encoders.
#include "identity/model_json.hpp"

#include "directory/model_json.hpp"

#include <array>

namespace pswnet::identity {

nlohmann::json roles_json(const std::vector<role>& roles)
{
    auto list = nlohmann::json::array();
    for (auto r : roles)
        list.push_back(to_string(r));
    return list;
}

nlohmann::json to_json(const profile& p, const std::string& csrf_token)
{
    return {
        {"id", p.user.id},
        {"email", p.user.email},
        {"display_name", p.user.display_name},
        {"job_title", p.user.job_title},
        {"ask_me_about", p.user.ask_me_about},
        {"listed", p.user.listed},
        {"principal_social_worker", to_string(p.user.principal_social_worker)},
        {"organisation", to_json(p.organisation)},
        {"sector", to_string(p.user.sector)},
        {"roles", roles_json(p.user.roles)},
        {"csrf_token", csrf_token},
    };
}

nlohmann::json to_json(const user& u)
{
    return {
        {"id", u.id},
        {"email", u.email},
        {"display_name", u.display_name},
        {"sector", to_string(u.sector)},
        {"roles", roles_json(u.roles)},
        {"disabled", u.disabled},
        {"created_at", u.created_at},
    };
}

nlohmann::json to_json(const person_card& p)
{
    return {
        {"id", p.id},
        {"display_name", p.display_name},
        {"job_title", p.job_title},
        {"sector", to_string(p.sector)},
        {"ask_me_about", p.ask_me_about},
        {"principal_social_worker", to_string(p.principal_social_worker)},
    };
}

nlohmann::json to_json(const organisation_people& people)
{
    auto cards = [](const std::vector<person_card>& list) {
        auto items = nlohmann::json::array();
        for (const auto& card : list)
            items.push_back(to_json(card));
        return items;
    };
    auto roles = nlohmann::json::array();
    for (const auto& holding : people.psw_roles) {
        constexpr std::array<std::string_view, 3> states{"listed", "unlisted", "vacant"};
        roles.push_back({{"sector", to_string(holding.services)},
                         {"state", states.at(static_cast<std::size_t>(holding.held))},
                         {"holders", cards(holding.holders)}});
    }
    return {{"psw_roles", std::move(roles)}, {"items", cards(people.items)}};
}

nlohmann::json to_json(const session_summary& s)
{
    return {
        {"id", s.id},
        {"device", s.device},
        {"client_address", s.client_address},
        {"created_at", s.created_at},
        {"last_seen_at", s.last_seen_at},
        {"current", s.current},
    };
}

nlohmann::json to_json(const invitation& i)
{
    return {
        {"id", i.id},
        {"email", i.email},
        {"organisation_id", i.organisation_id},
        {"sector", to_string(i.sector)},
        {"roles", roles_json(i.roles)},
        {"expires_at", i.expires_at},
        {"created_at", i.created_at},
        {"accepted_at", i.accepted_at ? nlohmann::json(*i.accepted_at) : nlohmann::json()},
    };
}

nlohmann::json to_json(const invitation_preview& i)
{
    return {
        {"email", i.email},
        {"organisation", to_json(i.organisation)},
        {"sector", to_string(i.sector)},
        {"roles", roles_json(i.roles)},
        {"expires_at", i.expires_at},
    };
}

nlohmann::json to_json(const authenticator_setup& s)
{
    return {{"secret", s.secret}, {"otpauth_uri", s.otpauth_uri}};
}

nlohmann::json to_json(const two_factor_status& s)
{
    auto required_by = [&]() -> nlohmann::json {
        switch (s.required_by) {
        case two_factor_status::requirement::role:
            return "role";
        case two_factor_status::requirement::organisation:
            return "organisation";
        case two_factor_status::requirement::none:
            break;
        }
        return nullptr;
    }();
    return {{"enabled", s.enabled},
            {"enabled_at", s.enabled_at ? nlohmann::json(*s.enabled_at) : nlohmann::json(nullptr)},
            {"required", s.required_by != two_factor_status::requirement::none},
            {"required_by", required_by},
            {"setup_deadline", s.setup_deadline ? nlohmann::json(*s.setup_deadline) : nlohmann::json(nullptr)},
            {"recovery_codes_left", s.recovery_codes_left}};
}

nlohmann::json to_json(const sign_in_policy& p)
{
    return {{"two_factor_required", p.two_factor_required_since.has_value()},
            {"two_factor_required_since",
             p.two_factor_required_since ? nlohmann::json(*p.two_factor_required_since) : nlohmann::json(nullptr)},
            {"single_sign_on_available", p.single_sign_on_available},
            {"single_sign_on_required", p.single_sign_on_required_since.has_value()},
            {"single_sign_on_required_since", p.single_sign_on_required_since
                                                  ? nlohmann::json(*p.single_sign_on_required_since)
                                                  : nlohmann::json(nullptr)}};
}

} // namespace pswnet::identity
