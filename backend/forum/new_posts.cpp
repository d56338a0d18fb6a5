// A new thread and a reply to one: the writes that tell people, in the same transaction, and the SQL that finds
// whom they tell.
#include "forum/thread_store.hpp"

#include "db/audit.hpp"
#include "db/id_list.hpp"
#include "db/pipelined_transaction.hpp"
#include "db/statement.hpp"
#include "forum/events.hpp"
#include "forum/model_json.hpp"
#include "forum/recipients.hpp"
#include "forum/reply_notices.hpp"
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

// A reply's writes and what its notices and events need, in one statement: the post, the replier's following, who
// followed before it (every part reads the snapshot from before the statement) and can read it still (its readers
// may have narrowed since they followed), and the thread and the reply as no one in particular ($1, 0) reads them,
// with the thread's shape (migration 0035). Nothing is written, and no row comes back, unless the replier may reply:
// the thread is there, they can read it ($7: they read every thread) and it is open to them ($8: a lock does not stop
// them). The rule is asked of its followers alone, never of everyone. Nothing in it depends on the body's words, so
// that PostgreSQL keeps one generic plan of it instead of planning it again for each reply (1.3 ms, half as long as
// it ran); those a reply mentions are found by mentioned_sql, only when it has an @. It is sent with the BEGIN, and
// the thread's row is taken by finish_reply, the last statement, sent with the COMMIT: a reply that tells no one is
// two round trips.
const db::statement insert_reply{"forum.insert_reply",
                                 std::string(R"sql(
WITH open AS MATERIALIZED (
    SELECT t.id FROM threads t
    WHERE t.id = $3 AND thread_readable(t, $2, $7) AND (t.locked_at IS NULL OR $8)),
inserted AS (
    INSERT INTO posts (thread_id, author_id, organisation_id, is_opening, body_markdown, body_html)
    SELECT id, $2, $4, false, $5, $6 FROM open RETURNING *),
following AS (
    INSERT INTO thread_subscriptions (thread_id, user_id) SELECT id, $2 FROM open ON CONFLICT DO NOTHING),
followers AS MATERIALIZED (
    SELECT p.id, p.roles FROM thread_subscriptions s JOIN people p ON p.id = s.user_id WHERE s.thread_id = $3),
readers AS (
    SELECT f.id FROM followers f JOIN threads t ON t.id = $3
    WHERE thread_readable(t, f.id, f.roles && ARRAY['moderator', 'network_admin']))
SELECT (SELECT coalesce(string_agg(id::text, ','), '') FROM readers), thread_shape(t),)sql") +
                                     rows::thread_columns + "," + rows::post_columns + rows::thread_from +
                                     "JOIN open o ON o.id = t.id, inserted p JOIN people pa ON pa.id = p.author_id"};

// The rest of the reply, sent with its COMMIT (migrations 0035 and 0038): its audit row, then the thread's counters,
// whose row every reply to the thread waits for until this one commits, its events and its notifications', and last
// its count against the replier's limit.
const db::statement finish_reply{"forum.finish_reply", R"sql(
SELECT replies, views, last_activity
FROM finish_reply($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13))sql"};

// Thrown to roll back a reply its thread does not take, or to write it again from the thread as it now is.
struct closed_to_reply {};
struct thread_changed {};

// Acts on what finish_reply raised instead of finishing (migration 0035); anything else goes on as it came.
[[noreturn]] void refused(const db::pipelined_error& e, const db::counted_write& limit)
{
    if (e.sqlstate() == "PWR01")
        throw closed_to_reply{};
    if (e.sqlstate() == "PWR02")
        throw thread_changed{};
    if (e.sqlstate() == "PWR03")
        limit.refuse(std::stoi(e.detail()));
    throw e;
}

std::vector<std::int64_t> ids_of(const pqxx::result& result)
{
    std::vector<std::int64_t> ids;
    for (const auto& row : result)
        ids.push_back(row[0].as<std::int64_t>());
    return ids;
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
    co_return co_await replies_.write(reply_request{std::move(who), rights, thread_id, std::move(body), std::move(html),
                                                    std::move(limit), std::move(audit)});
}

awaitable<std::optional<thread_store::stored_reply>> thread_store::add_post_alone(reply_request r)
{
    const auto& [who, rights, thread_id, body, html, limit, audit] = r;
    const auto written_with_begin = db::bind(insert_reply, 0, who.user_id, thread_id, who.organisation_id, body, html,
                                             rights.sees_all, rights.past_locks);
    constexpr int attempts = 3;
    for (int attempt = 1; attempt <= attempts; ++attempt) {
        try {
            co_return co_await pool_.write_pipelined(written_with_begin, [&](db::pipelined_transaction& tx,
                                                                             const db::pipelined_rows& written) {
                if (written.empty())
                    throw closed_to_reply{};
                const auto& row = written[0];
                auto shape = row[1].as<std::string>();
                auto thread = rows::read_thread(row, 2);
                auto reply = rows::read_post(row, 2 + rows::thread_column_count);
                // The notifications' live events, then the reply's: appended together by finish_reply.
                auto appended = notify_of_reply(tx, who.user_id, thread, reply, row[0].as<std::string>(), body);
                std::ranges::move(events::reply_events(tx, thread, reply), std::back_inserter(appended));
                realtime::announce_appended(tx);
                try {
                    auto counters = tx.commit_with(finish_reply, thread_id, who.user_id, rights.sees_all,
                                                   rights.past_locks, shape, reply.id, audit.actor_user_id,
                                                   audit.request_id, audit.client_address, realtime::batch_of(appended),
                                                   limit.key(), limit.window_seconds(), limit.allowed());
                    thread.reply_count = counters.as<int>(0, 0);
                    thread.view_count = counters.as<int>(0, 1);
                    thread.last_activity_at = counters.text(0, 2);
                } catch (const db::pipelined_error& e) {
                    refused(e, limit);
                }
                return std::optional<stored_reply>{stored_reply{std::move(thread), std::move(reply)}};
            });
        } catch (const closed_to_reply&) {
            // Rolled back: nothing of the reply was written.
            co_return std::nullopt;
        } catch (const thread_changed&) {
            // Rolled back; written again, with events that say what the thread now is.
        }
    }
    co_return std::nullopt;
}

} // namespace pswnet::forum
