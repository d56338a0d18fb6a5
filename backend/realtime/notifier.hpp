// One connection that sends NOTIFY on behalf of every writer of this instance, after their commits; pokes that
// come while a NOTIFY is being sent fold into one more. See notify_mode in event_log.hpp.
#pragma once

#include <pqxx/pqxx>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace pswnet::realtime {

class notifier {
public:
    using connector = std::function<std::unique_ptr<pqxx::connection>()>;

    explicit notifier(connector connect);
    ~notifier();
    notifier(const notifier&) = delete;
    notifier& operator=(const notifier&) = delete;

    void start();
    void stop();
    void poke(); // thread-safe, never blocks on the database

private:
    void run();

    connector connect_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool poked_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace pswnet::realtime
