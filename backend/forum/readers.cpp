// Setting a thread's readers. Earlier events of a thread that becomes restricted stay on its own channel, which only
// its readers may subscribe to; its sector channel never carried a restricted thread's later events.
#include "forum/readers.hpp"

#include "db/statement.hpp"

namespace pswnet::forum {
namespace {

const db::statement set_readers_sql{"forum.set_readers", R"sql(
UPDATE threads SET readers = $2, readers_organisation_id = $3, readers_region_code = $4 WHERE id = $1)sql"};

} // namespace

void set_readers(pqxx::work& tx, std::int64_t thread_id, const thread_readers& readers)
{
    db::exec(tx, set_readers_sql, thread_id, readers.scope, readers.organisation_id, readers.region_code);
}

} // namespace pswnet::forum
