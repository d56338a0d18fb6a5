// Notifications newest first, keyset-paginated on id (notifications_user_idx). Settings store only what differs
// from each kind's default.
#include "notifications/store.hpp"

#include "db/audit.hpp"
#include "db/nullable.hpp"
#include "db/statement.hpp"
#include "notifications/unread_counts.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::notifications {
namespace {

const db::statement list_sql{"notifications.list", R"sql(
SELECT n.id, n.kind, n.subject_type, n.subject_id, n.subject_title, n.subject_link, n.post_id,
       rfc3339(n.created_at), n.read_at IS NOT NULL,
       a.id, a.display_name, a.organisation_id, a.organisation_name, a.organisation_code
FROM notifications n
LEFT JOIN people a ON a.id = n.actor_id
WHERE n.user_id = $1 AND (NOT $2 OR n.read_at IS NULL) AND ($3::bigint IS NULL OR n.id < $3)
ORDER BY n.id DESC
LIMIT $4)sql"};

const db::statement mark_some_sql{"notifications.mark_some", R"sql(
UPDATE notifications SET read_at = now()
WHERE user_id = $1 AND read_at IS NULL AND id = ANY(string_to_array($2, ',')::bigint[]))sql"};

const db::statement mark_all_sql{"notifications.mark_all",
                                 "UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL"};

const db::statement chosen_sql{"notifications.chosen",
                               "SELECT kind, delivery FROM notification_settings WHERE user_id = $1"};

const db::statement schedule_sql{"notifications.schedule",
                                 "SELECT hour, weekday FROM digest_schedules WHERE user_id = $1"};

const db::statement clear_chosen_sql{"notifications.clear_chosen",
                                     "DELETE FROM notification_settings WHERE user_id = $1"};

const db::statement insert_chosen_sql{
    "notifications.insert_chosen", "INSERT INTO notification_settings (user_id, kind, delivery) VALUES ($1, $2, $3)"};

const db::statement save_schedule_sql{"notifications.save_schedule", R"sql(
INSERT INTO digest_schedules (user_id, hour, weekday) VALUES ($1, $2, $3)
ON CONFLICT (user_id) DO UPDATE SET hour = excluded.hour, weekday = excluded.weekday)sql"};

const db::statement token_sql{"notifications.unsubscribe_token", R"sql(
SELECT user_id, kind FROM mail_tokens
WHERE token_hash = $1 AND purpose = 'unsubscribe' AND expires_at > now())sql"};

const db::statement turn_off_sql{"notifications.turn_off", R"sql(
INSERT INTO notification_settings (user_id, kind, delivery) VALUES ($1, $2, 'off')
ON CONFLICT (user_id, kind) DO UPDATE SET delivery = 'off')sql"};

const db::statement outbox_sql{"notifications.outbox", R"sql(
SELECT id, recipient, subject, kind, status, attempts, rfc3339(created_at), rfc3339(sent_at),
       CASE WHEN status = 'queued' THEN rfc3339(next_attempt_at) END, last_error
FROM outbox
WHERE ($1::text IS NULL OR status = $1) AND ($2::bigint IS NULL OR id < $2)
ORDER BY id DESC LIMIT $3)sql"};

const db::statement outbox_counts_sql{"notifications.outbox_counts", R"sql(
SELECT count(*) FILTER (WHERE status = 'queued'), count(*) FILTER (WHERE status = 'sent'),
       count(*) FILTER (WHERE status = 'failed')
FROM outbox)sql"};

notification read_notification(const pqxx::row& row)
{
    notification n;
    n.id = row[0].as<std::int64_t>();
    n.kind = row[1].as<std::string>();
    n.about = {row[2].as<std::string>(), row[3].as<std::int64_t>(), row[4].as<std::string>(), row[5].as<std::string>()};
    n.post_id = db::nullable<std::int64_t>(row[6]);
    n.created_at = row[7].as<std::string>();
    n.read = row[8].as<bool>();
    if (!row[9].is_null())
        n.by = actor{row[9].as<std::int64_t>(),
                     row[10].as<std::string>(),
                     {row[11].as<std::int64_t>(), row[12].as<std::string>(), row[13].as<std::string>()}};
    return n;
}

settings read_settings(pqxx::transaction_base& tx, std::int64_t user_id)
{
    settings s;
    auto chosen = db::exec(tx, chosen_sql, user_id);
    for (const auto& k : kinds()) {
        kind_setting setting{std::string(k.name), k.default_delivery};
        for (const auto& row : chosen)
            if (row[0].as<std::string>() == k.name)
                setting.delivery = parse_delivery(row[1].as<std::string>()).value_or(k.default_delivery);
        s.kinds.push_back(std::move(setting));
    }
    auto schedule = db::exec(tx, schedule_sql, user_id);
    if (!schedule.empty()) {
        s.digest_hour = schedule[0][0].as<int>();
        s.digest_weekday = schedule[0][1].as<int>();
    }
    return s;
}

std::string label_of(const std::string& kind)
{
    if (kind == "digest")
        return "Daily and weekly summaries";
    const auto* info = find_kind(kind);
    return info ? std::string(info->label) : kind;
}

} // namespace

awaitable<notification_page> store::list(std::int64_t user_id, bool unread_only, int limit,
                                         std::optional<std::int64_t> after_id)
{
    return pool_.read([=](pqxx::read_transaction& tx) {
        notification_page page;
        for (const auto& row : db::exec(tx, list_sql, user_id, unread_only, after_id, limit + 1))
            page.items.push_back(read_notification(row));
        if (page.items.size() > static_cast<std::size_t>(limit)) {
            page.items.pop_back();
            page.next_after_id = page.items.back().id;
        }
        page.unread_count = unread_count(tx, user_id);
        return page;
    });
}

awaitable<void> store::mark_read(std::int64_t user_id, std::vector<std::int64_t> ids, audit_context audit)
{
    return pool_.write([user_id, ids = std::move(ids), audit = std::move(audit)](pqxx::work& tx) {
        std::string list;
        for (auto id : ids)
            list += (list.empty() ? "" : ",") + std::to_string(id);
        if (ids.empty())
            db::exec(tx, mark_all_sql, user_id);
        else
            db::exec(tx, mark_some_sql, user_id, list);
        db::audit(tx, audit, {"notifications.read", "user", user_id});
    });
}

awaitable<settings> store::settings_of(std::int64_t user_id)
{
    return pool_.read([user_id](pqxx::read_transaction& tx) { return read_settings(tx, user_id); });
}

awaitable<settings> store::save_settings(std::int64_t user_id, settings chosen, audit_context audit)
{
    return pool_.write([user_id, chosen = std::move(chosen), audit = std::move(audit)](pqxx::work& tx) {
        db::exec(tx, clear_chosen_sql, user_id);
        auto changed = nlohmann::json::object();
        for (const auto& k : chosen.kinds) {
            const auto* info = find_kind(k.kind);
            if (info && !info->fixed && k.delivery != info->default_delivery) {
                db::exec(tx, insert_chosen_sql, user_id, k.kind, std::string(to_string(k.delivery)));
                changed[k.kind] = to_string(k.delivery);
            }
        }
        db::exec(tx, save_schedule_sql, user_id, chosen.digest_hour, chosen.digest_weekday);
        db::audit(tx, audit,
                  {"notifications.settings_changed", "user", user_id,
                   nlohmann::json{{"changed_from_defaults", changed},
                                  {"digest_hour", chosen.digest_hour},
                                  {"digest_weekday", chosen.digest_weekday}}
                       .dump()});
        return read_settings(tx, user_id);
    });
}

awaitable<std::optional<unsubscribe_target>> store::unsubscribe_target_of(std::string token_hash)
{
    return pool_.read(
        [token_hash = std::move(token_hash)](pqxx::read_transaction& tx) -> std::optional<unsubscribe_target> {
            auto rows = db::exec(tx, token_sql, token_hash);
            if (rows.empty())
                return std::nullopt;
            auto kind = db::nullable<std::string>(rows[0][1]).value_or("digest");
            return unsubscribe_target{kind, label_of(kind)};
        });
}

awaitable<std::optional<unsubscribe_target>> store::unsubscribe(std::string token_hash, audit_context audit)
{
    return pool_.write([token_hash = std::move(token_hash),
                        audit = std::move(audit)](pqxx::work& tx) -> std::optional<unsubscribe_target> {
        auto rows = db::exec(tx, token_sql, token_hash);
        if (rows.empty())
            return std::nullopt;
        auto user_id = rows[0][0].as<std::int64_t>();
        auto kind = db::nullable<std::string>(rows[0][1]).value_or("digest");
        if (kind == "digest") {
            // No more summaries: every kind that waited for one goes nowhere by email now.
            for (const auto& k : read_settings(tx, user_id).kinds)
                if (k.delivery == delivery::daily || k.delivery == delivery::weekly)
                    db::exec(tx, turn_off_sql, user_id, k.kind);
        } else {
            db::exec(tx, turn_off_sql, user_id, kind);
        }
        auto as_recipient = audit;
        as_recipient.actor_user_id = user_id;
        db::audit(tx, as_recipient,
                  {"notifications.unsubscribed", "user", user_id, nlohmann::json{{"kind", kind}}.dump()});
        return unsubscribe_target{kind, label_of(kind)};
    });
}

awaitable<outbox_page> store::outbox(std::optional<std::string> status, int limit, std::optional<std::int64_t> after_id)
{
    return pool_.read([status = std::move(status), limit, after_id](pqxx::read_transaction& tx) {
        outbox_page page;
        for (const auto& row : db::exec(tx, outbox_sql, status, after_id, limit + 1)) {
            outbox_entry e;
            e.id = row[0].as<std::int64_t>();
            e.recipient = row[1].as<std::string>();
            e.subject = row[2].as<std::string>();
            e.kind = row[3].as<std::string>();
            e.status = row[4].as<std::string>();
            e.attempts = row[5].as<int>();
            e.created_at = row[6].as<std::string>();
            e.sent_at = db::nullable<std::string>(row[7]);
            e.next_attempt_at = db::nullable<std::string>(row[8]);
            e.last_error = db::nullable<std::string>(row[9]);
            page.items.push_back(std::move(e));
        }
        if (page.items.size() > static_cast<std::size_t>(limit)) {
            page.items.pop_back();
            page.next_after_id = page.items.back().id;
        }
        auto counts = db::exec(tx, outbox_counts_sql)[0];
        page.queued = counts[0].as<int>();
        page.sent = counts[1].as<int>();
        page.failed = counts[2].as<int>();
        return page;
    });
}

} // namespace pswnet::notifications
