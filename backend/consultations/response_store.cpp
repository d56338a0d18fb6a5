// Response queries. A save locks the consultation row (FOR SHARE), so closing it early and a submission are ordered,
// and the response row (FOR UPDATE), so two people of one authority never overwrite each other: the second one's
// If-Match no longer matches.
#include "consultations/response_store.hpp"

#include "consultations/model_json.hpp"
#include "consultations/notices.hpp"
#include "db/audit.hpp"
#include "db/nullable.hpp"
#include "db/statement.hpp"

namespace pswnet::consultations {
namespace {

using nlohmann::json;

const db::statement window_sql{"consultations.response_window", R"sql(
SELECT now() >= opens_at, now() < closes_at AND outcome_published_at IS NULL, response_scope
FROM consultations WHERE id = $1 AND published_at IS NOT NULL FOR SHARE)sql"};

const db::statement find_sql{"consultations.find_response", R"sql(
SELECT r.id, c.response_scope, o.id, o.name, o.code, r.answers::text, r.version, rfc3339(r.updated_at),
       ub.id, ub.display_name, r.submitted_version, rfc3339(r.submitted_at), sb.id, sb.display_name, r.service
FROM consultation_responses r
JOIN consultations c ON c.id = r.consultation_id
JOIN organisation_directory o ON o.id = r.organisation_id
JOIN people ub ON ub.id = r.updated_by
LEFT JOIN people sb ON sb.id = r.submitted_by
WHERE r.consultation_id = $1 AND r.organisation_id = $2 AND r.user_id IS NOT DISTINCT FROM $3
  AND r.service IS NOT DISTINCT FROM $4)sql"};

const db::statement versions_sql{"consultations.response_versions", R"sql(
SELECT v.version, v.submitted, rfc3339(v.saved_at), u.id, u.display_name
FROM consultation_response_versions v JOIN people u ON u.id = v.saved_by
WHERE v.response_id = $1 ORDER BY v.version DESC LIMIT 200)sql"};

const db::statement lock_response{"consultations.lock_response", R"sql(
SELECT id, version FROM consultation_responses
WHERE consultation_id = $1 AND organisation_id = $2 AND user_id IS NOT DISTINCT FROM $3
  AND service IS NOT DISTINCT FROM $4 FOR UPDATE)sql"};

const db::statement insert_response{"consultations.insert_response", R"sql(
INSERT INTO consultation_responses (consultation_id, organisation_id, user_id, answers, updated_by, service)
VALUES ($1, $2, $3, $4::jsonb, $5, $6)
ON CONFLICT DO NOTHING RETURNING id, version)sql"};

const db::statement update_response{"consultations.update_response", R"sql(
UPDATE consultation_responses SET answers = $2::jsonb, version = version + 1, updated_at = now(), updated_by = $3
WHERE id = $1 RETURNING version)sql"};

const db::statement mark_submitted{"consultations.mark_response_submitted", R"sql(
UPDATE consultation_responses SET submitted_version = version, submitted_at = now(), submitted_by = $2
WHERE id = $1)sql"};

const db::statement insert_version{"consultations.insert_response_version", R"sql(
INSERT INTO consultation_response_versions (response_id, version, answers, submitted, saved_by)
VALUES ($1, $2, $3::jsonb, $4, $5))sql"};

const db::statement responded_count{"consultations.responded_count", std::string(R"sql(
SELECT count(DISTINCT r.organisation_id) FROM consultation_responses r
JOIN consultations c ON c.id = r.consultation_id
JOIN organisation_directory o ON o.id = r.organisation_id
WHERE r.consultation_id = $1 AND r.submitted_version IS NOT NULL AND )sql") +
                                                                         respondent_sql("c.audience")};

const db::statement submitted_sql{"consultations.submitted_responses", R"sql(
SELECT r.id, o.id, o.name, o.code, o.region_code, u.sector, u.id, u.display_name, rfc3339(r.submitted_at),
       r.submitted_version, v.answers::text, r.service
FROM consultation_responses r
JOIN consultation_response_versions v ON v.response_id = r.id AND v.version = r.submitted_version
JOIN organisation_directory o ON o.id = r.organisation_id
JOIN people u ON u.id = r.submitted_by
WHERE r.consultation_id = $1
ORDER BY o.name, r.service NULLS FIRST, r.id)sql"};

const db::statement audience_sql{"consultations.audience_authorities", R"sql(
SELECT o.id, o.name, o.code, o.region_code, o.region_name
FROM organisation_directory o
WHERE )sql" + respondent_sql("$1") + " ORDER BY o.name"};

const db::statement themes_sql{"consultations.themes", R"sql(
SELECT id, name FROM consultation_themes WHERE consultation_id = $1 ORDER BY lower(name), id)sql"};

const db::statement answer_themes_sql{"consultations.answer_themes", R"sql(
SELECT a.theme_id, a.response_id, a.question_key
FROM consultation_answer_themes a JOIN consultation_themes t ON t.id = a.theme_id
WHERE t.consultation_id = $1)sql"};

const db::statement insert_theme{"consultations.insert_theme", R"sql(
INSERT INTO consultation_themes (consultation_id, name, created_by) VALUES ($1, $2, $3)
ON CONFLICT DO NOTHING RETURNING id, name)sql"};

// The theme belongs to the consultation, and the response's submitted version answers the (free-text) question.
const db::statement taggable_sql{"consultations.taggable", R"sql(
SELECT 1 FROM consultation_themes t
JOIN consultation_responses r ON r.consultation_id = t.consultation_id AND r.id = $2
JOIN consultation_response_versions v ON v.response_id = r.id AND v.version = r.submitted_version
JOIN consultation_questions q ON q.consultation_id = t.consultation_id AND q.key = $3 AND q.type = 'text'
WHERE t.id = $1 AND t.consultation_id = $4 AND v.answers ? $3)sql"};

const db::statement tag_answer_sql{"consultations.tag_answer", R"sql(
INSERT INTO consultation_answer_themes (theme_id, response_id, question_key)
VALUES ($1, $2, $3) ON CONFLICT DO NOTHING)sql"};

const db::statement untag_answer_sql{"consultations.untag_answer", R"sql(
DELETE FROM consultation_answer_themes WHERE theme_id = $1 AND response_id = $2
AND question_key = $3)sql"};

const db::statement may_respond_sql{"consultations.may_respond",
                                    "SELECT 1 FROM organisation_directory o, consultations c WHERE o.id = $1 AND "
                                    "c.id = $2 AND " +
                                        respondent_sql("c.audience")};

} // namespace

awaitable<std::optional<consultation_response>> response_store::find(std::int64_t consultation_id, respondent who)
{
    return pool_.read([=](pqxx::read_transaction& tx) -> std::optional<consultation_response> {
        auto rows = db::exec(tx, find_sql, consultation_id, who.organisation_id, who.user_id, who.service);
        if (rows.empty())
            return std::nullopt;
        const auto& row = rows[0];
        consultation_response r;
        r.id = row[0].as<std::int64_t>();
        r.consultation_id = consultation_id;
        r.scope = row[1].as<std::string>();
        r.organisation = {row[2].as<std::int64_t>(), row[3].as<std::string>(), row[4].as<std::string>()};
        r.answers = answers_from_json(json::parse(row[5].as<std::string>()));
        r.version = row[6].as<int>();
        r.updated_at = row[7].as<std::string>();
        r.updated_by = {row[8].as<std::int64_t>(), row[9].as<std::string>()};
        r.submitted_version = db::nullable<int>(row[10]);
        r.submitted_at = db::nullable<std::string>(row[11]);
        if (!row[12].is_null())
            r.submitted_by = person_ref{row[12].as<std::int64_t>(), row[13].as<std::string>()};
        r.service = db::nullable<std::string>(row[14]);
        for (const auto& v : db::exec(tx, versions_sql, r.id))
            r.versions.push_back({v[0].as<int>(),
                                  v[1].as<bool>(),
                                  v[2].as<std::string>(),
                                  {v[3].as<std::int64_t>(), v[4].as<std::string>()}});
        return r;
    });
}

awaitable<save_result> response_store::save(std::int64_t consultation_id, respondent who, response_save save,
                                            audit_context audit)
{
    return pool_.write([=, save = std::move(save), audit = std::move(audit)](pqxx::work& tx) {
        auto window = db::exec(tx, window_sql, consultation_id);
        if (window.empty())
            return save_result::not_found;
        if (!window[0][0].as<bool>())
            return save_result::not_yet_open;
        if (!window[0][1].as<bool>())
            return save_result::closed;
        const auto answers = answers_json(save.answers).dump();
        const auto user = *audit.actor_user_id;
        std::int64_t response_id = 0;
        int version = 0;
        auto existing = db::exec(tx, lock_response, consultation_id, who.organisation_id, who.user_id, who.service);
        if (existing.empty()) {
            if (save.if_match)
                return save_result::stale;
            auto created = db::exec(tx, insert_response, consultation_id, who.organisation_id, who.user_id, answers,
                                    user, who.service);
            if (created.empty())
                return save_result::stale; // someone else created it a moment ago
            response_id = created[0][0].as<std::int64_t>();
            version = created[0][1].as<int>();
        } else {
            response_id = existing[0][0].as<std::int64_t>();
            if (!save.if_match || *save.if_match != existing[0][1].as<int>())
                return save_result::stale;
            version = db::exec(tx, update_response, response_id, answers, user).at(0)[0].as<int>();
        }
        db::exec(tx, insert_version, response_id, version, answers, save.submit, user);
        if (save.submit) {
            db::exec(tx, mark_submitted, response_id, user);
            auto count = db::exec(tx, responded_count, consultation_id).at(0)[0].as<int>();
            notices::consultation_event(tx, consultation_id, "response.submitted",
                                        {{"consultation_id", consultation_id}, {"responded_count", count}});
        }
        db::audit(tx, audit,
                  {save.submit ? "consultation_response.submitted" : "consultation_response.saved",
                   "consultation_response", response_id, json{{"version", version}}.dump()});
        return save_result::saved;
    });
}

awaitable<std::vector<submitted_response>> response_store::submitted(std::int64_t consultation_id)
{
    return pool_.query([consultation_id](pqxx::nontransaction& tx) {
        std::vector<submitted_response> result;
        for (const auto& row : db::exec(tx, submitted_sql, consultation_id))
            result.push_back({row[0].as<std::int64_t>(),
                              {row[1].as<std::int64_t>(), row[2].as<std::string>(), row[3].as<std::string>()},
                              db::nullable<std::string>(row[4]),
                              row[5].as<std::string>(),
                              {row[6].as<std::int64_t>(), row[7].as<std::string>()},
                              row[8].as<std::string>(),
                              row[9].as<int>(),
                              answers_from_json(json::parse(row[10].as<std::string>())),
                              db::nullable<std::string>(row[11])});
        return result;
    });
}

awaitable<bool> response_store::may_respond(std::int64_t organisation_id, std::int64_t consultation_id)
{
    return pool_.query([=](pqxx::nontransaction& tx) {
        return !db::exec(tx, may_respond_sql, organisation_id, consultation_id).empty();
    });
}

awaitable<std::vector<audience_authority>> response_store::audience_authorities(std::string audience)
{
    return pool_.query([audience = std::move(audience)](pqxx::nontransaction& tx) {
        std::vector<audience_authority> result;
        for (const auto& row : db::exec(tx, audience_sql, audience))
            result.push_back({{row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>()},
                              db::nullable<std::string>(row[3]),
                              db::nullable<std::string>(row[4])});
        return result;
    });
}

awaitable<std::vector<theme>> response_store::themes(std::int64_t consultation_id)
{
    return pool_.query([consultation_id](pqxx::nontransaction& tx) {
        std::vector<theme> result;
        for (const auto& row : db::exec(tx, themes_sql, consultation_id))
            result.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), 0});
        return result;
    });
}

awaitable<std::vector<answer_theme>> response_store::answer_themes(std::int64_t consultation_id)
{
    return pool_.query([consultation_id](pqxx::nontransaction& tx) {
        std::vector<answer_theme> result;
        for (const auto& row : db::exec(tx, answer_themes_sql, consultation_id))
            result.push_back({row[0].as<std::int64_t>(), row[1].as<std::int64_t>(), row[2].as<std::string>()});
        return result;
    });
}

awaitable<std::optional<theme>> response_store::add_theme(std::int64_t consultation_id, std::string name,
                                                          audit_context audit)
{
    return pool_.write([=, name = std::move(name), audit = std::move(audit)](pqxx::work& tx) -> std::optional<theme> {
        auto rows = db::exec(tx, insert_theme, consultation_id, name, *audit.actor_user_id);
        if (rows.empty())
            return std::nullopt;
        theme t{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>(), 0};
        db::audit(tx, audit,
                  {"consultation_theme.created", "consultation", consultation_id, json{{"theme_id", t.id}}.dump()});
        return t;
    });
}

awaitable<bool> response_store::tag(std::int64_t consultation_id, answer_theme tag, bool on, audit_context audit)
{
    return pool_.write([=, tag = std::move(tag), audit = std::move(audit)](pqxx::work& tx) {
        if (db::exec(tx, taggable_sql, tag.theme_id, tag.response_id, tag.question_key, consultation_id).empty())
            return false;
        if (on)
            db::exec(tx, tag_answer_sql, tag.theme_id, tag.response_id, tag.question_key);
        else
            db::exec(tx, untag_answer_sql, tag.theme_id, tag.response_id, tag.question_key);
        db::audit(tx, audit,
                  {on ? "consultation_theme.tagged" : "consultation_theme.untagged", "consultation", consultation_id,
                   json{{"theme_id", tag.theme_id}, {"response_id", tag.response_id}}.dump()});
        return true;
    });
}

} // namespace pswnet::consultations
