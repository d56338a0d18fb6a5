#include "groups/service.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "groups/policy.hpp"

namespace pswnet::groups {
namespace {

constexpr validation::choices kinds{"regional_network", "national_network", "interest"};
constexpr validation::choices privacies{"open", "restricted", "private"};
constexpr validation::choices roles{"owner", "member"};

api_error no_group(std::int64_t id)
{
    return api_error(errc::not_found, "There is no group " + std::to_string(id) + ".");
}

void check_wording(field_errors& errors, const group_change& change)
{
    if (change.name)
        validation::check_text(errors, "name", *change.name, max_name_length);
    if (change.description)
        validation::check_length(errors, "description", *change.description, max_description_length);
    if (change.privacy)
        validation::check_choice(errors, "privacy", *change.privacy, privacies);
}

} // namespace

awaitable<group_page> service::list(const principal& who, group_filter filter)
{
    field_errors errors;
    if (filter.kind)
        validation::check_choice(errors, "kind", *filter.kind, kinds);
    if (filter.sector)
        validation::check_choice(errors, "sector", *filter.sector, validation::sectors);
    if (filter.q && filter.q->size() > 200)
        errors.add("q", "must be at most 200 characters");
    errors.throw_if_any();
    co_return co_await store_.list(who.user_id, policy::sees_all(who), std::move(filter));
}

awaitable<group> service::get(const principal& who, std::int64_t id)
{
    auto found = co_await store_.find(who.user_id, id);
    if (!found || !policy::may_see(who, *found))
        throw no_group(id);
    co_return std::move(*found);
}

awaitable<group> service::create(const principal& who, group_change change, audit_context audit)
{
    field_errors errors;
    validation::check_required(errors, {{"name", change.name.has_value()},
                                        {"kind", change.kind.has_value()},
                                        {"privacy", change.privacy.has_value()},
                                        {"sector", change.sector.has_value()}});
    check_wording(errors, change);
    if (change.kind)
        validation::check_choice(errors, "kind", *change.kind, kinds);
    if (change.sector)
        validation::check_choice(errors, "sector", *change.sector, validation::sectors);
    if (change.kind == "regional_network" && !change.region_code)
        errors.add("region_code", "is required for a regional network");
    if (change.kind != "regional_network" && change.region_code)
        errors.add("region_code", "is only for a regional network");
    errors.throw_if_any();
    if (change.region_code && !co_await directory_.region_exists(*change.region_code))
        throw api_error(errc::validation_failed, "Some fields are not valid",
                        {{"region_code", "is not a region of England"}});
    if (!policy::may_create(who, *change.kind, co_await store_.owns_a_group(who.user_id)))
        throw api_error(errc::forbidden, *change.kind == "interest"
                                             ? "Network administrators, and people who own a group, create groups."
                                             : "Only network administrators create networks.");
    co_await limits_.take(who.user_id, policy::new_groups);
    auto id = co_await store_.create(change, std::move(audit));
    co_return co_await get(who, id);
}

awaitable<group> service::update(const principal& who, std::int64_t id, group_change change, audit_context audit)
{
    field_errors errors;
    check_wording(errors, change);
    if (change.kind)
        errors.add("kind", "cannot change: create another group");
    if (change.sector)
        errors.add("sector", "cannot change: create another group");
    if (change.region_code)
        errors.add("region_code", "cannot change: create another group");
    errors.throw_if_any();
    co_await managed(who, id);
    co_await store_.update(id, change, std::move(audit));
    co_return co_await get(who, id);
}

awaitable<std::vector<member>> service::members(const principal& who, std::int64_t id)
{
    auto g = co_await get(who, id);
    if (!policy::may_read_content(who, g))
        throw api_error(errc::forbidden, "Only the members of " + g.name + " see who belongs to it.");
    co_return co_await store_.members(id);
}

awaitable<member> service::add_member(const principal& who, std::int64_t id, new_member added, audit_context audit)
{
    field_errors errors;
    if (added.person_id.has_value() == added.email.has_value())
        errors.add("person_id", "give either person_id or email");
    validation::check_choice(errors, "role", added.role, roles);
    errors.throw_if_any();
    auto g = co_await managed(who, id);
    auto person = co_await store_.person(added.person_id, added.email);
    if (!person)
        throw api_error(errc::validation_failed, "Some fields are not valid",
                        {{added.email ? "email" : "person_id", "is not someone with an account on PSW Network"}});
    co_await store_.add_member(g, *person, added.role, who.user_id, std::move(audit));
    for (auto& m : co_await store_.members(id))
        if (m.id == person->id)
            co_return std::move(m);
    throw no_group(id);
}

awaitable<member> service::set_role(const principal& who, std::int64_t id, std::int64_t person_id, std::string role,
                                    audit_context audit)
{
    field_errors errors;
    validation::check_choice(errors, "role", role, roles);
    errors.throw_if_any();
    auto g = co_await managed(who, id);
    co_await store_.set_role(g, person_id, std::move(role), std::move(audit));
    for (auto& m : co_await store_.members(id))
        if (m.id == person_id)
            co_return std::move(m);
    throw api_error(errc::not_found, "That person is not a member of this group.");
}

awaitable<void> service::remove_member(const principal& who, std::int64_t id, std::int64_t person_id,
                                       audit_context audit)
{
    auto g = co_await get(who, id);
    if (person_id != who.user_id && !policy::may_manage(who, g))
        throw api_error(errc::forbidden, "Only the owners of " + g.name + " remove its members.");
    if (!co_await store_.remove_member(g, person_id, std::move(audit)))
        throw api_error(errc::not_found, person_id == who.user_id ? "You are not a member of this group."
                                                                  : "That person is not a member of this group.");
}

awaitable<join_outcome> service::join(const principal& who, std::int64_t id, std::string message, audit_context audit)
{
    field_errors errors;
    validation::check_length(errors, "message", message, max_request_message_length);
    errors.throw_if_any();
    auto g = co_await get(who, id);
    if (g.my_role)
        throw api_error(errc::conflict, "You are already a member of " + g.name + ".");
    if (g.privacy == "private")
        throw api_error(errc::forbidden, g.name + " is private: its owners add its members.");
    if (g.privacy == "open") {
        co_await store_.add_member(g, {who.user_id, ""}, "member", std::nullopt, std::move(audit));
        co_return join_outcome::joined;
    }
    co_await limits_.take(who.user_id, policy::join_requests);
    co_await store_.request(g, who.user_id, text::trimmed(message), std::move(audit));
    co_return join_outcome::requested;
}

awaitable<void> service::withdraw_request(const principal& who, std::int64_t id, audit_context audit)
{
    auto g = co_await get(who, id);
    if (!co_await store_.withdraw_request(g, who.user_id, std::move(audit)))
        throw api_error(errc::not_found, "You have not asked to join " + g.name + ".");
}

awaitable<std::vector<join_request>> service::requests(const principal& who, std::int64_t id)
{
    co_await managed(who, id);
    co_return co_await store_.requests(id);
}

awaitable<void> service::decide(const principal& who, std::int64_t id, std::int64_t request_id, bool approve,
                                audit_context audit)
{
    auto g = co_await managed(who, id);
    if (!co_await store_.decide(g, request_id, approve, std::move(audit)))
        throw api_error(errc::not_found, "There is no request " + std::to_string(request_id) + " to join " + g.name +
                                             ": it may have been answered already.");
}

awaitable<group> service::postable(const principal& who, std::int64_t id, const std::string& field,
                                   std::string_view do_what)
{
    auto found = co_await store_.find(who.user_id, id);
    if (!found || !policy::may_see(who, *found))
        throw api_error(errc::validation_failed, "Some fields are not valid", {{field, "is not a group"}});
    if (!policy::may_post(who, *found))
        throw api_error(errc::forbidden,
                        "Only members of " + found->name + " " + std::string(do_what) + ": join it first.",
                        {{field, "is a group you are not a member of"}});
    co_return std::move(*found);
}

awaitable<bool> service::may_read_content(const principal& who, std::int64_t id)
{
    co_return (co_await content_readable(who, id)).has_value();
}

awaitable<std::optional<group>> service::content_readable(const principal& who, std::int64_t id)
{
    auto found = co_await store_.find(who.user_id, id);
    if (!found || !policy::may_see(who, *found) || !policy::may_read_content(who, *found))
        co_return std::nullopt;
    co_return found;
}

awaitable<group> service::managed(const principal& who, std::int64_t id)
{
    auto g = co_await get(who, id);
    if (!policy::may_manage(who, g))
        throw api_error(errc::forbidden, "Only the owners of " + g.name + " manage it.");
    co_return g;
}

} // namespace pswnet::groups
