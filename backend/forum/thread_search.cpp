// Finding threads: full-text search over titles and posts (ranked, with highlighted snippets) and the threads
// whose titles are like a new question's. Both use the GIN indexes on the generated tsvector columns and the
// trigram index on titles; a thread's are on thread_search_terms, so that a reply's update of its thread puts
// nothing into them.
#include "forum/thread_store.hpp"

#include "db/statement.hpp"
#include "forum/rows.hpp"

namespace pswnet::forum {
namespace {

const db::statement similar_sql{"forum.similar_threads",
                                std::string("SELECT") + rows::thread_columns + rows::thread_from + R"sql(
JOIN thread_search_terms s ON s.thread_id = t.id
WHERE (lower(s.title) % lower($2) OR s.search @@ plainto_tsquery('english', $2))
  AND thread_readable(t, $1, $3)
ORDER BY greatest(similarity(lower(s.title), lower($2)), ts_rank(s.search, plainto_tsquery('english', $2))) DESC,
         t.id DESC
LIMIT 5)sql"};

// \x01 and \x02 mark matches; the service escapes the snippet and turns them into <mark>.
const db::statement search_sql{"forum.search", R"sql(
WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query)
SELECT h.*, count(*) OVER () FROM (
(SELECT 'thread', t.id, NULL::bigint, t.title,
        ts_headline('english', t.title, q.query, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', HighlightAll=true'),
        ts_rank(s.search, q.query) * 2, rfc3339(t.created_at)
   FROM threads t JOIN thread_search_terms s ON s.thread_id = t.id, q
  WHERE s.search @@ q.query AND thread_readable(t, $3, $4))
UNION ALL
(SELECT 'post', p.thread_id, p.id, t.title,
        ts_headline('english', p.body_markdown, q.query,
                    'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=30, MinWords=10, MaxFragments=2'),
        ts_rank(p.search, q.query), rfc3339(p.created_at)
   FROM posts p JOIN threads t ON t.id = p.thread_id, q
  WHERE p.hidden_at IS NULL AND p.search @@ q.query AND thread_readable(t, $3, $4))
) h
ORDER BY 6 DESC, 2 DESC
LIMIT $2)sql"};

} // namespace

awaitable<std::vector<thread_summary>> thread_store::similar(reader viewer, std::string title)
{
    return lag_tolerant_.pool_for_read().read([viewer, title = std::move(title)](pqxx::read_transaction& tx) {
        std::vector<thread_summary> result;
        for (const auto& row : db::exec(tx, similar_sql, viewer.user_id, title, viewer.sees_all))
            result.push_back(rows::read_thread(row));
        return result;
    });
}

awaitable<search_results> thread_store::search(reader viewer, std::string q, int limit)
{
    return lag_tolerant_.pool_for_read().read([viewer, q = std::move(q), limit](pqxx::read_transaction& tx) {
        search_results found;
        for (const auto& row : db::exec(tx, search_sql, q, limit, viewer.user_id, viewer.sees_all)) {
            found.hits.push_back({row[0].as<std::string>(), row[1].as<std::int64_t>(),
                                  row[2].is_null() ? std::nullopt : std::optional(row[2].as<std::int64_t>()),
                                  row[3].as<std::string>(), row[4].as<std::string>(), row[5].as<double>(),
                                  row[6].as<std::string>()});
            found.total = row[7].as<int>();
        }
        return found;
    });
}

} // namespace pswnet::forum
