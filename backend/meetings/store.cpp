// Meeting queries. Lists use keyset pagination on (starts_at, id): the cursor is the previous page's last meeting.
#include "meetings/store.hpp"

#include "db/audit.hpp"
#include "db/statement.hpp"
#include "meetings/meeting_notices.hpp"
#include "meetings/rows.hpp"
#include "realtime/event_log.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::meetings {
namespace {

using nlohmann::json;

const db::statement upcoming_sql{"meetings.upcoming",
                                 std::string("SELECT") + rows::meeting_columns + rows::meeting_from + R"sql(
WHERE m.group_id = $2 AND m.ends_at > now()
  AND ($3::bigint IS NULL OR (m.starts_at, m.id) > (SELECT a.starts_at, a.id FROM meetings a WHERE a.id = $3))
ORDER BY m.starts_at, m.id
LIMIT $4)sql"};

const db::statement past_sql{"meetings.past",
                             std::string("SELECT") + rows::meeting_columns + rows::meeting_from + R"sql(
WHERE m.group_id = $2 AND m.ends_at <= now()
  AND ($3::bigint IS NULL OR (m.starts_at, m.id) < (SELECT a.starts_at, a.id FROM meetings a WHERE a.id = $3))
ORDER BY m.starts_at DESC, m.id DESC
LIMIT $4)sql"};

const db::statement find_sql{"meetings.find",
                             std::string("SELECT") + rows::meeting_columns + rows::meeting_from + "WHERE m.id = $2"};

const db::statement papers_sql{"meetings.papers",
                               "SELECT resource_id FROM meeting_papers WHERE meeting_id = $1 ORDER BY position"};
const db::statement clear_papers{"meetings.clear_papers", "DELETE FROM meeting_papers WHERE meeting_id = $1"};
const db::statement add_paper{"meetings.add_paper",
                              "INSERT INTO meeting_papers (meeting_id, resource_id, position) VALUES ($1, $2, $3)"};

// $3..$5: the date and clock times in Europe/London.
const db::statement insert_sql{"meetings.insert", R"sql(
INSERT INTO meetings (group_id, title, starts_at, ends_at, location, online_url, agenda, organiser_id)
VALUES ($1, $2, ($3::date + $4::time) AT TIME ZONE 'Europe/London', ($3::date + $5::time) AT TIME ZONE 'Europe/London',
        $6, $7, $8, $9)
RETURNING id)sql"};

// A meeting moved is reminded of again.
const db::statement update_sql{"meetings.update", R"sql(
UPDATE meetings
SET title = $2, starts_at = ($3::date + $4::time) AT TIME ZONE 'Europe/London',
    ends_at = ($3::date + $5::time) AT TIME ZONE 'Europe/London', location = $6, online_url = $7, agenda = $8,
    sequence = sequence + 1, updated_at = now(),
    reminded_at = CASE WHEN starts_at = ($3::date + $4::time) AT TIME ZONE 'Europe/London' THEN reminded_at END
WHERE id = $1)sql"};

const db::statement cancel_sql{"meetings.cancel", R"sql(
UPDATE meetings SET cancelled_at = now(), cancel_reason = nullif($2, ''), sequence = sequence + 1, updated_at = now()
WHERE id = $1 AND cancelled_at IS NULL
RETURNING 1)sql"};

const db::statement answer_sql{"meetings.answer", R"sql(
INSERT INTO meeting_rsvps (meeting_id, person_id, answer) VALUES ($1, $2, $3)
ON CONFLICT (meeting_id, person_id) DO UPDATE SET answer = excluded.answer, answered_at = now())sql"};

const db::statement counts_sql{"meetings.counts", R"sql(
SELECT count(*) FILTER (WHERE answer = 'going'), count(*) FILTER (WHERE answer = 'maybe'),
       count(*) FILTER (WHERE answer = 'not_going')
FROM meeting_rsvps WHERE meeting_id = $1)sql"};

const db::statement attendees_sql{"meetings.attendees", R"sql(
SELECT p.id, p.display_name, p.organisation_id, p.organisation_name, p.organisation_code, r.answer,
       rfc3339(r.answered_at)
FROM meeting_rsvps r JOIN people p ON p.id = r.person_id
WHERE r.meeting_id = $1 AND p.active
ORDER BY array_position(ARRAY['going', 'maybe', 'not_going'], r.answer), lower(p.display_name), p.id)sql"};

const db::statement link_minutes_sql{"meetings.link_minutes", R"sql(
UPDATE meetings SET minutes_thread_id = $2, updated_at = now() WHERE id = $1 AND minutes_thread_id IS NULL
RETURNING 1)sql"};

void replace_papers(pqxx::work& tx, std::int64_t meeting_id, const std::vector<std::int64_t>& paper_ids)
{
    db::exec(tx, clear_papers, meeting_id);
    for (std::size_t i = 0; i < paper_ids.size(); ++i)
        db::exec(tx, add_paper, meeting_id, paper_ids[i], static_cast<int>(i));
}

} // namespace

awaitable<meeting_page> store::list(std::int64_t viewer, std::int64_t group_id, meeting_filter f)
{
    return pool_.read([=](pqxx::read_transaction& tx) {
        meeting_page page;
        for (const auto& row :
             db::exec(tx, f.past ? past_sql : upcoming_sql, viewer, group_id, f.after_id, f.limit + 1)) {
            if (page.items.size() == static_cast<std::size_t>(f.limit)) {
                page.next_after_id = page.items.back().id;
                break;
            }
            page.items.push_back(rows::read_meeting(row));
        }
        return page;
    });
}

awaitable<std::optional<meeting>> store::find(std::int64_t viewer, std::int64_t id)
{
    return pool_.read([=](pqxx::read_transaction& tx) -> std::optional<meeting> {
        auto found = db::exec(tx, find_sql, viewer, id);
        if (found.empty())
            return std::nullopt;
        return rows::read_meeting(found[0]);
    });
}

awaitable<std::vector<std::int64_t>> store::paper_ids(std::int64_t id)
{
    return pool_.read([id](pqxx::read_transaction& tx) {
        std::vector<std::int64_t> ids;
        for (const auto& row : db::exec(tx, papers_sql, id))
            ids.push_back(row[0].as<std::int64_t>());
        return ids;
    });
}

awaitable<std::int64_t> store::create(const group_ref& group, const meeting_fields& f, audit_context audit)
{
    return pool_.write([group, f, audit = std::move(audit)](pqxx::work& tx) {
        const auto organiser = audit.actor_user_id.value(); // someone signed in
        auto id = db::exec(tx, insert_sql, group.id, f.title, f.date, f.start_time, f.end_time, f.location,
                           f.online_url, f.agenda, organiser)
                      .at(0)[0]
                      .as<std::int64_t>();
        replace_papers(tx, id, f.paper_ids);
        db::audit(tx, audit, {"meeting.created", "meeting", id, json{{"group_id", group.id}}.dump()});
        const meeting_notices::about about{id, group.id, f.title};
        meeting_notices::arranged(tx, about, organiser);
        meeting_notices::event(tx, about, "meeting.created");
        return id;
    });
}

awaitable<void> store::update(const meeting& before, const meeting_fields& f, bool tell_coming, audit_context audit)
{
    return pool_.write([before, f, tell_coming, audit = std::move(audit)](pqxx::work& tx) {
        db::exec(tx, update_sql, before.id, f.title, f.date, f.start_time, f.end_time, f.location, f.online_url,
                 f.agenda);
        replace_papers(tx, before.id, f.paper_ids);
        db::audit(tx, audit, {"meeting.updated", "meeting", before.id});
        const meeting_notices::about about{before.id, before.group.id, f.title};
        if (tell_coming)
            meeting_notices::changed(tx, about, "Changed", audit.actor_user_id);
        meeting_notices::event(tx, about, "meeting.updated");
    });
}

awaitable<bool> store::cancel(const meeting& m, const std::string& reason, audit_context audit)
{
    return pool_.write([m, reason, audit = std::move(audit)](pqxx::work& tx) {
        if (db::exec(tx, cancel_sql, m.id, reason).empty())
            return false;
        db::audit(tx, audit, {"meeting.cancelled", "meeting", m.id});
        const meeting_notices::about about{m.id, m.group.id, m.title};
        meeting_notices::changed(tx, about, "Cancelled", audit.actor_user_id);
        meeting_notices::event(tx, about, "meeting.cancelled");
        return true;
    });
}

awaitable<rsvp_counts> store::answer(const meeting& m, std::int64_t person_id, const std::string& answer)
{
    return pool_.write([m, person_id, answer](pqxx::work& tx) {
        db::exec(tx, answer_sql, m.id, person_id, answer);
        auto row = db::exec(tx, counts_sql, m.id).at(0);
        rsvp_counts counts{row[0].as<int>(), row[1].as<int>(), row[2].as<int>()};
        realtime::append_event(
            tx, "group:" + std::to_string(m.group.id), "meeting.rsvp",
            json{{"group_id", m.group.id},
                 {"meeting_id", m.id},
                 {"rsvp_counts", {{"going", counts.going}, {"maybe", counts.maybe}, {"not_going", counts.not_going}}}}
                .dump());
        return counts;
    });
}

awaitable<std::vector<attendee>> store::attendees(std::int64_t id)
{
    return pool_.read([id](pqxx::read_transaction& tx) {
        std::vector<attendee> result;
        for (const auto& row : db::exec(tx, attendees_sql, id))
            result.push_back({{row[0].as<std::int64_t>(),
                               row[1].as<std::string>(),
                               {row[2].as<std::int64_t>(), row[3].as<std::string>(), row[4].as<std::string>()}},
                              row[5].as<std::string>(),
                              row[6].as<std::string>()});
        return result;
    });
}

awaitable<bool> store::link_minutes(const meeting& m, std::int64_t thread_id, audit_context audit)
{
    return pool_.write([m, thread_id, audit = std::move(audit)](pqxx::work& tx) {
        if (db::exec(tx, link_minutes_sql, m.id, thread_id).empty())
            return false;
        db::audit(tx, audit, {"meeting.minutes_posted", "meeting", m.id, json{{"thread_id", thread_id}}.dump()});
        meeting_notices::event(tx, {m.id, m.group.id, m.title}, "meeting.updated");
        return true;
    });
}

} // namespace pswnet::meetings
