#include "notifications/digests.hpp"

#include "db/statement.hpp"
#include "notifications/email_content.hpp"
#include "notifications/kinds.hpp"
#include "notifications/mail_settings.hpp"
#include "notifications/outbox.hpp"

#include <map>
#include <set>

namespace pswnet::notifications {
namespace {

constexpr auto unsubscribe_lifetime = std::chrono::hours(24 * 365);

const db::statement now_sql{"notifications.digest_now", "SELECT rfc3339(now())"};

const db::statement people_sql{"notifications.digest_people", R"sql(
SELECT m.id, m.email, m.display_name, coalesce(s.hour, 8), coalesce(s.weekday, 1)
FROM mailboxes m LEFT JOIN digest_schedules s ON s.user_id = m.id
WHERE m.active ORDER BY m.id)sql"};

const db::statement chosen_sql{"notifications.digest_chosen",
                               "SELECT user_id, kind, delivery FROM notification_settings"};

// The start of the person's latest period at or before $1: today's (or yesterday's) hour, or this (or last) week's
// weekday and hour, in Europe/London, whatever the offset from UTC that day.
const db::statement claim_sql{"notifications.digest_claim", R"sql(
WITH l AS (SELECT $1::timestamptz AT TIME ZONE 'Europe/London' AS now_local),
     c AS (SELECT now_local,
                  CASE WHEN $3 = 'daily' THEN date_trunc('day', now_local) + make_interval(hours => $4)
                       ELSE date_trunc('week', now_local) + make_interval(days => $5 - 1, hours => $4) END AS start_local
           FROM l),
     p AS (SELECT (CASE WHEN start_local > now_local
                        THEN start_local - CASE WHEN $3 = 'daily' THEN interval '1 day' ELSE interval '7 days' END
                        ELSE start_local END) AT TIME ZONE 'Europe/London' AS period_start
           FROM c)
INSERT INTO digests (user_id, period, period_start, covered_from)
SELECT $2, $3, p.period_start,
       greatest(coalesce((SELECT max(d.period_start) FROM digests d WHERE d.user_id = $2 AND d.period = $3),
                         '-infinity'),
                p.period_start - CASE WHEN $3 = 'daily' THEN interval '1 day' ELSE interval '7 days' END)
FROM p
ON CONFLICT DO NOTHING
RETURNING covered_from, period_start)sql"};

const db::statement told_sql{"notifications.digest_told", R"sql(
SELECT n.kind, n.subject_title, n.subject_link, a.display_name, a.organisation_name
FROM notifications n LEFT JOIN people a ON a.id = n.actor_id
WHERE n.user_id = $1 AND n.created_at >= $2 AND n.created_at < $3
  AND n.kind = ANY(string_to_array($4, ','))
ORDER BY n.id
LIMIT 200)sql"};

const db::statement open_consultations_sql{"notifications.digest_open_consultations", R"sql(
SELECT id, title, response_state, greatest(0, ceil(extract(epoch FROM closes_at - $2::timestamptz) / 86400))::int
FROM open_consultations_for($1))sql"};

const db::statement record_sql{
    "notifications.digest_record",
    "UPDATE digests SET outbox_id = $4 WHERE user_id = $1 AND period = $2 AND period_start = $3"};

struct person {
    std::int64_t id = 0;
    std::string email;
    std::string name;
    int hour = 8;
    int weekday = 1;
};

std::string in_days(int days)
{
    if (days <= 0)
        return "closes today";
    return days == 1 ? "closes in 1 day" : "closes in " + std::to_string(days) + " days";
}

std::string response_words(const std::string& state)
{
    if (state == "submitted")
        return "response submitted";
    if (state == "draft")
        return "response started, not submitted";
    return "no response yet";
}

// Kinds grouped as the settings page groups them, in its order.
std::vector<digest_section> told_sections(const pqxx::result& rows, const std::string& origin)
{
    std::vector<digest_section> sections;
    for (const auto& row : rows) {
        const auto* kind = find_kind(row[0].as<std::string>());
        std::optional<actor> by;
        if (!row[3].is_null())
            by = actor{0, row[3].as<std::string>(), {0, row[4].as<std::string>(), ""}};
        std::string heading = kind ? std::string(kind->group) : std::string("Other");
        auto section =
            std::find_if(sections.begin(), sections.end(), [&](const auto& s) { return s.heading == heading; });
        if (section == sections.end()) {
            sections.push_back({heading, {}});
            section = std::prev(sections.end());
        }
        section->lines.push_back(
            {headline(row[0].as<std::string>(), row[1].as<std::string>(), by), origin + row[2].as<std::string>()});
    }
    return sections;
}

} // namespace

awaitable<digest_run> digests::run_due(std::optional<std::string> at)
{
    return pool_.run([at = std::move(at)](pqxx::connection& connection) {
        digest_run run;
        std::vector<person> people;
        std::map<std::int64_t, std::map<std::string, delivery>> chosen;
        std::string as_of;
        {
            pqxx::read_transaction tx(connection);
            as_of = at ? *at : db::exec(tx, now_sql).at(0)[0].as<std::string>();
            for (const auto& row : db::exec(tx, people_sql))
                people.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>(),
                                  row[3].as<int>(), row[4].as<int>()});
            for (const auto& row : db::exec(tx, chosen_sql))
                if (auto d = parse_delivery(row[2].as<std::string>()))
                    chosen[row[0].as<std::int64_t>()][row[1].as<std::string>()] = *d;
        }
        const auto& settings = current_mail_settings();
        for (const auto& p : people) {
            for (auto period : {delivery::daily, delivery::weekly}) {
                std::string kinds_text;
                bool consultations = period == delivery::weekly;
                for (const auto& k : kinds()) {
                    auto found = chosen[p.id].find(std::string(k.name));
                    auto d = found == chosen[p.id].end() ? k.default_delivery : found->second;
                    if (d != period)
                        continue;
                    kinds_text += (kinds_text.empty() ? "" : ",") + std::string(k.name);
                    consultations = consultations || k.subject == "consultation";
                }
                if (kinds_text.empty())
                    continue;
                auto period_name = std::string(to_string(period));
                pqxx::work tx(connection);
                auto claimed = db::exec(tx, claim_sql, as_of, p.id, period_name, p.hour, p.weekday);
                if (claimed.empty())
                    continue; // this period's digest was already handled, here or by another instance
                ++run.considered;
                auto from = claimed[0][0].as<std::string>();
                auto until = claimed[0][1].as<std::string>();
                auto sections = told_sections(db::exec(tx, told_sql, p.id, from, until, kinds_text), settings.origin);
                if (consultations) {
                    digest_section open{"Consultations open to your authority", {}};
                    for (const auto& row : db::exec(tx, open_consultations_sql, p.id, as_of))
                        open.lines.push_back({row[1].as<std::string>() + ": " +
                                                  response_words(row[2].as<std::string>()) + ", " +
                                                  in_days(row[3].as<int>()),
                                              settings.origin + "/consultations/" + row[0].as<std::string>()});
                    if (!open.lines.empty())
                        sections.push_back(std::move(open));
                }
                if (sections.empty()) {
                    tx.commit(); // nothing to say: the period is handled all the same
                    continue;
                }
                auto unsubscribe = new_mail_token("unsubscribe", p.id, "digest", std::nullopt, unsubscribe_lifetime);
                auto token = unsubscribe.token;
                email_links links{settings.origin + "/notifications", settings.origin + "/settings/notifications",
                                  settings.origin + "/unsubscribe/" + token};
                queued_email email;
                email.tokens.push_back(std::move(unsubscribe));
                email.user_id = p.id;
                email.recipient = p.email;
                email.recipient_name = p.name;
                email.kind = "digest_" + period_name;
                email.content = digest_email(period_name, p.name, sections, links);
                email.unsubscribe_url = settings.origin + "/api/v1/unsubscribe/" + token;
                auto outbox_id = enqueue(tx, email);
                db::exec(tx, record_sql, p.id, period_name, until, outbox_id);
                tx.commit();
                ++run.sent;
            }
        }
        return run;
    });
}

} // namespace pswnet::notifications
