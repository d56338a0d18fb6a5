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

// Everyone's notification in one statement: recipients in the order given, each once, not the actor, active only.
const db::statement insert_for_each_sql{"notifications.insert_for_each", R"sql(
WITH recipients AS (
    SELECT user_id, min(position) AS position
    FROM unnest(string_to_array($1, ',')::bigint[]) WITH ORDINALITY AS r(user_id, position)
    WHERE user_id IS DISTINCT FROM $8
    GROUP BY user_id),
inserted AS (
    INSERT INTO notifications (user_id, kind, subject_type, subject_id, subject_title, subject_link, post_id, actor_id)
    SELECT p.id, $2, $3, $4, $5, $6, $7, $8 FROM people p JOIN recipients r ON r.user_id = p.id WHERE p.active
    RETURNING id, user_id, created_at)
SELECT i.user_id, i.id, rfc3339(i.created_at) FROM inserted i JOIN recipients r ON r.user_id = i.user_id
ORDER BY r.position)sql"};

const db::statement actor_sql{"notifications.actor", R"sql(
SELECT id, display_name, organisation_id, organisation_name, organisation_code FROM people WHERE id = $1)sql"};

// Those of the recipients who want this kind of notification emailed at once.
const db::statement immediate_mailboxes_sql{"notifications.immediate_mailboxes", R"sql(
SELECT m.id, m.email, m.display_name
FROM mailboxes m LEFT JOIN notification_settings s ON s.user_id = m.id AND s.kind = $2
WHERE m.id = ANY(string_to_array($1, ',')::bigint[]) AND m.active AND coalesce(s.delivery, $3) = 'immediate')sql"};

const db::statement holders_sql{"notifications.holders", R"sql(
SELECT DISTINCT user_id FROM notifications WHERE subject_type = $1 AND subject_id = $2)sql"};

const db::statement withdraw_sql{"notifications.withdraw", R"sql(
DELETE FROM notifications
WHERE subject_type = $1 AND subject_id = $2 AND user_id = ANY(string_to_array($3, ',')::bigint[]))sql"};

std::optional<actor> find_actor(pqxx::work& tx, std::optional<std::int64_t> id)
{
    if (!id)
        return std::nullopt;
    auto rows = db::exec(tx, actor_sql, *id);
    if (rows.empty())
        return std::nullopt;
    const auto& r = rows[0];
    return actor{r[0].as<std::int64_t>(),
                 r[1].as<std::string>(),
                 {r[2].as<std::int64_t>(), r[3].as<std::string>(), r[4].as<std::string>()}};
}

// Writes the person's notification and sends it live; false when their account is disabled.
bool record(pqxx::work& tx, std::int64_t user_id, const notice& n, const std::optional<actor>& by)
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

// The email of a notification someone wants at once: its unsubscribe (and reply) token and its outbox row.
void email(pqxx::work& tx, const pqxx::row& mailbox, const notice& n, const std::optional<actor>& by)
{
    auto user_id = mailbox[0].as<std::int64_t>();
    const auto& settings = current_mail_settings();
    auto unsubscribe = issue_mail_token(tx, "unsubscribe", user_id, n.kind, std::nullopt, unsubscribe_lifetime);
    email_links links{settings.origin + n.about.link, settings.origin + "/settings/notifications",
                      settings.origin + "/unsubscribe/" + unsubscribe};
    queued_email email;
    email.user_id = user_id;
    email.recipient = mailbox[1].as<std::string>();
    email.recipient_name = mailbox[2].as<std::string>();
    email.kind = n.kind;
    bool can_reply = n.about.type == "thread" && settings.reply_domain.has_value();
    if (can_reply) {
        auto reply = issue_mail_token(tx, "reply", user_id, std::nullopt, n.about.id, reply_lifetime);
        email.reply_to = "reply+" + reply + "@" + *settings.reply_domain;
    }
    email.in_reply_to = subject_thread_id(n.about.type, n.about.id);
    email.unsubscribe_url = settings.origin + "/api/v1/unsubscribe/" + unsubscribe;
    email.content = notification_email(n, by, email.recipient_name, links, can_reply);
    enqueue(tx, email);
}

} // namespace

// Set-based, so that telling a thousand followers costs a few statements rather than a few thousand: their
// notifications in one, their unread counts in one, their live events in one, and who wants an email in one; only
// the emails themselves (a token and an outbox row each) are written one by one.
std::vector<std::int64_t> notify(pqxx::work& tx, const notice& n, const std::vector<std::int64_t>& recipients)
{
    std::vector<std::int64_t> notified;
    const auto* kind = find_kind(n.kind);
    if (recipients.empty() || !kind)
        return notified;
    auto inserted = db::exec(tx, insert_for_each_sql, db::id_list(recipients), n.kind, n.about.type, n.about.id,
                             n.about.title, n.about.link, n.post_id, n.actor_id);
    if (inserted.empty())
        return notified;
    for (const auto& row : inserted)
        notified.push_back(row[0].as<std::int64_t>());
    auto unread = unread_counts(tx, notified);

    auto by = find_actor(tx, n.actor_id);
    std::vector<realtime::new_event> events;
    for (const auto& row : inserted) {
        auto user_id = row[0].as<std::int64_t>();
        notification note{row[1].as<std::int64_t>(), n.kind, n.about, n.post_id, by, row[2].as<std::string>(), false};
        events.push_back({"user:" + std::to_string(user_id),
                          nlohmann::json{{"notification", to_json(note)}, {"unread_count", unread[user_id]}}});
    }
    realtime::append_events(tx, "notification.created", events);
    for (const auto& mailbox : db::exec(tx, immediate_mailboxes_sql, db::id_list(notified), n.kind,
                                        std::string(to_string(kind->default_delivery))))
        email(tx, mailbox, n, by);
    return notified;
}

void tell_account_holder(pqxx::work& tx, const account_notice& n)
{
    auto user_id = n.email.user_id.value();
    record(tx, user_id, {.kind = "account", .about = {"account", user_id, n.title, n.link}}, std::nullopt);
    enqueue(tx, n.email);
}

std::vector<std::int64_t> holders(pqxx::work& tx, const std::string& subject_type, std::int64_t subject_id)
{
    std::vector<std::int64_t> ids;
    for (const auto& row : db::exec(tx, holders_sql, subject_type, subject_id))
        ids.push_back(row[0].as<std::int64_t>());
    return ids;
}

void withdraw(pqxx::work& tx, const std::string& subject_type, std::int64_t subject_id,
              const std::vector<std::int64_t>& from)
{
    if (!from.empty())
        db::exec(tx, withdraw_sql, subject_type, subject_id, db::id_list(from));
}

} // namespace pswnet::notifications
