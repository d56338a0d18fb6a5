#include "notifications/notify.hpp"

#include "db/id_list.hpp"
#include "db/nullable.hpp"
#include "db/statement.hpp"
#include "notifications/mail_settings.hpp"
#include "notifications/model_json.hpp"
#include "notifications/outbox.hpp"
#include "notifications/unread_counts.hpp"
#include "realtime/event_log.hpp"

namespace pswnet::notifications {
namespace {

constexpr auto unsubscribe_lifetime = std::chrono::hours(24 * 365);
constexpr auto reply_lifetime = std::chrono::hours(24 * 30);

const db::statement insert_sql{"notifications.insert", R"sql(
INSERT INTO notifications (user_id, kind, subject_type, subject_id, subject_title, subject_link, post_id, actor_id)
SELECT $1, $2, $3, $4, $5, $6, $7, $8 FROM people WHERE id = $1 AND active
RETURNING id, rfc3339(created_at))sql"};

// Everyone's notification, and what its live event and email need, in one statement: recipients in the order given,
// each once, not the actor, active only. Every part reads the snapshot from before the statement, so each count is
// the one before plus the notification just written, which is unread. The email columns are null unless the
// recipient wants this kind emailed at once; the actor's columns are null when there is none.
const db::statement insert_for_each_sql{"notifications.insert_for_each", R"sql(
WITH recipients AS (
    SELECT user_id, min(position) AS position
    FROM unnest(string_to_array($1, ',')::bigint[]) WITH ORDINALITY AS r(user_id, position)
    WHERE user_id IS DISTINCT FROM $8
    GROUP BY user_id),
inserted AS (
    INSERT INTO notifications (user_id, kind, subject_type, subject_id, subject_title, subject_link, post_id, actor_id)
    SELECT p.id, $2, $3, $4, $5, $6, $7, $8 FROM people p JOIN recipients r ON r.user_id = p.id WHERE p.active
    RETURNING id, user_id, created_at),
unread AS (
    SELECT user_id, unread FROM notification_unread WHERE user_id = ANY(string_to_array($1, ',')::bigint[]))
SELECT i.user_id, i.id, rfc3339(i.created_at) AS created_at, coalesce(u.unread, 0) + 1 AS unread_count,
       m.email, m.display_name AS recipient_name, a.display_name AS actor_name,
       a.organisation_id AS actor_organisation_id, a.organisation_name AS actor_organisation_name,
       a.organisation_code AS actor_organisation_code
FROM inserted i JOIN recipients r ON r.user_id = i.user_id
LEFT JOIN unread u ON u.user_id = i.user_id
LEFT JOIN mailboxes m ON m.id = i.user_id AND m.active AND coalesce(
    (SELECT s.delivery FROM notification_settings s WHERE s.user_id = m.id AND s.kind = $2), $9) = 'immediate'
LEFT JOIN people a ON a.id = $8
ORDER BY r.position)sql"};

const db::statement holders_sql{"notifications.holders", R"sql(
SELECT DISTINCT user_id FROM notifications WHERE subject_type = $1 AND subject_id = $2)sql"};

const db::statement withdraw_sql{"notifications.withdraw", R"sql(
DELETE FROM notifications
WHERE subject_type = $1 AND subject_id = $2 AND user_id = ANY(string_to_array($3, ',')::bigint[]))sql"};

// Writes the person's notification and sends it live; false when their account is disabled.
bool record(pqxx::dbtransaction& tx, std::int64_t user_id, const notice& n, const std::optional<actor>& by)
{
    auto inserted = db::exec(tx, insert_sql, user_id, n.kind, n.about.type, n.about.id, n.about.title, n.about.link,
                             n.post_id, n.actor_id);
    if (inserted.empty())
        return false;
    notification note{inserted[0][0].as<std::int64_t>(), n.kind, n.about, n.post_id, by,
                      inserted[0][1].as<std::string>(),  false};
    auto unread = unread_count(tx, user_id);
    realtime::append_event(tx, "user:" + std::to_string(user_id), "notification.created",
                           nlohmann::json{{"notification", to_json(note)}, {"unread_count", unread}}.dump());
    return true;
}

// The email of a notification someone wants at once, with its unsubscribe (and reply) token.
queued_email email(std::int64_t user_id, std::string address, std::string name, const notice& n,
                   const std::optional<actor>& by)
{
    const auto& settings = current_mail_settings();
    auto unsubscribe = new_mail_token("unsubscribe", user_id, n.kind, std::nullopt, unsubscribe_lifetime);
    email_links links{settings.origin + n.about.link, settings.origin + "/settings/notifications",
                      settings.origin + "/unsubscribe/" + unsubscribe.token};
    queued_email email;
    email.user_id = user_id;
    email.recipient = std::move(address);
    email.recipient_name = std::move(name);
    email.kind = n.kind;
    bool can_reply = n.about.type == "thread" && settings.reply_domain.has_value();
    if (can_reply) {
        auto reply = new_mail_token("reply", user_id, std::nullopt, n.about.id, reply_lifetime);
        email.reply_to = "reply+" + reply.token + "@" + *settings.reply_domain;
        email.tokens.push_back(std::move(reply));
    }
    email.in_reply_to = subject_thread_id(n.about.type, n.about.id);
    email.unsubscribe_url = settings.origin + "/api/v1/unsubscribe/" + unsubscribe.token;
    email.content = notification_email(n, by, email.recipient_name, links, can_reply);
    email.tokens.push_back(std::move(unsubscribe));
    return email;
}

} // namespace

std::vector<std::int64_t> notify(pqxx::dbtransaction& tx, const notice& n, const std::vector<std::int64_t>& recipients)
{
    std::vector<realtime::typed_event> events;
    auto notified = notify(tx, n, recipients, events);
    realtime::append_events(tx, events);
    return notified;
}

// Set-based, so that telling a thousand followers costs two statements rather than a few thousand: their
// notifications, counts and wishes for email in one, and the emails of those who want them at once, with their
// tokens, in another. Their live events go with the caller's.
std::vector<std::int64_t> notify(pqxx::dbtransaction& tx, const notice& n, const std::vector<std::int64_t>& recipients,
                                 std::vector<realtime::typed_event>& events)
{
    std::vector<std::int64_t> notified;
    const auto* kind = find_kind(n.kind);
    if (recipients.empty() || !kind)
        return notified;
    auto inserted =
        db::exec(tx, insert_for_each_sql, db::id_list(recipients), n.kind, n.about.type, n.about.id, n.about.title,
                 n.about.link, n.post_id, n.actor_id, std::string(to_string(kind->default_delivery)));
    if (inserted.empty())
        return notified;
    std::optional<actor> by;
    if (const auto& first = inserted[0]; n.actor_id && !first["actor_name"].is_null())
        by = actor{*n.actor_id,
                   first["actor_name"].as<std::string>(),
                   {first["actor_organisation_id"].as<std::int64_t>(),
                    first["actor_organisation_name"].as<std::string>(),
                    first["actor_organisation_code"].as<std::string>()}};
    for (const auto& row : inserted) {
        auto user_id = row["user_id"].as<std::int64_t>();
        notified.push_back(user_id);
        auto id = row["id"].as<std::int64_t>();
        notification note{id, n.kind, n.about, n.post_id, by, row["created_at"].as<std::string>(), false};
        events.push_back(
            {"user:" + std::to_string(user_id), "notification.created",
             nlohmann::json{{"notification", to_json(note)}, {"unread_count", row["unread_count"].as<int>()}}});
    }
    std::vector<queued_email> emails;
    for (const auto& row : inserted)
        if (!row["email"].is_null())
            emails.push_back(email(row["user_id"].as<std::int64_t>(), row["email"].as<std::string>(),
                                   row["recipient_name"].as<std::string>(), n, by));
    enqueue(tx, emails);
    return notified;
}

void tell_account_holder(pqxx::dbtransaction& tx, const account_notice& n)
{
    auto user_id = n.email.user_id.value();
    record(tx, user_id, {.kind = "account", .about = {"account", user_id, n.title, n.link}}, std::nullopt);
    enqueue(tx, n.email);
}

std::vector<std::int64_t> holders(pqxx::dbtransaction& tx, const std::string& subject_type, std::int64_t subject_id)
{
    std::vector<std::int64_t> ids;
    for (const auto& row : db::exec(tx, holders_sql, subject_type, subject_id))
        ids.push_back(row[0].as<std::int64_t>());
    return ids;
}

void withdraw(pqxx::dbtransaction& tx, const std::string& subject_type, std::int64_t subject_id,
              const std::vector<std::int64_t>& from)
{
    if (!from.empty())
        db::exec(tx, withdraw_sql, subject_type, subject_id, db::id_list(from));
}

} // namespace pswnet::notifications
