#include "notifications/outbox.hpp"

#include "core/crypto.hpp"
#include "core/optional_json.hpp"
#include "db/statement.hpp"
#include "notifications/mail_settings.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <span>

namespace pswnet::notifications {
namespace {

// The emails' rows and their links' tokens, and the wake of every instance's sender when they commit, in one round
// trip however many there are. $1 and $2 are JSON arrays of the tokens and the emails; the rows are inserted, and
// their ids drawn, in the emails' order.
const db::statement insert_emails{"notifications.enqueue", std::string(R"sql(
WITH tokens AS (
    INSERT INTO mail_tokens (token_hash, purpose, user_id, kind, subject_id, expires_at)
    SELECT token_hash, purpose, user_id, kind, subject_id, now() + make_interval(secs => seconds)
    FROM jsonb_to_recordset($1::jsonb) AS t(token_hash text, purpose text, user_id bigint, kind text,
                                            subject_id bigint, seconds double precision)),
queued AS (
    INSERT INTO outbox (user_id, recipient, recipient_name, subject, text_body, html_body, kind, message_id, reply_to,
                        in_reply_to, list_unsubscribe)
    SELECT user_id, recipient, recipient_name, subject, text_body, html_body, kind, message_id, reply_to, in_reply_to,
           list_unsubscribe
    FROM jsonb_to_recordset($2::jsonb) AS e(user_id bigint, recipient text, recipient_name text, subject text,
                                            text_body text, html_body text, kind text, message_id text, reply_to text,
                                            in_reply_to text, list_unsubscribe text)
    RETURNING id)
SELECT id, pg_notify(')sql") + outbox_channel + "', '') FROM queued ORDER BY id"};

const db::statement forget_tokens{"notifications.forget_expired_tokens",
                                  "DELETE FROM mail_tokens WHERE expires_at < now()"};

std::string sender_domain()
{
    const auto& address = current_mail_settings().from.address;
    auto at = address.rfind('@');
    return at == std::string::npos ? std::string("pswnet.invalid") : address.substr(at + 1);
}

} // namespace

mail_token new_mail_token(std::string_view purpose, std::int64_t user_id, std::optional<std::string> kind,
                          std::optional<std::int64_t> subject_id, std::chrono::seconds lifetime)
{
    // Reply addresses go through mail servers that may change the case of an address: lower-case hex only, 128 bits.
    return {crypto::sha256_hex(crypto::random_token()).substr(0, 32),
            std::string(purpose),
            user_id,
            std::move(kind),
            subject_id,
            lifetime};
}

// One statement for up to this many emails: a reply to a thread a thousand people follow holds a few megabytes of
// them at a time, not tens.
constexpr std::size_t emails_per_statement = 200;

std::vector<std::int64_t> enqueue(pqxx::dbtransaction& tx, const std::vector<queued_email>& emails)
{
    std::vector<std::int64_t> ids;
    const auto& from = current_mail_settings().from.address;
    for (std::size_t start = 0; start < emails.size(); start += emails_per_statement) {
        auto tokens = nlohmann::json::array();
        auto rows = nlohmann::json::array();
        for (const auto& email :
             std::span(emails).subspan(start, std::min(emails_per_statement, emails.size() - start))) {
            for (const auto& t : email.tokens)
                tokens.push_back({{"token_hash", crypto::token_hash(t.token)},
                                  {"purpose", t.purpose},
                                  {"user_id", t.user_id},
                                  {"kind", or_null(t.kind)},
                                  {"subject_id", or_null(t.subject_id)},
                                  {"seconds", t.lifetime.count()}});
            rows.push_back({{"user_id", or_null(email.user_id)},
                            {"recipient", email.recipient},
                            {"recipient_name", email.recipient_name},
                            {"subject", email.content.subject},
                            {"text_body", email.content.text},
                            {"html_body", email.content.html},
                            {"kind", email.kind},
                            {"message_id", mail::new_message_id(from)},
                            {"reply_to", or_null(email.reply_to)},
                            {"in_reply_to", or_null(email.in_reply_to)},
                            {"list_unsubscribe", or_null(email.unsubscribe_url)}});
        }
        constexpr auto replace_invalid = nlohmann::json::error_handler_t::replace;
        for (const auto& row : db::exec(tx, insert_emails, tokens.dump(-1, ' ', false, replace_invalid),
                                        rows.dump(-1, ' ', false, replace_invalid)))
            ids.push_back(row[0].as<std::int64_t>());
    }
    return ids;
}

std::int64_t enqueue(pqxx::dbtransaction& tx, const queued_email& email)
{
    return enqueue(tx, std::vector<queued_email>{email}).at(0);
}

int forget_expired_mail_tokens(pqxx::dbtransaction& tx)
{
    return static_cast<int>(db::exec(tx, forget_tokens).affected_rows());
}

std::string subject_thread_id(const std::string& subject_type, std::int64_t subject_id)
{
    return "<" + subject_type + "-" + std::to_string(subject_id) + "@" + sender_domain() + ">";
}

} // namespace pswnet::notifications
