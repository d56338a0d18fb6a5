// Appending events. NOTIFY carries no payload: listeners read new rows by id, so one notification per
// transaction is enough (PostgreSQL folds identical notifications of one transaction into one).
#include "realtime/event_log.hpp"

#include <atomic>

namespace pswnet::realtime {
namespace {

constexpr const char* insert_event =
    "INSERT INTO events (channel, type, payload) VALUES ($1, $2, $3::jsonb) RETURNING id";
constexpr const char* notify = "SELECT pg_notify('pswnet_events', '')";

std::atomic<bool> notify_enabled{true};

} // namespace

void set_notify(bool enabled)
{
    notify_enabled = enabled;
}

std::int64_t append_event(pqxx::work& tx, std::string_view channel, std::string_view type,
                          const std::string& payload_json)
{
    auto id = tx.exec_params1(insert_event, std::string(channel), std::string(type), payload_json)[0].as<std::int64_t>();
    if (notify_enabled.load(std::memory_order_relaxed))
        tx.exec(notify);
    return id;
}

} // namespace pswnet::realtime
