// Comparator groups: named sets of organisations that an organisation saves, as LG Inform offers, to compare its
// figures with and to address questions to. A group is its organisation's own: nobody else sees or uses it.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "core/principal.hpp"
#include "core/references.hpp"
#include "directory/comparator_group_store.hpp"
#include "directory/service.hpp"

namespace pswnet::directory {

inline constexpr std::size_t max_comparator_group_members = 60;
inline constexpr std::size_t max_comparator_groups = 20; // per organisation

class comparator_groups {
public:
    comparator_groups(comparator_group_store& store, directory::service& directory)
        : store_(store), directory_(directory)
    {
    }

    // The caller's organisation's groups, by name.
    awaitable<std::vector<comparator_group>> list(const principal& who);
    awaitable<comparator_group> get(const principal& who, std::int64_t id);
    awaitable<comparator_group> create(const principal& who, comparator_group_change change, audit_context audit);
    // Only the person who saved a group, or an administrator of its organisation, changes or deletes it.
    awaitable<comparator_group> update(const principal& who, std::int64_t id, comparator_group_change change,
                                       audit_context audit);
    awaitable<void> remove(const principal& who, std::int64_t id, audit_context audit);

    // For other capabilities: the group, when it is the caller's organisation's; else nullopt.
    awaitable<std::optional<comparator_group>> usable_by(const principal& who, std::int64_t id);

private:
    awaitable<comparator_group_change> checked(const principal& who, comparator_group_change change);
    awaitable<comparator_group> changeable(const principal& who, std::int64_t id);

    comparator_group_store& store_;
    directory::service& directory_;
};

} // namespace pswnet::directory
