// Threads and posts SQL: reading, writing and reacting (finding them is thread_search.cpp). List queries use keyset
// pagination on (last_activity_at, id), backed by threads_activity_idx.
#include "forum/thread_store.hpp"

#include "db/audit.hpp"
#include "db/id_list.hpp"
#include "db/nullable.hpp"
#include "db/statement.hpp"
#include "forum/events.hpp"
#include "forum/model_json.hpp"
#include "forum/recipients.hpp"
#include "forum/rows.hpp"

namespace pswnet::forum {
namespace {

const db::statement list_sql{"forum.list_threads", std::string("SELECT") + rows::thread_columns + R"sql(,
    to_char(t.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))sql" +
                                                       rows::thread_from + R"sql(
WHERE ($2::text IS NULL OR t.sector = $2)
  AND ($3::text IS NULL OR t.tags @> ARRAY[$3::text])
  AND ($4::text IS NULL
       OR t.search @@ websearch_to_tsquery('english', $4)
       OR EXISTS (SELECT 1 FROM posts q WHERE q.thread_id = t.id AND q.hidden_at IS NULL
                  AND q.search @@ websearch_to_tsquery('english', $4)))
  AND ($5::text IS NULL
       OR ($5 = 'answered' AND t.accepted_post_id IS NOT NULL)
       OR ($5 = 'unanswered' AND t.kind = 'question' AND t.accepted_post_id IS NULL))
  AND ($6::bigint IS NULL OR t.organisation_id = $6)
  AND ($7::text IS NULL OR a.region_code = $7)
  AND ($8::text IS NULL OR t.kind = $8)
  AND ($9::bigint IS NULL OR (t.last_activity_at, t.id) < ($11::timestamptz, $9::bigint))
  AND ($13::bigint IS NULL
       OR EXISTS (SELECT 1 FROM thread_audience ta WHERE ta.thread_id = t.id AND ta.organisation_id = $13))
  AND ($14::bigint IS NULL OR t.group_id = $14)
  AND thread_readable(t, $1, $12)
ORDER BY t.last_activity_at DESC, t.id DESC
LIMIT $10)sql"};

const db::statement find_sql{"forum.find_thread", std::string("SELECT") + rows::thread_columns + rows::thread_from +
                                                      "WHERE t.id = $2 AND thread_readable(t, $1, $3)"};

const db::statement posts_sql{"forum.thread_posts", std::string("SELECT") + rows::post_columns + rows::post_from +
                                                        "WHERE p.thread_id = $1 ORDER BY p.id LIMIT 2000"};

const db::statement find_post_sql{"forum.find_post",
                                  std::string("SELECT") + rows::post_columns + rows::post_from + "WHERE p.id = $1"};

const db::statement audience_sql{"forum.thread_audience", R"sql(
SELECT o.id, o.name, o.code, t.audience_name
FROM threads t
JOIN thread_audience ta ON ta.thread_id = t.id
JOIN organisation_directory o ON o.id = ta.organisation_id
WHERE t.id = $1 ORDER BY o.name)sql"};

const db::statement revisions_sql{"forum.post_revisions", R"sql(
SELECT r.body_markdown, r.body_html, e.id, e.display_name, e.organisation_id, e.organisation_name,
       e.organisation_code, rfc3339(r.created_at)
FROM post_revisions r JOIN people e ON e.id = r.edited_by
WHERE r.post_id = $1 ORDER BY r.id)sql"};

const db::statement insert_thread{"forum.insert_thread", R"sql(
INSERT INTO threads (title, kind, sector, tags, audience, author_id, organisation_id, readers, readers_organisation_id,
                     readers_region_code, audience_name, group_id)
VALUES ($1, $2, $3, coalesce(string_to_array(nullif($4, ''), ','), '{}'), $5, $6, $7, $8, $9, $10, $11, $12)
RETURNING id)sql"};

const db::statement insert_post{"forum.insert_post", R"sql(
INSERT INTO posts (thread_id, author_id, organisation_id, is_opening, body_markdown, body_html)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id)sql"};

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

// The rest of a reply in one statement, through functions db and realtime publish: its audit row, its events, and
// last its count against the replier's limit, so that one person's concurrent replies wait on their counter only
// for the commit.
const db::statement finish_reply{"forum.finish_reply", R"sql(
SELECT c.counted, c.seconds_left, record_audit($1, 'post.created', 'post', $2, $3, $4, '{}'), append_events($5::jsonb)
FROM count_write($6, $7) c)sql"};

const db::statement insert_audience{
    "forum.insert_audience",
    "INSERT INTO thread_audience (thread_id, organisation_id) SELECT $1, unnest(string_to_array($2, ','))::bigint"};

const db::statement subscribe_sql{
    "forum.subscribe", "INSERT INTO thread_subscriptions (thread_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"};
const db::statement unsubscribe_sql{"forum.unsubscribe",
                                    "DELETE FROM thread_subscriptions WHERE thread_id = $1 AND user_id = $2"};

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

const db::statement record_view_sql{"forum.record_view", R"sql(
WITH seen AS (INSERT INTO thread_views (thread_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1)
UPDATE threads SET view_count = view_count + 1 WHERE id = $1 AND EXISTS (SELECT 1 FROM seen))sql"};

// Who a new thread's opening post or a reply mentions, among those who can read it; the rule is asked of them alone.
const db::statement mentioned_sql{"forum.mentioned", R"sql(
WITH mentioned AS MATERIALIZED (
    SELECT id, roles FROM people
    WHERE strpos($1, '@') > 0 AND active AND position('@' || lower(display_name) IN (SELECT lower($1))) > 0)
SELECT m.id FROM mentioned m JOIN threads t ON t.id = $2
WHERE thread_readable(t, m.id, m.roles && ARRAY['moderator', 'network_admin']))sql"};

const db::statement save_revision{"forum.save_revision", R"sql(
INSERT INTO post_revisions (post_id, body_markdown, body_html, edited_by)
SELECT id, body_markdown, body_html, $2 FROM posts WHERE id = $1)sql"};

const db::statement update_post{"forum.update_post",
                                "UPDATE posts SET body_markdown = $2, body_html = $3, edited_at = now() WHERE id = $1"};

const db::statement set_accepted{"forum.set_accepted", "UPDATE threads SET accepted_post_id = $2 WHERE id = $1"};

const db::statement delete_reaction{
    "forum.delete_reaction",
    "DELETE FROM post_reactions WHERE post_id = $1 AND user_id = $2 AND kind = $3 RETURNING 1"};
const db::statement insert_reaction{"forum.insert_reaction",
                                    "INSERT INTO post_reactions (post_id, user_id, kind) VALUES ($1, $2, $3)"};

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

nlohmann::json details(const nlohmann::json& value)
{
    return value;
}

} // namespace

awaitable<thread_page> thread_store::list(reader viewer, thread_filter f)
{
    return pool_.query([viewer, f = std::move(f)](pqxx::nontransaction& tx) {
        thread_page page;
        std::string last_activity;
        for (const auto& row :
             db::exec(tx, list_sql, viewer.user_id, f.sector, f.tag, f.q, f.status, f.organisation_id, f.region, f.kind,
                      f.after_id, f.limit + 1, f.after_activity, viewer.sees_all, f.addressed_to, f.group_id)) {
            if (page.items.size() == static_cast<std::size_t>(f.limit)) {
                page.next_after_activity = last_activity;
                page.next_after_id = page.items.back().id;
                break;
            }
            page.items.push_back(rows::read_thread(row));
            last_activity = row[rows::thread_column_count].as<std::string>();
        }
        return page;
    });
}

awaitable<std::optional<thread_summary>> thread_store::find(reader viewer, std::int64_t thread_id)
{
    return pool_.query([=](pqxx::nontransaction& tx) -> std::optional<thread_summary> {
        auto result = db::exec(tx, find_sql, viewer.user_id, thread_id, viewer.sees_all);
        if (result.empty())
            return std::nullopt;
        return rows::read_thread(result[0]);
    });
}

awaitable<std::vector<post>> thread_store::posts(std::int64_t viewer, std::int64_t thread_id)
{
    return pool_.query([=](pqxx::nontransaction& tx) {
        std::vector<post> result;
        for (const auto& row : db::exec(tx, posts_sql, thread_id, viewer))
            result.push_back(rows::read_post(row));
        return result;
    });
}

awaitable<std::optional<post>> thread_store::find_post(std::int64_t viewer, std::int64_t post_id)
{
    return pool_.read([=](pqxx::read_transaction& tx) -> std::optional<post> {
        auto result = db::exec(tx, find_post_sql, post_id, viewer);
        if (result.empty())
            return std::nullopt;
        return rows::read_post(result[0]);
    });
}

awaitable<thread_audience> thread_store::audience(std::int64_t thread_id)
{
    return pool_.read([=](pqxx::read_transaction& tx) {
        thread_audience result;
        for (const auto& row : db::exec(tx, audience_sql, thread_id)) {
            result.organisations.push_back(
                {row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>()});
            result.name = db::nullable<std::string>(row[3]);
        }
        return result;
    });
}

awaitable<std::vector<revision>> thread_store::revisions(std::int64_t post_id)
{
    return pool_.read([post_id](pqxx::read_transaction& tx) {
        std::vector<revision> result;
        for (const auto& row : db::exec(tx, revisions_sql, post_id))
            result.push_back({row[0].as<std::string>(), row[1].as<std::string>(), rows::read_author(row, 2),
                              row[7].as<std::string>()});
        return result;
    });
}

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
        auto post_id = db::exec(tx, insert_post, id, who.user_id, who.organisation_id, true, t.body, html)[0][0]
                           .as<std::int64_t>();
        db::exec(tx, subscribe_sql, id, who.user_id);
        if (!audience.empty())
            db::exec(tx, insert_audience, id, db::id_list(audience));
        db::audit(
            tx, audit,
            {"thread.created", "thread", id, details({{"kind", to_string(kind)}, {"audience", t.audience}}).dump()});

        auto summary = events::summary(tx, id);
        events::list_event(tx, summary, "thread.created");
        new_thread_candidates candidates;
        if (!audience.empty())
            candidates.audience = ids_of(db::exec(tx, audience_members, db::id_list(audience), sector, id));
        if (t.readers.scope == "group")
            candidates.group = ids_of(db::exec(tx, group_members_sql, t.readers.group_id));
        else if (kind == thread_kind::announcement)
            candidates.sector = ids_of(db::exec(tx, everyone_in_sector, sector, id));
        candidates.mentioned = ids_of(db::exec(tx, mentioned_sql, t.body, id));
        for (const auto& notice : notices_for_new_thread(kind, candidates, who.user_id))
            events::notify(tx, notice.recipients, {std::string(notice.kind), id, post_id, who.user_id});
        return id;
    });
}

awaitable<bool> thread_store::record_view(std::int64_t viewer, std::int64_t thread_id)
{
    return pool_.write(
        [=](pqxx::work& tx) { return db::exec(tx, record_view_sql, thread_id, viewer).affected_rows() > 0; });
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
            auto mentioned = body.find('@') == std::string::npos ? std::vector<std::int64_t>{}
                                                                 : ids_of(db::exec(tx, mentioned_sql, body, thread_id));
            auto written = db::exec(tx, insert_reply, thread_id, who.user_id, who.organisation_id, body, html,
                                    rights.sees_all, rights.past_locks)
                               .at(0);
            if (written[0].is_null())
                throw closed_to_reply{};
            auto id = written[0].as<std::int64_t>();
            auto followers = ids_in(written[1].as<std::string>());
            const events::notice_text text{written[2].as<std::string>(), body};
            for (const auto& notice : notices_for_reply(followers, mentioned, who.user_id))
                events::notify(tx, notice.recipients, {std::string(notice.kind), thread_id, id, who.user_id}, text);

            // From here to the commit, the thread's row is held: two statements.
            auto touched =
                db::exec(tx, touch_thread, 0, 0, thread_id, id, who.user_id, rights.sees_all, rights.past_locks);
            if (touched.empty())
                throw closed_to_reply{};
            auto thread = rows::read_thread(touched[0]);
            auto reply = rows::read_post(touched[0], rows::thread_column_count);
            auto finished = db::exec(tx, finish_reply, audit.actor_user_id, id, audit.request_id, audit.client_address,
                                     realtime::batch_of(events::reply_events(tx, thread, reply)), limit.key(),
                                     limit.window_seconds())
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

awaitable<void> thread_store::edit_post(principal who, std::int64_t post_id, std::string body, std::string html,
                                        audit_context audit)
{
    return pool_.write(
        [who, post_id, body = std::move(body), html = std::move(html), audit = std::move(audit)](pqxx::work& tx) {
            db::exec(tx, save_revision, post_id, who.user_id);
            db::exec(tx, update_post, post_id, body, html);
            db::audit(tx, audit, {"post.edited", "post", post_id});
            auto stored = events::stored_post(tx, post_id);
            auto summary = events::summary(tx, stored.thread_id);
            auto now_reads = to_json(public_view(summary, stored));
            // A reader replaying the thread must not find the words the edit took out.
            events::rewrite_post(tx, stored, now_reads);
            events::thread_event(tx, stored.thread_id, "post.updated", {{"post", std::move(now_reads)}});
        });
}

awaitable<void> thread_store::accept(principal who, std::int64_t thread_id, std::optional<std::int64_t> post_id,
                                     audit_context audit)
{
    return pool_.write([who, thread_id, post_id, audit = std::move(audit)](pqxx::work& tx) {
        db::exec(tx, set_accepted, thread_id, post_id);
        db::audit(tx, audit,
                  {post_id ? "thread.answer_accepted" : "thread.answer_unaccepted", "thread", thread_id,
                   details({{"post_id", post_id ? nlohmann::json(*post_id) : nlohmann::json()}}).dump()});
        auto summary = events::summary(tx, thread_id);
        events::thread_event(tx, thread_id, "thread.accepted",
                             {{"thread_id", thread_id},
                              {"accepted_post_id", post_id ? nlohmann::json(*post_id) : nlohmann::json()},
                              {"thread", to_json(summary)}});
        events::list_event(tx, summary, "thread.activity");
        if (post_id) {
            auto stored = events::stored_post(tx, *post_id);
            for (const auto& notice : notices_for_accepted_answer(stored.author.id, who.user_id))
                events::notify(tx, notice.recipients, {std::string(notice.kind), thread_id, *post_id, who.user_id});
        }
    });
}

awaitable<reaction_state> thread_store::toggle_reaction(principal who, std::int64_t post_id, std::string kind,
                                                        audit_context audit)
{
    return pool_.write([who, post_id, kind = std::move(kind), audit = std::move(audit)](pqxx::work& tx) {
        bool removed = !db::exec(tx, delete_reaction, post_id, who.user_id, kind).empty();
        if (!removed)
            db::exec(tx, insert_reaction, post_id, who.user_id, kind);
        db::audit(tx, audit,
                  {removed ? "reaction.removed" : "reaction.added", "post", post_id, details({{"kind", kind}}).dump()});
        auto counts = rows::read_post(db::exec(tx, find_post_sql, post_id, who.user_id).at(0));
        events::thread_event(tx, counts.thread_id, "reactions.changed",
                             {{"post_id", post_id}, {"reactions", to_json(counts.reactions)}});
        return reaction_state{counts.reactions, counts.my_reactions};
    });
}

awaitable<void> thread_store::set_subscription(principal who, std::int64_t thread_id, bool subscribed,
                                               audit_context audit)
{
    return pool_.write([who, thread_id, subscribed, audit = std::move(audit)](pqxx::work& tx) {
        if (subscribed)
            db::exec(tx, subscribe_sql, thread_id, who.user_id);
        else
            db::exec(tx, unsubscribe_sql, thread_id, who.user_id);
        db::audit(tx, audit, {subscribed ? "thread.subscribed" : "thread.unsubscribed", "thread", thread_id});
    });
}

} // namespace pswnet::forum
