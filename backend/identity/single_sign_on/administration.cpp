#include "identity/single_sign_on/administration.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "identity/policy.hpp"
#include "identity/single_sign_on/outbound_http.hpp"

#include <algorithm>
#include <set>

namespace pswnet::identity::single_sign_on {
namespace {

constexpr std::size_t max_domains = 50;
constexpr std::size_t max_organisations = 200;

void check_network_admin(const principal& who)
{
    if (!who.has(role::network_admin))
        throw api_error(errc::forbidden, "Only network administrators can manage identity providers.");
}

bool is_domain(const std::string& domain)
{
    if (domain.size() < 3 || domain.size() > 253 || domain.find('.') == std::string::npos || domain.front() == '.' ||
        domain.back() == '.' || domain.find("..") != std::string::npos)
        return false;
    return std::all_of(domain.begin(), domain.end(), [](unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    });
}

void check_text(field_errors& errors, const std::string& field, const std::string& value, std::size_t max)
{
    if (value.empty())
        errors.add(field, "is required");
    else if (value.size() > max)
        errors.add(field, "must be at most " + std::to_string(max) + " characters");
}

} // namespace

awaitable<provider_settings> administration::checked(provider_settings s, bool secret_required)
{
    field_errors errors;
    s.name = text::trimmed(s.name);
    s.issuer = text::trimmed(s.issuer);
    s.client_id = text::trimmed(s.client_id);
    check_text(errors, "name", s.name, 100);
    check_text(errors, "client_id", s.client_id, 200);
    check_text(errors, "issuer", s.issuer, 500);
    if (!s.issuer.empty() && !allowed_provider_url(s.issuer))
        errors.add("issuer", "must be an https address, like https://login.microsoftonline.com/organizations/v2.0");
    if (s.client_secret)
        check_text(errors, "client_secret", *s.client_secret, 500);
    else if (secret_required)
        errors.add("client_secret", "is required");

    if (s.domains.empty() || s.domains.size() > max_domains)
        errors.add("domains", "must list between 1 and " + std::to_string(max_domains) + " email domains");
    std::set<std::string> seen_domains;
    for (std::size_t i = 0; i < s.domains.size(); ++i) {
        auto& d = s.domains[i];
        d = text::ascii_lower(text::trimmed(d));
        if (!d.empty() && d.front() == '@')
            d.erase(0, 1);
        if (!is_domain(d))
            errors.add("domains[" + std::to_string(i) + "]", "must be an email domain, like wiltshire.gov.uk");
        else if (!seen_domains.insert(d).second)
            errors.add("domains[" + std::to_string(i) + "]", "is listed twice");
    }

    if (s.organisations.empty() || s.organisations.size() > max_organisations)
        errors.add("organisations", "must list between 1 and " + std::to_string(max_organisations) + " organisations");
    std::set<std::int64_t> seen_organisations;
    for (std::size_t i = 0; i < s.organisations.size(); ++i) {
        auto& o = s.organisations[i];
        auto field = "organisations[" + std::to_string(i) + "]";
        if (o.tenant_id) {
            o.tenant_id = text::trimmed(*o.tenant_id);
            if (o.tenant_id->empty())
                o.tenant_id.reset();
            else if (o.tenant_id->size() > 100)
                errors.add(field + ".tenant_id", "must be at most 100 characters");
        }
        if (!seen_organisations.insert(o.organisation_id).second)
            errors.add(field + ".organisation_id", "is listed twice");
        else if (!co_await directory_.find(o.organisation_id))
            errors.add(field + ".organisation_id", "is not an organisation of the network");
    }
    errors.throw_if_any();

    try {
        auto metadata = co_await documents_.refresh(s.issuer);
        if (metadata.multi_tenant())
            for (std::size_t i = 0; i < s.organisations.size(); ++i)
                if (!s.organisations[i].tenant_id)
                    errors.add("organisations[" + std::to_string(i) + "].tenant_id",
                               "is required: this provider serves several tenants");
    } catch (const std::runtime_error& e) {
        errors.add("issuer", std::string("could not be used: ") + e.what());
    }
    errors.throw_if_any();
    co_return s;
}

awaitable<std::vector<identity_provider>> administration::providers(const principal& who)
{
    check_network_admin(who);
    co_return co_await store_.providers();
}

awaitable<identity_provider> administration::provider(const principal& who, std::int64_t id)
{
    check_network_admin(who);
    auto found = co_await store_.provider(id);
    if (!found)
        throw api_error(errc::not_found, "There is no such identity provider.");
    co_return std::move(*found);
}

awaitable<identity_provider> administration::add(const principal& who, provider_settings settings, audit_context audit)
{
    check_network_admin(who);
    co_return co_await add_from_command_line(std::move(settings), std::move(audit));
}

awaitable<identity_provider> administration::add_from_command_line(provider_settings settings, audit_context audit)
{
    auto id = co_await store_.add_provider(co_await checked(std::move(settings), true), std::move(audit));
    co_return *co_await store_.provider(id);
}

awaitable<identity_provider> administration::change(const principal& who, std::int64_t id, provider_settings settings,
                                                    audit_context audit)
{
    check_network_admin(who);
    if (!co_await store_.provider(id))
        throw api_error(errc::not_found, "There is no such identity provider.");
    co_await store_.change_provider(id, co_await checked(std::move(settings), false), std::move(audit));
    co_return *co_await store_.provider(id);
}

awaitable<void> administration::remove(const principal& who, std::int64_t id, audit_context audit)
{
    check_network_admin(who);
    co_await store_.remove_provider(id, std::move(audit));
}

awaitable<void> administration::check_manages_members(const principal& who, std::int64_t organisation_id)
{
    if (!co_await directory_.find(organisation_id))
        throw api_error(errc::not_found, "There is no such organisation.");
    if (!policy::may_manage_members(who, organisation_id))
        throw api_error(errc::forbidden, "Only the organisation's administrators can approve who joins it.");
}

awaitable<std::vector<access_request>> administration::access_requests(const principal& who,
                                                                       std::int64_t organisation_id)
{
    co_await check_manages_members(who, organisation_id);
    co_return co_await store_.access_requests(organisation_id);
}

awaitable<std::int64_t> administration::approve(const principal& who, std::int64_t organisation_id,
                                                std::int64_t request_id, pswnet::sector sector,
                                                const std::string& origin, audit_context audit)
{
    co_await check_manages_members(who, organisation_id);
    auto user_id = co_await store_.approve(organisation_id, request_id, sector, origin + "/sign-in", std::move(audit));
    if (!user_id)
        throw api_error(errc::not_found, "There is no such request to join.");
    co_return *user_id;
}

awaitable<void> administration::decline(const principal& who, std::int64_t organisation_id, std::int64_t request_id,
                                        audit_context audit)
{
    co_await check_manages_members(who, organisation_id);
    if (!co_await store_.decline(organisation_id, request_id, std::move(audit)))
        throw api_error(errc::not_found, "There is no such request to join.");
}

awaitable<std::vector<possible_leaver>> administration::possible_leavers(const principal& who,
                                                                         std::int64_t organisation_id)
{
    co_await check_manages_members(who, organisation_id);
    co_return co_await store_.possible_leavers(organisation_id, static_cast<int>(lapse_.count()));
}

} // namespace pswnet::identity::single_sign_on
