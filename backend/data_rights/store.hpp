// The database side of data rights: what every capability holds about a person, read in one transaction with the
// files that fit the archive, and forgetting the person in every capability in another.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace pswnet::data_rights {

// Files beyond this total are listed in the export with their download path, not put in the archive.
inline constexpr std::int64_t max_archived_file_bytes = 100LL * 1024 * 1024;

struct archived_file {
    std::string path;
    std::string content;
};

struct held_data {
    nlohmann::json data; // what my-data.json holds
    std::vector<archived_file> files;
    std::string date; // 2026-12-02, for the archive's name
};

class store {
public:
    explicit store(db::pool& database) : database_(database) {}

    // Audited as user.data_exported.
    awaitable<held_data> collect(std::int64_t user_id, audit_context audit);

    // Audited as user.erased. Throws api_error(conflict) for the network's last network administrator, and
    // api_error(not_found) when the account is gone.
    awaitable<void> erase(std::int64_t user_id, audit_context audit);

private:
    db::pool& database_;
};

} // namespace pswnet::data_rights
