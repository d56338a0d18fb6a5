// Replies that arrive while others are being written, written together in one transaction (db::write_batches):
// insert_replies with the BEGIN, then each reply's notices, then finish_replies (migration 0040), then the events of
// them all with the COMMIT. A batch that cannot be written whole (a thread closed or changed under it, a writer past
// their limit) is rolled back; the replies at fault are written alone, which decides what becomes of each, and the
// others together again. Any other failure but an outage rolls it back too, and each reply is written alone.
#include "forum/thread_store.hpp"

#include "core/error.hpp"
#include "db/pipelined_transaction.hpp"
#include "db/statement.hpp"
#include "forum/events.hpp"
#include "forum/reply_notices.hpp"
#include "forum/rows.hpp"
#include "realtime/event_log.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <string_view>
#include <vector>

namespace pswnet::forum {
namespace {

constexpr std::size_t most_replies_in_a_batch = 32;

// As insert_reply, for the replies of a batch given as a JSON array ($3, one object a reply: thread_id, replier,
// organisation_id, body, html, sees_all, past_locks): a row for each reply written, with its place in the batch
// (from 1), in order. Each post's id is taken from its sequence, in the batch's order, before it is written, which is
// how a row finds its reply. Followings are written in the order of their keys, so that two batches never wait for
// each other in turn. The thread and the post are read as no one in particular ($1 and $2, 0) reads them. Followers
// are read from before the statement, as insert_reply reads them: a reply does not tell those who reply to the same
// thread in the same batch, as it would not tell those replying at the same moment alone. Threads and followings are
// found by `= ANY (ARRAY(…))`, which PostgreSQL plans for a few ids (index scans), where a join with the JSON's rows,
// which it takes for a hundred, read every thread; and each follower's roles by a subquery of their own, where a join
// with every person was planned for the followings of ten threads.
const db::statement insert_replies{"forum.insert_replies", std::string(R"sql(
WITH asked AS MATERIALIZED (
    SELECT * FROM ROWS FROM (jsonb_to_recordset($3::jsonb)
        AS (thread_id bigint, replier bigint, organisation_id bigint, body text, html text, sees_all boolean,
            past_locks boolean)) WITH ORDINALITY
        AS a(thread_id, replier, organisation_id, body, html, sees_all, past_locks, position)),
open AS MATERIALIZED (
    SELECT o.*, nextval(pg_get_serial_sequence('posts', 'id')) AS post_id
    FROM (SELECT a.* FROM asked a JOIN threads t ON t.id = a.thread_id
          WHERE t.id = ANY (ARRAY(SELECT thread_id FROM asked))
            AND thread_readable(t, a.replier, a.sees_all) AND (t.locked_at IS NULL OR a.past_locks)
          ORDER BY a.position) o),
inserted AS (
    INSERT INTO posts (id, thread_id, author_id, organisation_id, is_opening, body_markdown, body_html)
    OVERRIDING SYSTEM VALUE
    SELECT post_id, thread_id, replier, organisation_id, false, body, html FROM open ORDER BY position
    RETURNING *),
following AS (
    INSERT INTO thread_subscriptions (thread_id, user_id)
    SELECT DISTINCT thread_id, replier FROM open ORDER BY thread_id, replier
    ON CONFLICT DO NOTHING),
followers AS MATERIALIZED (
    SELECT s.thread_id, s.user_id AS id, (SELECT p.roles FROM people p WHERE p.id = s.user_id) AS roles
    FROM thread_subscriptions s WHERE s.thread_id = ANY (ARRAY(SELECT thread_id FROM asked))),
readers AS (
    SELECT f.thread_id, f.id FROM followers f JOIN threads t ON t.id = f.thread_id
    WHERE thread_readable(t, f.id, f.roles && ARRAY['moderator', 'network_admin']))
SELECT o.position, (SELECT coalesce(string_agg(r.id::text, ','), '') FROM readers r WHERE r.thread_id = t.id),
    thread_shape(t),)sql") + rows::thread_columns + "," + rows::post_columns +
                                                               rows::thread_from +
                                                               R"sql(
JOIN open o ON o.thread_id = t.id JOIN inserted p ON p.id = o.post_id JOIN people pa ON pa.id = p.author_id
ORDER BY o.position)sql"};

const db::statement finish_replies{"forum.finish_replies",
                                   "SELECT reply, replies, views, last_activity FROM finish_replies($1::jsonb)"};

const db::statement append_reply_events{"forum.append_reply_events", "SELECT append_events($1::jsonb)"};

// Thrown to roll a batch back: the places (from 0) of the replies at fault, to be written alone, the others together
// again; none named, each alone.
struct not_whole {
    std::vector<std::size_t> at_fault;
};

// "ERROR:  at fault: 2,5" -> {1, 4}; empty if the message names no place in a batch of `size`.
std::vector<std::size_t> places_at_fault(const std::string& message, std::size_t size)
{
    constexpr std::string_view marker = "at fault: ";
    const auto at = message.find(marker);
    if (at == std::string::npos)
        return {};
    std::vector<std::size_t> places;
    const auto listed = message.substr(at + marker.size());
    for (const auto& part : rows::split(listed.substr(0, listed.find_first_not_of("0123456789,")), ',')) {
        const auto place = std::stoull(part);
        if (place < 1 || place > size)
            return {};
        places.push_back(place - 1);
    }
    return places;
}

// JSON for PostgreSQL: bytes that are not UTF-8 (a forwarded address, say) become U+FFFD rather than fail the batch.
std::string json_text(const nlohmann::json& value)
{
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// finish_replies' counters, a row a reply in order; not_whole, naming the replies at fault, when it refused the batch.
pqxx::result finished(pqxx::dbtransaction& tx, const nlohmann::json& finishing)
{
    try {
        return db::exec(tx, finish_replies, json_text(finishing));
    } catch (const pqxx::sql_error& e) {
        if (e.sqlstate() == "PWR04")
            throw not_whole{places_at_fault(e.what(), finishing.size())};
        throw;
    }
}

struct written_reply {
    thread_store::stored_reply stored;
    std::string shape;
    std::string followers;
};

} // namespace

thread_store::thread_store(db::pool& pool, db::lag_tolerant_reads& lag_tolerant, std::size_t reply_batches)
    : pool_(pool), lag_tolerant_(lag_tolerant),
      replies_(
          reply_batches, most_replies_in_a_batch,
          [this](std::vector<reply_request> batch) { return add_posts(std::move(batch)); }, reply_batch_counts_)
{
}

awaitable<std::vector<thread_store::reply_batches::result>> thread_store::add_posts(std::vector<reply_request> batch)
{
    std::vector<reply_batches::result> results(batch.size());
    std::vector<std::size_t> at_fault; // none named: each alone
    if (batch.size() > 1) {
        auto asked = nlohmann::json::array();
        for (const auto& r : batch)
            asked.push_back({{"thread_id", r.thread_id},
                             {"replier", r.who.user_id},
                             {"organisation_id", r.who.organisation_id},
                             {"body", r.body},
                             {"html", r.html},
                             {"sees_all", r.rights.sees_all},
                             {"past_locks", r.rights.past_locks}});
        try {
            auto written = co_await pool_.write_pipelined(
                db::bind(insert_replies, 0, 0, json_text(asked)),
                [&batch](db::pipelined_transaction& tx, const db::pipelined_rows& rows) {
                    if (rows.size() != static_cast<int>(batch.size())) { // threads gone or closed to their repliers
                        std::vector<bool> written(batch.size());
                        for (int i = 0; i < rows.size(); ++i)
                            written.at(rows[i][0].as<std::size_t>() - 1) = true;
                        not_whole missing;
                        for (std::size_t place = 0; place < batch.size(); ++place)
                            if (!written[place])
                                missing.at_fault.push_back(place);
                        throw missing;
                    }
                    std::vector<written_reply> replies;
                    std::vector<realtime::typed_event> appended;
                    auto finishing = nlohmann::json::array();
                    for (int i = 0; i < rows.size(); ++i) {
                        const auto row = rows[i];
                        const auto& r = batch.at(row[0].as<std::size_t>() - 1);
                        auto& w = replies.emplace_back(written_reply{
                            {rows::read_thread(row, 3), rows::read_post(row, 3 + rows::thread_column_count)},
                            row[2].as<std::string>(),
                            row[1].as<std::string>()});
                        std::ranges::move(
                            notify_of_reply(tx, r.who.user_id, w.stored.thread, w.stored.reply, w.followers, r.body),
                            std::back_inserter(appended));
                        finishing.push_back(
                            {{"thread_id", r.thread_id},
                             {"replier", r.who.user_id},
                             {"sees_all", r.rights.sees_all},
                             {"past_locks", r.rights.past_locks},
                             {"shape", w.shape},
                             {"object_id", w.stored.reply.id},
                             {"actor_user_id",
                              r.audit.actor_user_id ? nlohmann::json(*r.audit.actor_user_id) : nlohmann::json()},
                             {"request_id", r.audit.request_id},
                             {"client_address", r.audit.client_address},
                             {"write_key", r.limit.key()},
                             {"window_seconds", r.limit.window_seconds()},
                             {"writes_allowed", r.limit.allowed()}});
                    }
                    auto counters = finished(tx, finishing);
                    for (std::size_t i = 0; i < replies.size(); ++i) {
                        auto& thread = replies[i].stored.thread;
                        thread.reply_count = counters[i][1].as<int>();
                        thread.view_count = counters[i][2].as<int>();
                        thread.last_activity_at = counters[i][3].as<std::string>();
                        std::ranges::move(events::reply_events(tx, thread, replies[i].stored.reply),
                                          std::back_inserter(appended));
                    }
                    realtime::announce_appended(tx);
                    tx.commit_with(append_reply_events, realtime::batch_of(appended));
                    return replies;
                });
            for (std::size_t i = 0; i < written.size(); ++i)
                results[i].value = std::move(written[i].stored);
            co_return results;
        } catch (const not_whole& e) {
            // Rolled back: nothing of the batch was written.
            at_fault = e.at_fault;
        } catch (const api_error& e) {
            // The database unreachable, or a COMMIT whose outcome is unknown: nothing is written again.
            if (e.code() == errc::unavailable)
                throw;
            // Anything else (a deadlock, say) rolled the batch back: each alone.
        }
        reply_batch_counts_.not_whole.fetch_add(1, std::memory_order_relaxed);
    }
    // The replies not at fault together again, in a batch of fewer; then the others alone, one after another: what
    // becomes of each is what would have become of it with no other reply about.
    std::vector<bool> alone(batch.size(), at_fault.empty());
    for (auto place : at_fault)
        alone.at(place) = true;
    std::vector<std::size_t> places;
    std::vector<reply_request> rest;
    for (std::size_t i = 0; i < batch.size(); ++i)
        if (!alone[i]) {
            places.push_back(i);
            rest.push_back(std::move(batch[i]));
        }
    if (!rest.empty()) {
        auto again = co_await add_posts(std::move(rest));
        for (std::size_t k = 0; k < places.size(); ++k)
            results[places[k]] = std::move(again[k]);
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (!alone[i])
            continue;
        try {
            results[i].value = co_await add_post_alone(std::move(batch[i]));
        } catch (...) {
            results[i].failure = std::current_exception();
        }
    }
    co_return results;
}

} // namespace pswnet::forum
