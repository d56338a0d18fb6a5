// The audit log: one row per write, in the same transaction as the write itself, kept for --audit-retention-days.
#pragma once

#include "core/audit_context.hpp"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace pswnet::db {

struct audit_entry {
    std::string action;      // e.g. "invitation.created"
    std::string object_type; // e.g. "invitation"
    std::optional<std::int64_t> object_id;
    std::string details_json = "{}";
};

void audit(pqxx::work& tx, const audit_context& who, const audit_entry& entry);

// What a person did, and what was done to their account, for their data export, oldest first:
// [{"action", "object_type", "object_id", "at", "address" (theirs, when they did it), "by_you"}].
nlohmann::json history_of(pqxx::transaction_base& tx, std::int64_t user_id);

// Removes up to `batch` of the entries older than the retention, oldest first; returns how many. Housekeeping
// calls it until fewer than `batch` go, so that no statement runs long on a large log.
int forget_old_audit(pqxx::work& tx, std::chrono::days retention, int batch);

} // namespace pswnet::db
