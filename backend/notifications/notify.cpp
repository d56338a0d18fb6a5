#include "notifications/notify.hpp"

#include "db/nullable.hpp"
#include "db/statement.hpp"
#include "notifications/mail_settings.hpp"
#include "notifications/model_json.hpp"
#include "notifications/outbox.hpp"
#include "realtime/event_log.hpp"

#include <algorithm>

namespace pswnet::notifications {
namespace {

constexpr auto unsubscribe_lifetime = std::chrono::hours(24 * 365);
constexpr auto reply_lifetime = std::chrono::hours(24 * 30);

const db::statement insert_sql{"notifications.insert", R"sql(
INSERT INTO notifications (user_id, kind, subject_type, subject_id, subject_title, subject_link, post_id, actor_id)
SELECT $1, $2, $3, $4, $5, $6, $7, $8 FROM people WHERE id = $1 AND active
RETURNING id, rfc3339(created_at))sql"};

const db::statement unread_sql{"notifications.unread",
                               "SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL"};

const db::statement actor_sql{"notifications.actor", R"sql(
SELECT id, display_name, organisation_id, organisation_name, organisation_code FROM people WHERE id = $1)sql"};

const db::statement mailbox_sql{"notifications.mailbox", R"sql(
SELECT m.email, m.display_name, coalesce(s.delivery, $3)
FROM mailboxes m LEFT JOIN notification_settings s ON s.user_id = m.id AND s.kind = $2
WHERE m.id = $1 AND m.active)sql"};

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

void email_if_chosen(pqxx::work& tx, std::int64_t user_id, const notice& n, const std::optional<actor>& by,
                     const kind_info& kind)
{
    auto rows = db::exec(tx, mailbox_sql, user_id, n.kind, std::string(to_string(kind.default_delivery)));
    if (rows.empty() || parse_delivery(rows[0][2].as<std::string>()) != delivery::immediate)
        return;
    const auto& settings = current_mail_settings();
    auto unsubscribe = issue_mail_token(tx, "unsubscribe", user_id, n.kind, std::nullopt, unsubscribe_lifetime);
    email_links links{settings.origin + n.about.link, settings.origin + "/settings/notifications",
                      settings.origin + "/unsubscribe/" + unsubscribe};
    queued_email email;
    email.user_id = user_id;
    email.recipient = rows[0][0].as<std::string>();
    email.recipient_name = rows[0][1].as<std::string>();
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

std::string ids_text(const std::vector<std::int64_t>& ids)
{
    std::string text;
    for (auto id : ids)
        text += (text.empty() ? "" : ",") + std::to_string(id);
    return text;
}

} // namespace

std::vector<std::int64_t> notify(pqxx::work& tx, const notice& n, const std::vector<std::int64_t>& recipients)
{
    std::vector<std::int64_t> notified;
    const auto* kind = find_kind(n.kind);
    if (recipients.empty() || !kind)
        return notified;
    auto by = find_actor(tx, n.actor_id);
    for (auto user_id : recipients) {
        if (user_id == n.actor_id || std::find(notified.begin(), notified.end(), user_id) != notified.end())
            continue;
        if (!record(tx, user_id, n, by))
            continue; // a disabled account
        email_if_chosen(tx, user_id, n, by, *kind);
        notified.push_back(user_id);
    }
    return notified;
}

void tell_account_holder(pqxx::work& tx, const account_notice& n)
{
    auto user_id = n.email.user_id.value();
    record(tx, user_id, {.kind = "account", .about = {"account", user_id, n.title, n.link}}, std::nullopt);
    enqueue(tx, n.email);
}

int unread_count(pqxx::transaction_base& tx, std::int64_t user_id)
{
    return db::exec(tx, unread_sql, user_id).at(0)[0].as<int>();
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
        db::exec(tx, withdraw_sql, subject_type, subject_id, ids_text(from));
}

} // namespace pswnet::notifications
