#include "notifications/outbox.hpp"

#include "core/crypto.hpp"
#include "db/statement.hpp"
#include "notifications/mail_settings.hpp"

namespace pswnet::notifications {
namespace {

// The email's row, and the wake of every instance's sender when it commits, in one round trip.
const db::statement insert_email{"notifications.enqueue", std::string(R"sql(
WITH queued AS (
    INSERT INTO outbox (user_id, recipient, recipient_name, subject, text_body, html_body, kind, message_id, reply_to,
                        in_reply_to, list_unsubscribe)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    RETURNING id)
SELECT id, pg_notify(')sql") + outbox_channel + "', '') FROM queued"};

const db::statement insert_token{"notifications.insert_token", R"sql(
INSERT INTO mail_tokens (token_hash, purpose, user_id, kind, subject_id, expires_at)
VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6)))sql"};

const db::statement forget_tokens{"notifications.forget_expired_tokens",
                                  "DELETE FROM mail_tokens WHERE expires_at < now()"};

std::string sender_domain()
{
    const auto& address = current_mail_settings().from.address;
    auto at = address.rfind('@');
    return at == std::string::npos ? std::string("pswnet.invalid") : address.substr(at + 1);
}

} // namespace

std::int64_t enqueue(pqxx::work& tx, const queued_email& email)
{
    auto message_id = mail::new_message_id(current_mail_settings().from.address);
    return db::exec(tx, insert_email, email.user_id, email.recipient, email.recipient_name, email.content.subject,
                    email.content.text, email.content.html, email.kind, message_id, email.reply_to, email.in_reply_to,
                    email.unsubscribe_url)[0][0]
        .as<std::int64_t>();
}

std::string issue_mail_token(pqxx::work& tx, std::string_view purpose, std::int64_t user_id,
                             std::optional<std::string> kind, std::optional<std::int64_t> subject_id,
                             std::chrono::seconds lifetime)
{
    // Reply addresses go through mail servers that may change the case of an address: lower-case hex only, 128 bits.
    auto token = crypto::sha256_hex(crypto::random_token()).substr(0, 32);
    db::exec(tx, insert_token, crypto::token_hash(token), std::string(purpose), user_id, kind, subject_id,
             static_cast<double>(lifetime.count()));
    return token;
}

int forget_expired_mail_tokens(pqxx::work& tx)
{
    return static_cast<int>(db::exec(tx, forget_tokens).affected_rows());
}

std::string subject_thread_id(const std::string& subject_type, std::int64_t subject_id)
{
    return "<" + subject_type + "-" + std::to_string(subject_id) + "@" + sender_domain() + ">";
}

} // namespace pswnet::notifications
