// Moderation SQL. Hiding keeps the post and its history; it only takes the body out of what others see.
#include "forum/moderation_store.hpp"

#include "db/audit.hpp"
#include "db/nullable.hpp"
#include "db/statement.hpp"
#include "forum/events.hpp"
#include "forum/model_json.hpp"
#include "forum/rows.hpp"

namespace pswnet::forum {
namespace {

const db::statement insert_flag{"forum.insert_flag", R"sql(
INSERT INTO post_flags (post_id, flagged_by, reason) VALUES ($1, $2, $3) RETURNING id)sql"};

const db::statement flags_sql{"forum.flags", std::string(R"sql(
SELECT f.id, f.reason, rfc3339(f.created_at), f.resolution,
       fb.id, fb.display_name, fb.organisation_id, fb.organisation_name, fb.organisation_code,
       t.id, t.title,)sql") + rows::post_columns +
                                                 R"sql(
FROM post_flags f
JOIN people fb ON fb.id = f.flagged_by
JOIN posts p ON p.id = f.post_id
JOIN people pa ON pa.id = p.author_id
JOIN threads t ON t.id = p.thread_id
WHERE ($1::bigint IS NULL OR f.id = $1)
  AND ($3::boolean IS NULL OR (f.resolved_at IS NULL) = $3)
  AND ($4::bigint IS NULL OR f.id > $4)
ORDER BY f.id
LIMIT $5)sql"};

const db::statement resolve_sql{"forum.resolve_flag", R"sql(
UPDATE post_flags SET resolved_at = now(), resolved_by = $2, resolution = $3
WHERE id = $1 AND resolved_at IS NULL
RETURNING post_id)sql"};

const db::statement hide_sql{
    "forum.hide_post",
    "UPDATE posts SET hidden_at = now(), hidden_by = $2, hidden_reason = $3 WHERE id = $1 AND hidden_at IS NULL"};
const db::statement unhide_sql{
    "forum.unhide_post", "UPDATE posts SET hidden_at = NULL, hidden_by = NULL, hidden_reason = NULL WHERE id = $1"};
const db::statement resolve_post_flags_sql{"forum.resolve_post_flags", R"sql(
UPDATE post_flags SET resolved_at = now(), resolved_by = $2, resolution = 'hidden'
WHERE post_id = $1 AND resolved_at IS NULL)sql"};

const db::statement lock_sql{"forum.lock_thread",
                             "UPDATE threads SET locked_at = CASE WHEN $2 THEN now() END WHERE id = $1"};

flag read_flag(const pqxx::row& row)
{
    flag f;
    f.id = row[0].as<std::int64_t>();
    f.reason = row[1].as<std::string>();
    f.created_at = row[2].as<std::string>();
    f.resolution = db::nullable<std::string>(row[3]);
    f.flagged_by = rows::read_author(row, 4);
    f.thread_id = row[9].as<std::int64_t>();
    f.thread_title = row[10].as<std::string>();
    f.post = rows::read_post(row, 11);
    return f;
}

void hide_or_unhide(pqxx::work& tx, std::int64_t moderator, std::int64_t post_id, bool hidden,
                    const std::string& reason)
{
    if (hidden) {
        db::exec(tx, hide_sql, post_id, moderator, reason);
        db::exec(tx, resolve_post_flags_sql, post_id, moderator);
    } else {
        db::exec(tx, unhide_sql, post_id);
    }
    auto stored = events::stored_post(tx, post_id);
    if (hidden) {
        events::rewrite_post(tx, stored, {{"body_html", nullptr}, {"hidden", true}});
        events::thread_event(tx, stored.thread_id, "post.hidden", {{"post_id", post_id}});
    } else {
        auto summary = events::summary(tx, stored.thread_id);
        events::thread_event(tx, stored.thread_id, "post.unhidden", {{"post", to_json(public_view(summary, stored))}});
    }
}

} // namespace

awaitable<std::int64_t> moderation_store::add_flag(principal who, std::int64_t post_id, std::string reason,
                                                   audit_context audit)
{
    return pool_.write([who, post_id, reason = std::move(reason), audit = std::move(audit)](pqxx::work& tx) {
        auto id = db::exec(tx, insert_flag, post_id, who.user_id, reason).at(0)[0].as<std::int64_t>();
        db::audit(tx, audit, {"post.flagged", "post", post_id});
        return id;
    });
}

awaitable<flag_page> moderation_store::flags(bool open, int limit, std::optional<std::int64_t> after_id)
{
    return pool_.read([=](pqxx::read_transaction& tx) {
        flag_page page;
        for (const auto& row : db::exec(tx, flags_sql, std::optional<std::int64_t>{}, 0, open, after_id, limit + 1))
            page.items.push_back(read_flag(row));
        if (page.items.size() > static_cast<std::size_t>(limit)) {
            page.items.pop_back();
            page.next_after_id = page.items.back().id;
        }
        return page;
    });
}

awaitable<std::optional<flag>> moderation_store::find_flag(std::int64_t flag_id)
{
    return pool_.read([=](pqxx::read_transaction& tx) -> std::optional<flag> {
        auto result = db::exec(tx, flags_sql, flag_id, 0, std::optional<bool>{}, std::optional<std::int64_t>{}, 1);
        if (result.empty())
            return std::nullopt;
        return read_flag(result[0]);
    });
}

awaitable<void> moderation_store::resolve_flag(principal who, std::int64_t flag_id, std::string resolution,
                                               audit_context audit)
{
    return pool_.write([who, flag_id, resolution = std::move(resolution), audit = std::move(audit)](pqxx::work& tx) {
        auto resolved = db::exec(tx, resolve_sql, flag_id, who.user_id, resolution);
        if (resolved.empty())
            throw api_error(errc::conflict, "This flag has already been resolved.");
        if (resolution == "hidden")
            hide_or_unhide(tx, who.user_id, resolved[0][0].as<std::int64_t>(), true, "flag " + std::to_string(flag_id));
        db::audit(tx, audit, {"flag.resolved", "flag", flag_id, nlohmann::json{{"resolution", resolution}}.dump()});
    });
}

awaitable<void> moderation_store::set_hidden(principal who, std::int64_t post_id, bool hidden, std::string reason,
                                             audit_context audit)
{
    return pool_.write([who, post_id, hidden, reason = std::move(reason), audit = std::move(audit)](pqxx::work& tx) {
        hide_or_unhide(tx, who.user_id, post_id, hidden, reason);
        db::audit(
            tx, audit,
            {hidden ? "post.hidden" : "post.unhidden", "post", post_id, nlohmann::json{{"reason", reason}}.dump()});
    });
}

awaitable<void> moderation_store::set_locked(principal /*who*/, std::int64_t thread_id, bool locked,
                                             audit_context audit)
{
    return pool_.write([thread_id, locked, audit = std::move(audit)](pqxx::work& tx) {
        db::exec(tx, lock_sql, thread_id, locked);
        db::audit(tx, audit, {locked ? "thread.locked" : "thread.unlocked", "thread", thread_id});
        auto summary = events::summary(tx, thread_id);
        events::thread_event(tx, thread_id, locked ? "thread.locked" : "thread.unlocked",
                             {{"thread_id", thread_id}, {"thread", to_json(summary)}});
    });
}

} // namespace pswnet::forum
