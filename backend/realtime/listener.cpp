// The LISTEN loop runs on its own thread with its own connection (libpqxx connections are not shared).
#include "realtime/listener.hpp"

#include "db/statement.hpp"
#include "realtime/event_log.hpp"

#include <spdlog/spdlog.h>

namespace pswnet::realtime {
namespace {

const db::statement latest_id{"realtime.latest_event_id", "SELECT coalesce(max(id), 0) FROM events"};

const db::statement events_after{"realtime.events_after", R"sql(
SELECT id, channel, type, payload::text, created_at < now() - make_interval(secs => $2)
FROM events WHERE id > $1 ORDER BY id LIMIT 500)sql"};

class wake_on_notify : public pqxx::notification_receiver {
public:
    explicit wake_on_notify(pqxx::connection_base& c) : pqxx::notification_receiver(c, notify_channel) {}
    void operator()(const std::string&, int) override {}
};

} // namespace

listener::listener(connector connect, hub& target) : connect_(std::move(connect)), hub_(target)
{
}

listener::~listener()
{
    stop();
}

void listener::start()
{
    {
        auto c = connect_();
        pqxx::read_transaction tx(*c);
        last_id_ = db::exec(tx, latest_id).at(0)[0].as<std::int64_t>();
    }
    hub_.start_from(last_id_);
    thread_ = std::thread([this] { run(); });
}

void listener::stop()
{
    stopping_ = true;
    if (thread_.joinable())
        thread_.join();
}

bool listener::deliver_new(pqxx::connection& connection)
{
    while (true) {
        // One statement in autocommit: one round trip between a NOTIFY and the events reaching their sockets.
        pqxx::nontransaction tx(connection);
        auto rows = db::exec(tx, events_after, last_id_, static_cast<double>(gap_grace.count()));
        for (const auto& row : rows) {
            auto id = row[0].as<std::int64_t>();
            bool settled = row[4].as<bool>();
            if (id != last_id_ + 1 && !settled)
                return false; // an older transaction may still commit into the gap
            hub_.publish({id, row[1].as<std::string>(), row[2].as<std::string>(), row[3].as<std::string>()});
            last_id_ = id;
        }
        if (rows.size() < 500)
            return true;
    }
}

void listener::run()
{
    auto backoff = std::chrono::milliseconds(200);
    while (!stopping_) {
        try {
            auto owned = connect_();
            auto& connection = *owned;
            // One plan of the events' read, made once: the primary key's index, from the id on, in its order. Left
            // to itself PostgreSQL plans the read again at every call, for the call's own id; and a generic plan
            // made while the table is small scans and sorts it, and is kept until the next ANALYZE however the table
            // grows. Every read on this connection is in id order, so sorting is off for it: only the index's own
            // order is left.
            pqxx::nontransaction(connection).exec0("SET plan_cache_mode = force_generic_plan; SET enable_sort = off");
            wake_on_notify receiver(connection);
            connected_ = true;
            backoff = std::chrono::milliseconds(200);
            spdlog::info("event listener connected; delivering events after {}", last_id_);
            bool settled = deliver_new(connection);
            while (!stopping_) {
                // Short waits while a gap settles; otherwise wake at least every second to notice stop().
                int notified =
                    settled ? connection.await_notification(1, 0) : connection.await_notification(0, 100'000);
                (void)notified;
                settled = deliver_new(connection);
            }
        } catch (const std::exception& e) {
            if (connected_.exchange(false))
                spdlog::warn("event listener lost the database: {}", e.what());
            auto until = std::chrono::steady_clock::now() + backoff;
            while (!stopping_ && std::chrono::steady_clock::now() < until)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
        }
    }
    connected_ = false;
}

} // namespace pswnet::realtime
