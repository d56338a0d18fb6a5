// One LISTEN connection per instance: wakes on NOTIFY, reads new events by id in order and hands them to the
// hub. It reconnects after a database restart and catches up from the last id it delivered.
#pragma once

#include "realtime/hub.hpp"

#include <pqxx/pqxx>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace pswnet::realtime {

class listener {
public:
    // An event that follows a gap in ids is held back this long, in case the gap is a transaction that committed
    // later than a newer one; after that the gap is taken to be a rolled-back transaction. Longer than any
    // writing transaction should take (statements time out after 5 s); a real rollback only delays what follows.
    static constexpr auto gap_grace = std::chrono::seconds(15);

    using connector = std::function<std::unique_ptr<pqxx::connection>()>;

    listener(connector connect, hub& target);
    ~listener();
    listener(const listener&) = delete;
    listener& operator=(const listener&) = delete;

    void start();
    void stop();
    bool connected() const noexcept { return connected_.load(); }

private:
    void run();
    bool deliver_new(pqxx::connection& connection); // returns false while waiting for a gap to settle

    connector connect_;
    hub& hub_;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> connected_{false};
    std::int64_t last_id_ = 0;
    std::thread thread_;
};

} // namespace pswnet::realtime
