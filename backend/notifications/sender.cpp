#include "notifications/sender.hpp"

#include "db/statement.hpp"
#include "mail/message.hpp"
#include "notifications/mail_settings.hpp"
#include "notifications/outbox.hpp"

#include <spdlog/spdlog.h>

#include <cmath>

namespace pswnet::notifications {
namespace {

const db::statement claim_sql{"notifications.claim_email", R"sql(
SELECT id, recipient, recipient_name, subject, text_body, html_body, message_id, reply_to, in_reply_to,
       list_unsubscribe, attempts, extract(epoch FROM created_at)::bigint, kind
FROM outbox
WHERE status = 'queued' AND next_attempt_at <= now()
ORDER BY next_attempt_at, id
LIMIT 1
FOR UPDATE SKIP LOCKED)sql"};

// A sent message keeps its envelope for the administrators' view, not its words: links in it (an invitation's)
// are credentials.
const db::statement sent_sql{"notifications.email_sent", R"sql(
UPDATE outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL,
                  text_body = '', html_body = ''
WHERE id = $1)sql"};

const db::statement retry_sql{"notifications.email_retry", R"sql(
UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => $3)
WHERE id = $1)sql"};

const db::statement failed_sql{"notifications.email_failed", R"sql(
UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = $2, text_body = '', html_body = ''
WHERE id = $1)sql"};

class wake_on_notify : public pqxx::notification_receiver {
public:
    explicit wake_on_notify(pqxx::connection_base& c) : pqxx::notification_receiver(c, outbox_channel) {}
    void operator()(const std::string&, int) override {}
};

template <class T> std::optional<T> optional_field(const pqxx::field& f)
{
    if (f.is_null())
        return std::nullopt;
    return f.as<T>();
}

} // namespace

sender::sender(connector connect, std::unique_ptr<mail::transport> transport, retry_policy retries)
    : connect_(std::move(connect)), transport_(std::move(transport)), retries_(retries)
{
}

sender::~sender()
{
    stop();
}

void sender::start()
{
    thread_ = std::thread([this] { run(); });
}

void sender::stop()
{
    stopping_ = true;
    if (thread_.joinable())
        thread_.join();
}

bool sender::send_one(pqxx::connection& connection)
{
    pqxx::work tx(connection);
    auto rows = db::exec(tx, claim_sql);
    if (rows.empty())
        return false;
    const auto& row = rows[0];
    auto id = row[0].as<std::int64_t>();
    auto attempts = row[10].as<int>();
    const auto& settings = current_mail_settings();
    mail::outgoing_message message;
    message.from = settings.from;
    message.to = {row[2].as<std::string>(), row[1].as<std::string>()};
    message.subject = row[3].as<std::string>();
    message.text = row[4].as<std::string>();
    message.html = row[5].as<std::string>();
    message.message_id = row[6].as<std::string>();
    message.reply_to = optional_field<std::string>(row[7]);
    message.in_reply_to = optional_field<std::string>(row[8]);
    message.unsubscribe_url = optional_field<std::string>(row[9]);
    message.date = std::chrono::system_clock::time_point(std::chrono::seconds(row[11].as<std::int64_t>()));
    auto kind = row[12].as<std::string>();

    mail::delivery_result result;
    try {
        result = transport_->deliver(
            {message.from.address, message.to.address, message.message_id, mail::render_mime(message)});
    } catch (const std::exception& e) {
        // A message that cannot even be written must not be taken again and again.
        result = {mail::delivery_outcome::permanent_failure, std::string("cannot write this email: ") + e.what()};
    }
    switch (result.outcome) {
    case mail::delivery_outcome::delivered:
        db::exec(tx, sent_sql, id);
        spdlog::info("email {} ({}) sent: {}", id, kind, result.detail);
        break;
    case mail::delivery_outcome::temporary_failure:
        if (attempts + 1 < retries_.max_attempts) {
            auto delay = static_cast<double>(retries_.first_delay.count()) * std::pow(2.0, attempts);
            db::exec(tx, retry_sql, id, result.detail, std::min(delay, 86'400.0));
            spdlog::warn("email {} ({}) not sent, trying again in {} s: {}", id, kind, delay, result.detail);
            break;
        }
        [[fallthrough]];
    case mail::delivery_outcome::permanent_failure:
        db::exec(tx, failed_sql, id, result.detail);
        spdlog::error("email {} ({}) failed after {} attempt(s): {}", id, kind, attempts + 1, result.detail);
        break;
    }
    tx.commit();
    return true;
}

void sender::run()
{
    auto backoff = std::chrono::milliseconds(200);
    bool connected = false;
    while (!stopping_) {
        try {
            auto owned = connect_();
            auto& connection = *owned;
            wake_on_notify receiver(connection);
            connected = true;
            backoff = std::chrono::milliseconds(200);
            while (!stopping_) {
                while (!stopping_ && send_one(connection)) {}
                // NOTIFY wakes it at once; otherwise it looks again each second for retries that fell due.
                connection.await_notification(1, 0);
            }
        } catch (const std::exception& e) {
            if (std::exchange(connected, false))
                spdlog::warn("outbox sender lost the database: {}", e.what());
            auto until = std::chrono::steady_clock::now() + backoff;
            while (!stopping_ && std::chrono::steady_clock::now() < until)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
        }
    }
}

} // namespace pswnet::notifications
