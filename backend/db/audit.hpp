// The audit log: one row per write, in the same transaction as the write itself.
#pragma once

#include "core/audit_context.hpp"

#include <pqxx/pqxx>

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

} // namespace pswnet::db
