// The directory's rules: who may read it and which filters are valid.
#pragma once

#include "core/principal.hpp"
#include "directory/store.hpp"

namespace pswnet::directory {

inline constexpr int max_page_size = 100;

class service {
public:
    explicit service(directory::store& store) : store_(store) {}

    awaitable<organisation_page> list(const principal& who, organisation_filter filter);
    awaitable<organisation> get(const principal& who, std::int64_t id);
    awaitable<std::vector<neighbour>> neighbours(const principal& who, std::int64_t id, neighbour_group group);
    awaitable<std::vector<region_count>> regions(const principal& who);
    // Network administrators add other employers of PSWs; who is empty for the command line, which is trusted.
    awaitable<organisation> add_employer(const std::optional<principal>& who, new_employer employer,
                                         audit_context audit);

    // For other capabilities: the organisation, or nullopt. No principal: the caller has done its own checks.
    awaitable<std::optional<organisation>> find(std::int64_t id);
    awaitable<std::optional<organisation>> find_by_code_or_id(std::string code_or_id);
    awaitable<bool> region_exists(std::string code);

private:
    directory::store& store_;
};

} // namespace pswnet::directory
