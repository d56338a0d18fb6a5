// Group rules: seeing, creating and changing groups; joining, asking to join, approving, adding and removing
// members. Every read and write asks the policy. No HTTP and no JSON here.
#pragma once

#include "core/audit_context.hpp"
#include "db/write_limits.hpp"
#include "directory/service.hpp"
#include "groups/model.hpp"
#include "groups/store.hpp"

namespace pswnet::groups {

// Whom an owner adds: a person by id (from the directory) or by the email address of their account.
struct new_member {
    std::optional<std::int64_t> person_id;
    std::optional<std::string> email;
    std::string role = "member";
};

class service {
public:
    service(groups::store& store, directory::service& directory, db::write_limits& limits)
        : store_(store), directory_(directory), limits_(limits)
    {
    }

    awaitable<group_page> list(const principal& who, group_filter filter);
    // A group the caller may see; 404 otherwise (a private group is not shown to exist).
    awaitable<group> get(const principal& who, std::int64_t id);
    awaitable<group> create(const principal& who, group_change change, audit_context audit);
    awaitable<group> update(const principal& who, std::int64_t id, group_change change, audit_context audit);

    awaitable<std::vector<member>> members(const principal& who, std::int64_t id);
    awaitable<member> add_member(const principal& who, std::int64_t id, new_member added, audit_context audit);
    awaitable<member> set_role(const principal& who, std::int64_t id, std::int64_t person_id, std::string role,
                               audit_context audit);
    // Owners remove anyone; everyone may leave.
    awaitable<void> remove_member(const principal& who, std::int64_t id, std::int64_t person_id, audit_context audit);

    // Joins an open group, or asks to join a restricted one.
    awaitable<join_outcome> join(const principal& who, std::int64_t id, std::string message, audit_context audit);
    awaitable<void> withdraw_request(const principal& who, std::int64_t id, audit_context audit);
    awaitable<std::vector<join_request>> requests(const principal& who, std::int64_t id);
    awaitable<void> decide(const principal& who, std::int64_t id, std::int64_t request_id, bool approve,
                           audit_context audit);

    // For other capabilities: the group the caller may add to (422 naming `field` when it is not one they can see,
    // 403 saying that only members `do_what`, "start discussions in it", when they are not a member), and whether
    // they may read a group's content (for its channel).
    awaitable<group> postable(const principal& who, std::int64_t id, const std::string& field,
                              std::string_view do_what);
    awaitable<bool> may_read_content(const principal& who, std::int64_t id);
    // The group, when the caller may read its content; none otherwise, so that its content is not found.
    awaitable<std::optional<group>> content_readable(const principal& who, std::int64_t id);

private:
    awaitable<group> managed(const principal& who, std::int64_t id);

    groups::store& store_;
    directory::service& directory_;
    db::write_limits& limits_;
};

} // namespace pswnet::groups
