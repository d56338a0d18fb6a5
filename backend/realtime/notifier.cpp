// The notifier thread. If the database is away, the NOTIFY is dropped: listeners also poll once a second.
#include "realtime/notifier.hpp"

#include "db/statement.hpp"
#include "realtime/event_log.hpp"

#include <spdlog/spdlog.h>

namespace pswnet::realtime {
namespace {

const db::statement notify_sql{"realtime.notify_listeners", std::string("NOTIFY ") + notify_channel};

} // namespace

notifier::notifier(connector connect) : connect_(std::move(connect))
{
}

notifier::~notifier()
{
    stop();
}

void notifier::start()
{
    thread_ = std::thread([this] { run(); });
}

void notifier::stop()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable())
        thread_.join();
}

void notifier::poke()
{
    {
        std::lock_guard lock(mutex_);
        poked_ = true;
    }
    wake_.notify_one();
}

void notifier::run()
{
    std::unique_ptr<pqxx::connection> connection;
    while (true) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return poked_ || stopping_; });
            if (stopping_)
                return;
            poked_ = false;
        }
        try {
            if (!connection)
                connection = connect_();
            pqxx::nontransaction tx(*connection);
            db::exec(tx, notify_sql);
        } catch (const std::exception& e) {
            spdlog::warn("could not notify listeners (they will poll): {}", e.what());
            connection.reset();
        }
    }
}

} // namespace pswnet::realtime
