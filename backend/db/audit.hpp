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

// What a person did, for their data export: [{"action", "object_type", "object_id", "at", "address"}], oldest first.
nlohmann::json actions_of(pqxx::transaction_base& tx, std::int64_t user_id);

// Removes the entries older than the retention; returns how many.
int forget_old_audit(pqxx::work& tx, std::chrono::days retention);

} // namespace pswnet::db
