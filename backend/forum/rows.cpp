// Row shapes of discussions.
#include "forum/rows.hpp"

#include "db/nullable.hpp"

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

author read_author(const pqxx::row& row, pqxx::row::size_type at)
{
    return {row[at].as<std::int64_t>(),
            row[at + 1].as<std::string>(),
            {row[at + 2].as<std::int64_t>(), row[at + 3].as<std::string>(), row[at + 4].as<std::string>()}};
}

thread_summary read_thread(const pqxx::row& row, pqxx::row::size_type at)
{
    thread_summary t;
    t.id = row[at].as<std::int64_t>();
    t.title = row[at + 1].as<std::string>();
    t.kind = parse_thread_kind(row[at + 2].as<std::string>()).value_or(thread_kind::discussion);
    t.sector = parse_sector(row[at + 3].as<std::string>()).value_or(sector::both);
    t.tags = split(row[at + 4].as<std::string>());
    t.audience = row[at + 5].as<std::string>();
    t.author = read_author(row, at + 6);
    t.reply_count = row[at + 11].as<int>();
    t.view_count = row[at + 12].as<int>();
    t.created_at = row[at + 13].as<std::string>();
    t.last_activity_at = row[at + 14].as<std::string>();
    t.locked = row[at + 15].as<bool>();
    t.accepted_post_id = db::nullable<std::int64_t>(row[at + 16]);
    t.subscribed = row[at + 17].as<bool>();
    t.readers.scope = row[at + 18].as<std::string>();
    t.readers.organisation_id = db::nullable<std::int64_t>(row[at + 19]);
    t.readers.region_code = db::nullable<std::string>(row[at + 20]);
    t.readers.name = db::nullable<std::string>(row[at + 21]);
    t.readers.group_id = db::nullable<std::int64_t>(row[at + 22]);
    return t;
}

post read_post(const pqxx::row& row, pqxx::row::size_type at)
{
    post p;
    p.id = row[at].as<std::int64_t>();
    p.thread_id = row[at + 1].as<std::int64_t>();
    p.author = read_author(row, at + 2);
    p.is_opening = row[at + 7].as<bool>();
    p.body_markdown = row[at + 8].as<std::string>();
    p.body_html = row[at + 9].as<std::string>();
    p.hidden = row[at + 10].as<bool>();
    p.created_at = row[at + 11].as<std::string>();
    p.edited_at = db::nullable<std::string>(row[at + 12]);
    p.revision_count = row[at + 13].as<int>();
    auto counts = split(row[at + 14].as<std::string>());
    if (counts.size() == 2) {
        p.reactions.helpful = std::stoi(counts[0]);
        p.reactions.same_here = std::stoi(counts[1]);
    }
    p.my_reactions = split(row[at + 15].as<std::string>());
    p.recent = row[at + 16].as<bool>();
    return p;
}

} // namespace pswnet::forum::rows
