// Threads and posts SQL: reading them for a viewer, editing, answering, reacting and following. A new thread and a
// reply are new_posts.cpp, and replies written together replies_together.cpp; finding threads is thread_search.cpp.
// List queries use keyset pagination on (last_activity_at, id), backed by threads_activity_idx.
#include "forum/thread_store.hpp"

#include "db/audit.hpp"
#include "db/nullable.hpp"
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

const db::statement list_sql{"forum.list_threads", std::string("SELECT") + rows::thread_columns + R"sql(,
    to_char(t.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))sql" +
                                                       rows::thread_from + R"sql(
WHERE ($2::text IS NULL OR t.sector = $2)
  AND ($3::text IS NULL
       OR EXISTS (SELECT 1 FROM thread_search_terms s WHERE s.thread_id = t.id AND s.tags @> ARRAY[$3::text]))
  AND ($4::text IS NULL
       OR EXISTS (SELECT 1 FROM thread_search_terms s WHERE s.thread_id = t.id
                  AND s.search @@ websearch_to_tsquery('english', $4))
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

const db::statement subscribe_sql{
    "forum.subscribe", "INSERT INTO thread_subscriptions (thread_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"};
const db::statement unsubscribe_sql{"forum.unsubscribe",
                                    "DELETE FROM thread_subscriptions WHERE thread_id = $1 AND user_id = $2"};

const db::statement record_view_sql{"forum.record_view", R"sql(
WITH seen AS (INSERT INTO thread_views (thread_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1)
UPDATE threads SET view_count = view_count + 1 WHERE id = $1 AND EXISTS (SELECT 1 FROM seen))sql"};

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

awaitable<bool> thread_store::record_view(std::int64_t viewer, std::int64_t thread_id)
{
    return pool_.write(
        [=](pqxx::work& tx) { return db::exec(tx, record_view_sql, thread_id, viewer).affected_rows() > 0; });
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
        // The thread's events, then the notifications': appended together.
        std::vector<realtime::typed_event> appended{
            events::on_thread(thread_id, "thread.accepted",
                              {{"thread_id", thread_id},
                               {"accepted_post_id", post_id ? nlohmann::json(*post_id) : nlohmann::json()},
                               {"thread", to_json(summary)}})};
        std::ranges::move(events::list_events(tx, summary, "thread.activity"), std::back_inserter(appended));
        if (post_id) {
            auto stored = events::stored_post(tx, *post_id);
            const events::notice_text text{summary.title, stored.body_markdown};
            for (const auto& notice : notices_for_accepted_answer(stored.author.id, who.user_id))
                events::notify(tx, notice.recipients, {std::string(notice.kind), thread_id, *post_id, who.user_id},
                               text, appended);
        }
        realtime::append_events(tx, appended);
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
