// Writing audit rows.
#include "db/audit.hpp"

#include "db/statement.hpp"

namespace pswnet::db {
namespace {

const statement insert_audit{"audit.insert", R"sql(
INSERT INTO audit_log (actor_user_id, action, object_type, object_id, request_id, client_address, details)
VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb))sql"};

} // namespace

void audit(pqxx::work& tx, const audit_context& who, const audit_entry& entry)
{
    exec(tx, insert_audit, who.actor_user_id, entry.action, entry.object_type, entry.object_id, who.request_id,
         who.client_address, entry.details_json);
}

} // namespace pswnet::db
