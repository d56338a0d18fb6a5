// Row shapes of discussions.
#include "forum/rows.hpp"

#include "db/nullable.hpp"
#include "db/pipelined_rows.hpp"

namespace pswnet::forum::rows {

const char* const thread_columns = R"sql(
    t.id, t.title, t.kind, t.sector, array_to_string(t.tags, ','), t.audience,
    a.id, a.display_name, a.organisation_id, a.organisation_name, a.organisation_code,
    t.reply_count, t.view_count, rfc3339(t.created_at), rfc3339(t.last_activity_at), t.locked_at IS NOT NULL,
    t.accepted_post_id,
    EXISTS (SELECT 1 FROM thread_subscriptions s WHERE s.thread_id = t.id AND s.user_id = $1),
    t.readers, t.readers_organisation_id, t.readers_region_code,
    coalesce((SELECT d.name FROM group_directory d WHERE d.id = t.group_id),
             (SELECT g.name FROM region_directory g WHERE g.code = t.readers_region_code),
             (SELECT o.name FROM organisation_directory o WHERE o.id = t.readers_organisation_id)),
    t.group_id)sql";

const char* const thread_from = " FROM threads t JOIN people a ON a.id = t.author_id ";

const char* const post_columns = R"sql(
    p.id, p.thread_id, pa.id, pa.display_name, pa.organisation_id, pa.organisation_name, pa.organisation_code,
    p.is_opening, p.body_markdown, p.body_html, p.hidden_at IS NOT NULL, rfc3339(p.created_at),
    rfc3339(p.edited_at),
    (SELECT count(*) FROM post_revisions r WHERE r.post_id = p.id),
    (SELECT count(*) FILTER (WHERE kind = 'helpful') || ',' || count(*) FILTER (WHERE kind = 'same_here')
       FROM post_reactions r WHERE r.post_id = p.id),
    (SELECT coalesce(string_agg(kind, ',' ORDER BY kind), '') FROM post_reactions r
       WHERE r.post_id = p.id AND r.user_id = $2),
    p.created_at > now() - interval '24 hours')sql";

const char* const post_from = " FROM posts p JOIN people pa ON pa.id = p.author_id ";

std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(separator, start);
        if (end == std::string::npos)
            end = text.size();
        if (end > start)
            parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

std::string join(const std::vector<std::string>& values, char separator)
{
    std::string text;
    for (const auto& v : values) {
        if (!text.empty())
            text.push_back(separator);
        text += v;
    }
    return text;
}

template <class Row> author read_author(const Row& row, pqxx::row::size_type at)
{
    return {db::as<std::int64_t>(row[at]),
            db::as<std::string>(row[at + 1]),
            {db::as<std::int64_t>(row[at + 2]), db::as<std::string>(row[at + 3]), db::as<std::string>(row[at + 4])}};
}

template <class Row> thread_summary read_thread(const Row& row, pqxx::row::size_type at)
{
    thread_summary t;
    t.id = db::as<std::int64_t>(row[at]);
    t.title = db::as<std::string>(row[at + 1]);
    t.kind = parse_thread_kind(db::as<std::string>(row[at + 2])).value_or(thread_kind::discussion);
    t.sector = parse_sector(db::as<std::string>(row[at + 3])).value_or(sector::both);
    t.tags = split(db::as<std::string>(row[at + 4]));
    t.audience = db::as<std::string>(row[at + 5]);
    t.author = read_author(row, at + 6);
    t.reply_count = db::as<int>(row[at + 11]);
    t.view_count = db::as<int>(row[at + 12]);
    t.created_at = db::as<std::string>(row[at + 13]);
    t.last_activity_at = db::as<std::string>(row[at + 14]);
    t.locked = db::as<bool>(row[at + 15]);
    t.accepted_post_id = db::nullable<std::int64_t>(row[at + 16]);
    t.subscribed = db::as<bool>(row[at + 17]);
    t.readers.scope = db::as<std::string>(row[at + 18]);
    t.readers.organisation_id = db::nullable<std::int64_t>(row[at + 19]);
    t.readers.region_code = db::nullable<std::string>(row[at + 20]);
    t.readers.name = db::nullable<std::string>(row[at + 21]);
    t.readers.group_id = db::nullable<std::int64_t>(row[at + 22]);
    return t;
}

template <class Row> post read_post(const Row& row, pqxx::row::size_type at)
{
    post p;
    p.id = db::as<std::int64_t>(row[at]);
    p.thread_id = db::as<std::int64_t>(row[at + 1]);
    p.author = read_author(row, at + 2);
    p.is_opening = db::as<bool>(row[at + 7]);
    p.body_markdown = db::as<std::string>(row[at + 8]);
    p.body_html = db::as<std::string>(row[at + 9]);
    p.hidden = db::as<bool>(row[at + 10]);
    p.created_at = db::as<std::string>(row[at + 11]);
    p.edited_at = db::nullable<std::string>(row[at + 12]);
    p.revision_count = db::as<int>(row[at + 13]);
    auto counts = split(db::as<std::string>(row[at + 14]));
    if (counts.size() == 2) {
        p.reactions.helpful = std::stoi(counts[0]);
        p.reactions.same_here = std::stoi(counts[1]);
    }
    p.my_reactions = split(db::as<std::string>(row[at + 15]));
    p.recent = db::as<bool>(row[at + 16]);
    return p;
}

template author read_author(const pqxx::row&, pqxx::row::size_type);
template thread_summary read_thread(const pqxx::row&, pqxx::row::size_type);
template post read_post(const pqxx::row&, pqxx::row::size_type);
template thread_summary read_thread(const db::pipelined_row&, pqxx::row::size_type);
template post read_post(const db::pipelined_row&, pqxx::row::size_type);

} // namespace pswnet::forum::rows
