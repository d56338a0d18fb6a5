// Consultation queries. Status is computed from the database clock in one place (status_sql), so every read and
// every write agrees on whether a consultation is open.
#include "consultations/store.hpp"

#include "consultations/model_json.hpp"
#include "consultations/notices.hpp"
#include "db/audit.hpp"
#include "db/nullable.hpp"
#include "db/statement.hpp"

namespace pswnet::consultations {
namespace {

using nlohmann::json;

constexpr const char* consultation_columns = R"sql(
SELECT c.id, c.title, c.summary, c.summary_html, c.audience, rfc3339(c.opens_at), rfc3339(c.closes_at),
       c.response_scope, consultation_status(c.published_at, c.outcome_published_at, c.opens_at, c.closes_at) AS status,
       u.id, u.display_name, o.id, o.name, o.code, rfc3339(c.published_at), c.version,
       c.outcome, c.outcome_html, rfc3339(c.outcome_published_at), c.outcome_thread_id,
       r.submitted_version IS NOT NULL, rfc3339(r.submitted_at), rfc3339(r.updated_at),
       c.closes_at AS sort_closes_at, c.id AS sort_id
FROM consultations c
JOIN people u ON u.id = c.created_by
JOIN organisation_directory o ON o.id = c.organisation_id
-- The viewer's response: for a consultation of both services, their service's (a draft first, for someone who works
-- in both).
LEFT JOIN LATERAL (
    SELECT * FROM consultation_responses mine
    WHERE mine.consultation_id = c.id AND mine.organisation_id = $1
      AND mine.user_id IS NOT DISTINCT FROM (CASE WHEN c.response_scope = 'individual' THEN $2::bigint END)
      AND (mine.service IS NULL OR $4::text = 'both' OR mine.service = $4::text)
    ORDER BY mine.submitted_version IS NOT NULL, mine.updated_at DESC
    LIMIT 1) r ON true
)sql";

const db::statement list_sql{"consultations.list", std::string("SELECT * FROM (") + consultation_columns + R"sql(
WHERE ($3 OR (c.published_at IS NOT NULL AND (c.audience = 'both' OR $4 = 'both' OR c.audience = $4)))
  AND ($6::text IS NULL OR c.audience = $6)
) listed
WHERE ($5::text IS NULL OR status = $5)
ORDER BY status = 'open' DESC,
         CASE WHEN status = 'open' THEN sort_closes_at END ASC,
         sort_closes_at DESC, sort_id DESC
LIMIT 200)sql"};

const db::statement find_sql{"consultations.find", std::string(consultation_columns) + "WHERE c.id = $3"};

const db::statement questions_sql{"consultations.questions", R"sql(
SELECT key, text, help_text, type, required, options::text, word_limit, min_value, max_value, scale_low, scale_high,
       shown_when_key, shown_when_answer
FROM consultation_questions WHERE consultation_id = $1 ORDER BY position)sql"};

const db::statement insert_consultation{"consultations.insert_consultation", R"sql(
INSERT INTO consultations (title, summary, summary_html, audience, opens_at, closes_at, response_scope,
                           organisation_id, created_by)
VALUES ($1, $2, $3, $4, $5::timestamptz, $6::timestamptz, $7, $8, $9) RETURNING id)sql"};

const db::statement update_consultation{"consultations.update_consultation", R"sql(
UPDATE consultations SET title = $2, summary = $3, summary_html = $4, audience = $5, opens_at = $6::timestamptz,
       closes_at = $7::timestamptz, response_scope = $8, version = version + 1
WHERE id = $1 AND published_at IS NULL)sql"};

const db::statement insert_question{"consultations.insert_question", R"sql(
INSERT INTO consultation_questions (consultation_id, position, key, text, help_text, type, required, options,
                                    word_limit, min_value, max_value, scale_low, scale_high, shown_when_key,
                                    shown_when_answer)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14, $15))sql"};

const db::statement exists_sql{"consultations.lock",
                               "SELECT published_at IS NOT NULL FROM consultations WHERE id = $1 FOR UPDATE"};

const db::statement delete_questions{"consultations.delete_questions",
                                     "DELETE FROM consultation_questions WHERE consultation_id = $1"};

const db::statement status_sql{"consultations.status_of", R"sql(
SELECT consultation_status(published_at, outcome_published_at, opens_at, closes_at) FROM consultations
WHERE id = $1)sql"};

const db::statement set_closes_at_sql{
    "consultations.set_closes_at",
    "UPDATE consultations SET closes_at = $2::timestamptz, closing_notice_at = NULL WHERE id = $1"};

const db::statement publish_sql{"consultations.publish",
                                "UPDATE consultations SET published_at = now() WHERE id = $1 AND closes_at > now()"};

const db::statement close_now_sql{"consultations.close_now",
                                  "UPDATE consultations SET closes_at = now() WHERE id = $1"};

const db::statement claim_outcome_sql{"consultations.claim_outcome", R"sql(
UPDATE consultations SET outcome = $2, outcome_html = $3, outcome_published_at = now()
WHERE id = $1)sql"};

const db::statement outcome_thread_sql{"consultations.set_outcome_thread",
                                       "UPDATE consultations SET outcome_thread_id = $2 WHERE id = $1"};

const db::statement release_outcome_sql{"consultations.release_outcome", R"sql(
UPDATE consultations SET outcome = NULL, outcome_html = NULL, outcome_published_at = NULL
WHERE id = $1)sql"};

// SKIP LOCKED: two instances never claim the same consultation, and neither waits for the other.
const db::statement claim_closing_notices{"consultations.claim_closing_notices", R"sql(
UPDATE consultations SET closing_notice_at = now()
WHERE id IN (SELECT id FROM consultations
             WHERE published_at IS NOT NULL AND closing_notice_at IS NULL AND outcome_published_at IS NULL
               AND opens_at <= now() AND now() < closes_at AND closes_at <= now() + interval '3 days'
             FOR UPDATE SKIP LOCKED)
RETURNING id)sql"};

// The database names only known states; an unknown one is read as the most hidden, a draft.
consultation_status status_from(const pqxx::field& field)
{
    return parse_consultation_status(field.as<std::string>()).value_or(consultation_status::draft);
}

std::optional<consultation> read_consultation(const pqxx::row& row)
{
    consultation c;
    c.id = row[0].as<std::int64_t>();
    c.title = row[1].as<std::string>();
    c.summary = row[2].as<std::string>();
    c.summary_html = row[3].as<std::string>();
    c.audience = row[4].as<std::string>();
    c.opens_at = row[5].as<std::string>();
    c.closes_at = row[6].as<std::string>();
    c.response_scope = row[7].as<std::string>();
    c.status = status_from(row[8]);
    c.created_by = {row[9].as<std::int64_t>(), row[10].as<std::string>()};
    c.organisation = {row[11].as<std::int64_t>(), row[12].as<std::string>(), row[13].as<std::string>()};
    c.published_at = db::nullable<std::string>(row[14]);
    c.version = row[15].as<int>();
    if (!row[16].is_null())
        c.outcome = outcome{row[16].as<std::string>(), row[17].as<std::string>(), row[18].as<std::string>(),
                            db::nullable<std::int64_t>(row[19])};
    if (!row[22].is_null())
        c.my_response = my_response{row[20].as<bool>() ? "submitted" : "draft", db::nullable<std::string>(row[21]),
                                    row[22].as<std::string>()};
    return c;
}

question read_question(const pqxx::row& row)
{
    question q;
    q.key = row[0].as<std::string>();
    q.text = row[1].as<std::string>();
    q.help_text = db::nullable<std::string>(row[2]);
    q.type = row[3].as<std::string>();
    q.required = row[4].as<bool>();
    for (const auto& option : json::parse(row[5].as<std::string>()))
        q.options.push_back(option.get<std::string>());
    q.word_limit = db::nullable<int>(row[6]);
    q.min = db::nullable<double>(row[7]);
    q.max = db::nullable<double>(row[8]);
    q.scale_low = db::nullable<std::string>(row[9]);
    q.scale_high = db::nullable<std::string>(row[10]);
    if (!row[11].is_null())
        q.shown_when = question_condition{row[11].as<std::string>(), row[12].as<std::string>()};
    return q;
}

void insert_questions(pqxx::work& tx, std::int64_t id, const std::vector<question>& questions)
{
    db::exec(tx, delete_questions, id);
    int position = 0;
    for (const auto& q : questions)
        db::exec(tx, insert_question, id, ++position, q.key, q.text, q.help_text, q.type, q.required,
                 options_json(q.options).dump(), q.word_limit, q.min, q.max, q.scale_low, q.scale_high,
                 q.shown_when ? std::optional(q.shown_when->question) : std::nullopt,
                 q.shown_when ? std::optional(q.shown_when->answer) : std::nullopt);
}

// Locks the consultation row; nullopt when there is none, else whether it is published.
std::optional<bool> lock(pqxx::work& tx, std::int64_t id)
{
    auto rows = db::exec(tx, exists_sql, id);
    if (rows.empty())
        return std::nullopt;
    return rows[0][0].as<bool>();
}

consultation_status status_of(pqxx::work& tx, std::int64_t id)
{
    return status_from(db::exec(tx, status_sql, id).at(0)[0]);
}

} // namespace

awaitable<std::vector<consultation>> store::list(list_filter f)
{
    return pool_.query([f = std::move(f)](pqxx::nontransaction& tx) {
        std::vector<consultation> result;
        std::optional<std::string> status;
        if (f.status)
            status = std::string(to_string(*f.status));
        for (const auto& row : db::exec(tx, list_sql, f.viewer_organisation_id, f.viewer_user_id, f.office,
                                        f.viewer_sector, status, f.audience))
            result.push_back(*read_consultation(row));
        return result;
    });
}

awaitable<std::optional<consultation>> store::find(std::int64_t id, std::int64_t viewer_organisation_id,
                                                   std::int64_t viewer_user_id, std::string viewer_sector)
{
    return pool_.read(
        [=, viewer_sector = std::move(viewer_sector)](pqxx::read_transaction& tx) -> std::optional<consultation> {
            auto rows = db::exec(tx, find_sql, viewer_organisation_id, viewer_user_id, id, viewer_sector);
            if (rows.empty())
                return std::nullopt;
            auto c = read_consultation(rows[0]);
            for (const auto& row : db::exec(tx, questions_sql, id))
                c->questions.push_back(read_question(row));
            return c;
        });
}

awaitable<std::int64_t> store::create(draft d, std::int64_t organisation_id, audit_context audit)
{
    return pool_.write([d = std::move(d), organisation_id, audit = std::move(audit)](pqxx::work& tx) {
        auto id = db::exec(tx, insert_consultation, d.title, d.summary, d.summary_html, d.audience, d.opens_at,
                           d.closes_at, d.response_scope, organisation_id, *audit.actor_user_id)
                      .at(0)[0]
                      .as<std::int64_t>();
        insert_questions(tx, id, d.questions);
        db::audit(tx, audit, {"consultation.created", "consultation", id});
        return id;
    });
}

awaitable<change_result> store::update_draft(std::int64_t id, draft d, audit_context audit)
{
    return pool_.write([id, d = std::move(d), audit = std::move(audit)](pqxx::work& tx) {
        auto published = lock(tx, id);
        if (!published)
            return change_result::not_found;
        if (*published)
            return change_result::conflict;
        db::exec(tx, update_consultation, id, d.title, d.summary, d.summary_html, d.audience, d.opens_at, d.closes_at,
                 d.response_scope);
        insert_questions(tx, id, d.questions);
        db::audit(tx, audit, {"consultation.updated", "consultation", id});
        return change_result::done;
    });
}

awaitable<change_result> store::set_closes_at(std::int64_t id, std::string closes_at, audit_context audit)
{
    return pool_.write([id, closes_at = std::move(closes_at), audit = std::move(audit)](pqxx::work& tx) {
        auto published = lock(tx, id);
        if (!published)
            return change_result::not_found;
        auto status = status_of(tx, id);
        if (status != consultation_status::open && status != consultation_status::upcoming)
            return change_result::conflict;
        db::exec(tx, set_closes_at_sql, id, closes_at);
        db::audit(tx, audit,
                  {"consultation.deadline_changed", "consultation", id, json{{"closes_at", closes_at}}.dump()});
        notices::consultation_event(tx, id, "consultation.updated", {{"consultation_id", id}});
        return change_result::done;
    });
}

awaitable<change_result> store::publish(std::int64_t id, audit_context audit)
{
    return pool_.write([id, audit = std::move(audit)](pqxx::work& tx) {
        auto published = lock(tx, id);
        if (!published)
            return change_result::not_found;
        if (*published)
            return change_result::conflict;
        auto updated = db::exec(tx, publish_sql, id);
        if (updated.affected_rows() == 0)
            return change_result::conflict;
        db::audit(tx, audit, {"consultation.published", "consultation", id});
        notices::notify_audience(tx, id, "consultation_published", audit.actor_user_id, false);
        notices::consultation_event(tx, id, "consultation.updated", {{"consultation_id", id}});
        return change_result::done;
    });
}

awaitable<change_result> store::close_now(std::int64_t id, audit_context audit)
{
    return pool_.write([id, audit = std::move(audit)](pqxx::work& tx) {
        if (!lock(tx, id))
            return change_result::not_found;
        if (status_of(tx, id) != consultation_status::open)
            return change_result::conflict;
        db::exec(tx, close_now_sql, id);
        db::audit(tx, audit, {"consultation.closed", "consultation", id});
        notices::consultation_event(tx, id, "consultation.updated", {{"consultation_id", id}});
        return change_result::done;
    });
}

awaitable<change_result> store::claim_outcome(std::int64_t id, std::string body, std::string html, audit_context audit)
{
    return pool_.write([=, body = std::move(body), html = std::move(html), audit = std::move(audit)](pqxx::work& tx) {
        if (!lock(tx, id))
            return change_result::not_found;
        if (status_of(tx, id) != consultation_status::closed)
            return change_result::conflict;
        db::exec(tx, claim_outcome_sql, id, body, html);
        db::audit(tx, audit, {"consultation.outcome_published", "consultation", id});
        return change_result::done;
    });
}

awaitable<void> store::finish_outcome(std::int64_t id, std::int64_t thread_id, std::optional<std::int64_t> actor_id)
{
    return pool_.write([=](pqxx::work& tx) {
        db::exec(tx, outcome_thread_sql, id, thread_id);
        notices::notify_audience(tx, id, "consultation_outcome", actor_id, false);
        notices::consultation_event(tx, id, "consultation.updated", {{"consultation_id", id}});
    });
}

awaitable<void> store::release_outcome(std::int64_t id)
{
    return pool_.write([=](pqxx::work& tx) { db::exec(tx, release_outcome_sql, id); });
}

awaitable<int> store::remind(std::int64_t id, audit_context audit)
{
    return pool_.write([id, audit = std::move(audit)](pqxx::work& tx) {
        if (!lock(tx, id) || status_of(tx, id) != consultation_status::open)
            return -1;
        int notified = notices::notify_audience(tx, id, "consultation_reminder", audit.actor_user_id, true);
        db::audit(tx, audit, {"consultation.reminded", "consultation", id, json{{"notified", notified}}.dump()});
        return notified;
    });
}

awaitable<int> store::send_closing_notices()
{
    return pool_.write([](pqxx::work& tx) {
        auto due = db::exec(tx, claim_closing_notices);
        for (const auto& row : due)
            notices::notify_audience(tx, row[0].as<std::int64_t>(), "consultation_closing", std::nullopt, true);
        return static_cast<int>(due.size());
    });
}

} // namespace pswnet::consultations
