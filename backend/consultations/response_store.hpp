// SQL of responses (with every saved version), of the office's analysis inputs (submitted responses, the audience's
// authorities) and of themes.
#pragma once

#include "consultations/model.hpp"
#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"

#include <optional>
#include <vector>

namespace pswnet::consultations {

// Whose response: an organisation's (user_id empty) or one person's; for a consultation of both services, an
// organisation's children's or adults' one.
struct respondent {
    std::int64_t organisation_id = 0;
    std::optional<std::int64_t> user_id;
    std::optional<std::string> service;
};

enum class save_result { saved, not_found, not_yet_open, closed, stale };

class response_store {
public:
    explicit response_store(db::pool& pool) : pool_(pool) {}

    awaitable<std::optional<consultation_response>> find(std::int64_t consultation_id, respondent who);

    // Checks, in the same transaction and by the database clock, that the consultation is open and that if_match
    // is the current version; then saves a new version. Emits response.submitted when submitting.
    awaitable<save_result> save(std::int64_t consultation_id, respondent who, response_save save, audit_context audit);

    awaitable<std::vector<submitted_response>> submitted(std::int64_t consultation_id);
    // Whether the organisation answers the consultation: a local authority, or an employer that runs the services
    // it is about (see respondent_sql).
    awaitable<bool> may_respond(std::int64_t organisation_id, std::int64_t consultation_id);
    // The organisations that answer a consultation for this audience (children, adults or both), by name.
    awaitable<std::vector<audience_authority>> audience_authorities(std::string audience);

    awaitable<std::vector<theme>> themes(std::int64_t consultation_id);
    awaitable<std::vector<answer_theme>> answer_themes(std::int64_t consultation_id);
    // nullopt when the name is taken.
    awaitable<std::optional<theme>> add_theme(std::int64_t consultation_id, std::string name, audit_context audit);
    // false when the theme, the submitted response or its answer to the question does not exist.
    awaitable<bool> tag(std::int64_t consultation_id, answer_theme tag, bool on, audit_context audit);

private:
    db::pool& pool_;
};

} // namespace pswnet::consultations
