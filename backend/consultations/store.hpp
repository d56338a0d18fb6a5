// SQL of consultations and their questions: listing, drafting, publishing, closing, outcomes and the closing
// notices. Responses and the analysis have their own store (response_store).
#pragma once

#include "consultations/model.hpp"
#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pswnet::consultations {

struct list_filter {
    std::optional<consultation_status> status;
    std::optional<std::string> audience;
    bool office = false;       // sees drafts and every audience
    std::string viewer_sector; // children, adults, both
    std::int64_t viewer_organisation_id = 0;
    std::int64_t viewer_user_id = 0;
};

// A complete draft: every field present, questions checked, summary rendered.
struct draft {
    std::string title, summary, summary_html, audience, opens_at, closes_at, response_scope;
    std::vector<question> questions;
};

enum class change_result { done, not_found, conflict };

class store {
public:
    explicit store(db::pool& pool) : pool_(pool) {}

    awaitable<std::vector<consultation>> list(list_filter filter);
    // With the viewer's own response status when a viewer is given.
    awaitable<std::optional<consultation>> find(std::int64_t id, std::int64_t viewer_organisation_id = 0,
                                                std::int64_t viewer_user_id = 0, std::string viewer_sector = "both");

    awaitable<std::int64_t> create(draft d, std::int64_t organisation_id, audit_context audit);
    awaitable<change_result> update_draft(std::int64_t id, draft d, audit_context audit);
    // Published consultations: a new deadline (in the future). conflict when the consultation is not published.
    awaitable<change_result> set_closes_at(std::int64_t id, std::string closes_at, audit_context audit);
    awaitable<change_result> publish(std::int64_t id, audit_context audit);
    awaitable<change_result> close_now(std::int64_t id, audit_context audit);
    // The outcome in two steps around creating its announcement, so that of two offices publishing at once only
    // one creates a thread: claim it (closed consultations only), then finish with the thread (notifying the
    // audience), or release the claim if the thread could not be created.
    awaitable<change_result> claim_outcome(std::int64_t id, std::string body, std::string html, audit_context audit);
    awaitable<void> finish_outcome(std::int64_t id, std::int64_t thread_id, std::optional<std::int64_t> actor_id);
    awaitable<void> release_outcome(std::int64_t id);
    awaitable<int> remind(std::int64_t id, audit_context audit);

    // Open consultations closing within three days whose notices have not gone out: claims each (once across every
    // instance) and notifies its audience. Returns how many consultations were handled.
    awaitable<int> send_closing_notices();

private:
    db::pool& pool_;
};

} // namespace pswnet::consultations
