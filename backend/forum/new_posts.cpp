// A new thread and a reply to one: the writes that tell people, in the same transaction, and the SQL that finds
// whom they tell.
#include "forum/thread_store.hpp"

#include "db/audit.hpp"
#include "db/id_list.hpp"
#include "db/statement.hpp"
#include "forum/events.hpp"
#include "forum/model_json.hpp"
#include "forum/recipients.hpp"
#include "forum/rows.hpp"
#include "realtime/event_log.hpp"

#include <algorithm>
#include <iterator>

namespace pswnet::forum {
namespace {

const db::statement insert_thread{"forum.insert_thread", R"sql(
INSERT INTO threads (title, kind, sector, tags, audience, author_id, organisation_id, readers, readers_organisation_id,
                     readers_region_code, audience_name, group_id)
VALUES ($1, $2, $3, coalesce(string_to_array(nullif($4, ''), ','), '{}'), $5, $6, $7, $8, $9, $10, $11, $12)
RETURNING id)sql"};

// The opening post, and its author's following of the thread.
const db::statement insert_opening_post{"forum.insert_opening_post", R"sql(
WITH following AS (INSERT INTO thread_subscriptions (thread_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING)
INSERT INTO posts (thread_id, author_id, organisation_id, is_opening, body_markdown, body_html)
VALUES ($1, $2, $3, true, $4, $5)
RETURNING id)sql"};

const db::statement insert_audience{
    "forum.insert_audience",
    "INSERT INTO thread_audience (thread_id, organisation_id) SELECT $1, unnest(string_to_array($2, ','))::bigint"};

// Everyone told of a new thread must be able to read it: a notification and its email carry its title and text.
const db::statement audience_members{"forum.audience_members", R"sql(
SELECT p.id FROM people p, threads t
WHERE t.id = $3 AND p.active AND p.organisation_id = ANY(string_to_array($1, ',')::bigint[])
  AND (p.sector = $2 OR p.sector = 'both' OR $2 = 'both')
  AND thread_readable(t, p.id, p.roles && ARRAY['moderator', 'network_admin']))sql"};

const db::statement everyone_in_sector{"forum.everyone_in_sector", R"sql(
SELECT p.id FROM people p, threads t
WHERE t.id = $2 AND p.active AND (p.sector = $1 OR p.sector = 'both' OR $1 = 'both')
  AND thread_readable(t, p.id, p.roles && ARRAY['moderator', 'network_admin']))sql"};

const db::statement group_members_sql{"forum.group_members", R"sql(
SELECT p.id FROM group_membership m JOIN people p ON p.id = m.person_id
WHERE m.group_id = $1 AND p.active)sql"};

// Who a new thread's opening post or a reply mentions, among those who can read it; the rule is asked of them alone.
const db::statement mentioned_sql{"forum.mentioned", R"sql(
WITH mentioned AS MATERIALIZED (
    SELECT id, roles FROM people
    WHERE active AND position('@' || lower(display_name) IN (SELECT lower($1))) > 0)
SELECT m.id FROM mentioned m JOIN threads t ON t.id = $2
WHERE thread_readable(t, m.id, m.roles && ARRAY['moderator', 'network_admin']))sql"};

// A reply's writes and what its notices need, in one statement: the post, the replier's following, who followed
// before it (every part reads the snapshot from before the statement) and can read it still (its readers may have
// narrowed since they followed), and the thread's title. Nothing is written unless the replier may reply: the thread
// is there, they can read it ($6: they read every thread) and it is open to them ($7: a lock does not stop them);
// the id is then null. The rule is asked of its followers alone, never of everyone. Nothing in it depends on the
// body's words, so that PostgreSQL keeps one generic plan of it instead of planning it again for each reply (1.3 ms,
// half as long as it ran); those a reply mentions are found by mentioned_sql, only when it has an @. The thread's row
// is left to touch_thread, after the notices: every reply to the thread waits for it.
const db::statement insert_reply{"forum.insert_reply", R"sql(
WITH open AS MATERIALIZED (
    SELECT t.id, t.title FROM threads t
    WHERE t.id = $1 AND thread_readable(t, $2, $6) AND (t.locked_at IS NULL OR $7)),
inserted AS (
    INSERT INTO posts (thread_id, author_id, organisation_id, is_opening, body_markdown, body_html)
    SELECT id, $2, $3, false, $4, $5 FROM open RETURNING id),
following AS (
    INSERT INTO thread_subscriptions (thread_id, user_id) SELECT id, $2 FROM open ON CONFLICT DO NOTHING),
followers AS MATERIALIZED (
    SELECT p.id, p.roles FROM thread_subscriptions s JOIN people p ON p.id = s.user_id WHERE s.thread_id = $1),
readers AS (
    SELECT f.id FROM followers f JOIN threads t ON t.id = $1
    WHERE thread_readable(t, f.id, f.roles && ARRAY['moderator', 'network_admin']))
SELECT (SELECT id FROM inserted),
       (SELECT coalesce(string_agg(id::text, ','), '') FROM readers),
       (SELECT title FROM open))sql"};

// The thread's counters moved for a reply, and the thread and the reply as no one in particular (0 for the viewer of
// both) reads them now, in one statement. The row is updated only if the replier may still reply to it ($5 the
// replier, $6 and $7 as in insert_reply): a lock or narrower readers committed while the reply waited for the row
// are seen here, on the row as it now is. No row then.
const db::statement touch_thread{
    "forum.touch_thread",
    std::string("WITH t AS (UPDATE threads u SET reply_count = reply_count + 1, last_activity_at = now() "
                "WHERE u.id = $3 AND thread_readable(u, $5, $6) AND (u.locked_at IS NULL OR $7) RETURNING *) SELECT") +
        rows::thread_columns + "," + rows::post_columns +
        " FROM t JOIN people a ON a.id = t.author_id JOIN posts p ON p.thread_id = t.id "
        "JOIN people pa ON pa.id = p.author_id WHERE p.id = $4"};

// The rest of a reply in one statement, through functions db and realtime publish: its audit row, its events and
// its notifications', and last its count against the replier's limit, so that one person's concurrent replies wait on
// their counter only for the commit.
const db::statement finish_reply{"forum.finish_reply", R"sql(
SELECT c.counted, c.seconds_left, record_audit($1, 'post.created', 'post', $2, $3, $4, '{}'), append_events($5::jsonb)
FROM count_write($6, $7) c)sql"};

std::vector<std::int64_t> ids_of(const pqxx::result& result)
{
    std::vector<std::int64_t> ids;
    for (const auto& row : result)
        ids.push_back(row[0].as<std::int64_t>());
    return ids;
}

// "3,17,42" -> {3, 17, 42}
std::vector<std::int64_t> ids_in(const std::string& text)
{
    std::vector<std::int64_t> ids;
    for (const auto& part : rows::split(text, ','))
        ids.push_back(std::stoll(part));
    return ids;
}

// Those the text mentions who can read the thread; no round trip for a text with no @ in it.
std::vector<std::int64_t> mentioned_in(pqxx::work& tx, const std::string& text, std::int64_t thread_id)
{
    if (text.find('@') == std::string::npos)
        return {};
    return ids_of(db::exec(tx, mentioned_sql, text, thread_id));
}

} // namespace

awaitable<std::int64_t> thread_store::create(principal who, new_thread t, std::string opening_html,
                                             std::vector<std::int64_t> audience_organisations, audit_context audit)
{
    return pool_.write([who, t = std::move(t), html = std::move(opening_html),
                        audience = std::move(audience_organisations), audit = std::move(audit)](pqxx::work& tx) {
        // The service checked both.
        const auto kind = t.kind.value();
        const auto sector = std::string(to_string(t.sector.value()));
        auto id = db::exec(tx, insert_thread, t.title, std::string(to_string(kind)), sector, rows::join(t.tags),
                           t.audience, who.user_id, who.organisation_id, t.readers.scope, t.readers.organisation_id,
                           t.readers.region_code, t.audience_name, t.readers.group_id)
                      .at(0)[0]
                      .as<std::int64_t>();
        auto post_id = db::exec(tx, insert_opening_post, id, who.user_id, who.organisation_id, t.body, html)[0][0]
                           .as<std::int64_t>();
        if (!audience.empty())
            db::exec(tx, insert_audience, id, db::id_list(audience));
        db::audit(tx, audit,
                  {"thread.created", "thread", id,
                   nlohmann::json{{"kind", to_string(kind)}, {"audience", t.audience}}.dump()});

        auto summary = events::summary(tx, id);
        // The thread's event on its lists, then its notifications': appended together.
        auto appended = events::list_events(tx, summary, "thread.created");
        new_thread_candidates candidates;
        if (!audience.empty())
            candidates.audience = ids_of(db::exec(tx, audience_members, db::id_list(audience), sector, id));
        if (t.readers.scope == "group")
            candidates.group = ids_of(db::exec(tx, group_members_sql, t.readers.group_id));
        else if (kind == thread_kind::announcement)
            candidates.sector = ids_of(db::exec(tx, everyone_in_sector, sector, id));
        candidates.mentioned = mentioned_in(tx, t.body, id);
        const events::notice_text text{summary.title, t.body};
        for (const auto& notice : notices_for_new_thread(kind, candidates, who.user_id))
            events::notify(tx, notice.recipients, {std::string(notice.kind), id, post_id, who.user_id}, text, appended);
        realtime::append_events(tx, appended);
        return id;
    });
}

awaitable<std::optional<thread_store::stored_reply>> thread_store::add_post(principal who, reply_rights rights,
                                                                            std::int64_t thread_id, std::string body,
                                                                            std::string html, db::counted_write limit,
                                                                            audit_context audit)
{
    // Thrown to roll back a reply its thread does not take.
    struct closed_to_reply {};
    try {
        co_return co_await pool_.write([&](pqxx::work& tx) {
            auto mentioned = mentioned_in(tx, body, thread_id);
            auto written = db::exec(tx, insert_reply, thread_id, who.user_id, who.organisation_id, body, html,
                                    rights.sees_all, rights.past_locks)
                               .at(0);
            if (written[0].is_null())
                throw closed_to_reply{};
            auto id = written[0].as<std::int64_t>();
            auto followers = ids_in(written[1].as<std::string>());
            const events::notice_text text{written[2].as<std::string>(), body};
            // The notifications' live events, then the reply's: appended together by finish_reply.
            std::vector<realtime::typed_event> appended;
            for (const auto& notice : notices_for_reply(followers, mentioned, who.user_id))
                events::notify(tx, notice.recipients, {std::string(notice.kind), thread_id, id, who.user_id}, text,
                               appended);

            // From here to the commit, the thread's row is held: two statements.
            auto touched =
                db::exec(tx, touch_thread, 0, 0, thread_id, id, who.user_id, rights.sees_all, rights.past_locks);
            if (touched.empty())
                throw closed_to_reply{};
            auto thread = rows::read_thread(touched[0]);
            auto reply = rows::read_post(touched[0], rows::thread_column_count);
            std::ranges::move(events::reply_events(tx, thread, reply), std::back_inserter(appended));
            auto finished = db::exec(tx, finish_reply, audit.actor_user_id, id, audit.request_id, audit.client_address,
                                     realtime::batch_of(appended), limit.key(), limit.window_seconds())
                                .at(0);
            realtime::announce_appended(tx);
            limit.check(finished[0].as<int>(), finished[1].as<int>());
            return std::optional<stored_reply>{stored_reply{std::move(thread), std::move(reply)}};
        });
    } catch (const closed_to_reply&) {
        // Rolled back: nothing of the reply was written.
    }
    co_return std::nullopt;
}

} // namespace pswnet::forum
