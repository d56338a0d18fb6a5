// Sends the outbox. Every instance runs one sender on its own thread and connection; each takes one due row at a
// time with FOR UPDATE SKIP LOCKED and holds its lock while the message goes out, so two instances never send
// the same row. A row whose commit is lost after sending goes again with the same Message-ID, so receivers can
// drop the repeat. Temporary failures wait first_delay, then twice as long each time, up to max_attempts.
#pragma once

#include "mail/transport.hpp"

#include <pqxx/pqxx>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <thread>

namespace pswnet::notifications {

struct retry_policy {
    std::chrono::seconds first_delay{30};
    int max_attempts = 8;
};

class sender {
public:
    using connector = std::function<std::unique_ptr<pqxx::connection>()>;

    sender(connector connect, std::unique_ptr<mail::transport> transport, retry_policy retries);
    ~sender();
    sender(const sender&) = delete;
    sender& operator=(const sender&) = delete;

    void start();
    void stop();

    // Sends one due message, if there is one; false when none is due. Used by the loop and by commands.
    bool send_one(pqxx::connection& connection);

    const mail::transport& transport() const { return *transport_; }

private:
    void run();

    connector connect_;
    std::unique_ptr<mail::transport> transport_;
    retry_policy retries_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

} // namespace pswnet::notifications
