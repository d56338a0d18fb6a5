// Appending events. NOTIFY carries no payload: listeners read new rows by id, so one notification per
// transaction is enough (PostgreSQL folds identical notifications of one transaction into one).
#include "realtime/event_log.hpp"

#include "db/statement.hpp"

#include <atomic>
#include <utility>

namespace pswnet::realtime {
namespace {

const db::statement insert_event{"realtime.insert_event",
                                 "INSERT INTO events (channel, type, payload) VALUES ($1, $2, $3::jsonb) RETURNING id"};
const db::statement insert_typed_events{"realtime.insert_typed_events", "SELECT append_events($1::jsonb)"};
const db::statement rewrite{"realtime.rewrite_event_subject", R"sql(
UPDATE events SET payload = jsonb_set(payload, ARRAY[$2], (payload -> $2) || $4::jsonb)
WHERE channel = $1 AND jsonb_typeof(payload -> $2) = 'object' AND payload -> $2 ->> 'id' = $3::text)sql"};
const db::statement forget{"realtime.forget_old_events",
                           "DELETE FROM events WHERE created_at < now() - make_interval(days => $1)"};
const db::statement forget_channel_sql{"realtime.forget_channel", "DELETE FROM events WHERE channel = $1"};
const db::statement notify{"realtime.notify_events", "SELECT pg_notify('pswnet_events', '')"};

std::atomic<notify_mode> mode{notify_mode::batched};

// Appends run on database threads in plain functions (never in a coroutine), so a thread_local is safe here.
thread_local bool pending_events = false;

} // namespace

void announce_appended(pqxx::dbtransaction& tx)
{
    switch (mode.load(std::memory_order_relaxed)) {
    case notify_mode::batched:
        pending_events = true;
        break;
    case notify_mode::transaction:
        db::exec(tx, notify);
        break;
    case notify_mode::poll:
        break;
    }
}

void set_notify_mode(notify_mode m)
{
    mode = m;
}

bool take_pending_events()
{
    return std::exchange(pending_events, false);
}

std::int64_t append_event(pqxx::dbtransaction& tx, std::string_view channel, std::string_view type,
                          const std::string& payload_json)
{
    auto id =
        db::exec(tx, insert_event, std::string(channel), std::string(type), payload_json)[0][0].as<std::int64_t>();
    announce_appended(tx);
    return id;
}

std::string batch_of(const std::vector<typed_event>& events)
{
    auto batch = nlohmann::json::array();
    for (const auto& e : events)
        batch.push_back({{"channel", e.channel}, {"type", e.type}, {"payload", e.payload}});
    return batch.dump();
}

void append_events(pqxx::dbtransaction& tx, const std::vector<typed_event>& events)
{
    if (events.empty())
        return;
    db::exec(tx, insert_typed_events, batch_of(events));
    announce_appended(tx);
}

void rewrite_subject(pqxx::dbtransaction& tx, std::string_view channel, std::string_view subject, std::int64_t id,
                     const std::string& fields_json)
{
    db::exec(tx, rewrite, std::string(channel), std::string(subject), id, fields_json);
}

void forget_channel(pqxx::dbtransaction& tx, std::string_view channel)
{
    db::exec(tx, forget_channel_sql, std::string(channel));
}

std::int64_t forget_old_events(pqxx::dbtransaction& tx)
{
    return static_cast<std::int64_t>(db::exec(tx, forget, event_retention_days).affected_rows());
}

void access_narrowed(pqxx::dbtransaction& tx, std::optional<std::int64_t> user_id)
{
    append_event(tx, access_channel, "access.narrowed",
                 user_id ? "{\"user_id\":" + std::to_string(*user_id) + "}" : std::string("{\"user_id\":null}"));
}

} // namespace pswnet::realtime
