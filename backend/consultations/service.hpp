// Consultations' rules: the office's authoring and lifecycle, responding, confidentiality (through policy), the
// analysis, themes, reminders and the outcome (announced in discussions).
#pragma once

#include "db/write_limits.hpp"

#include "consultations/model.hpp"
#include "consultations/response_store.hpp"
#include "consultations/store.hpp"
#include "core/principal.hpp"
#include "forum/service.hpp"

namespace pswnet::consultations {

struct response_request {
    consultations::answers answers;
    bool submit = false;
    bool confirm_personal_data = false;
    std::optional<std::string> if_match; // the raw header
    std::optional<std::string> service;  // see my_response
    bool if_none_match_any = false;
};

class service {
public:
    service(consultations::store& store, response_store& responses, forum::service& discussions,
            db::write_limits& limits)
        : store_(store), responses_(responses), discussions_(discussions), limits_(limits)
    {
    }

    awaitable<std::vector<consultation>> list(const principal& who, std::optional<std::string> status,
                                              std::optional<std::string> audience);
    awaitable<consultation> get(const principal& who, std::int64_t id);
    awaitable<consultation> create(const principal& who, consultation_fields fields, audit_context audit);
    awaitable<consultation> update(const principal& who, std::int64_t id, consultation_fields fields,
                                   audit_context audit);
    awaitable<consultation> publish(const principal& who, std::int64_t id, audit_context audit);
    awaitable<consultation> close(const principal& who, std::int64_t id, audit_context audit);
    awaitable<consultation> publish_outcome(const principal& who, std::int64_t id, std::string body,
                                            bool confirm_personal_data, audit_context audit);
    awaitable<int> remind(const principal& who, std::int64_t id, audit_context audit);

    // 404 when there is none yet.
    // service: children or adults, for a consultation of both services answered by organisations (each service
    // gives its own response); the person's own service when they work in one.
    awaitable<consultation_response> my_response(const principal& who, std::int64_t id,
                                                 std::optional<std::string> service);
    awaitable<consultation_response> save_response(const principal& who, std::int64_t id, response_request request,
                                                   audit_context audit);

    awaitable<summary> summary_of(const principal& who, std::int64_t id);
    awaitable<std::pair<consultation, std::vector<submitted_response>>> responses(const principal& who,
                                                                                  std::int64_t id);
    awaitable<theme> add_theme(const principal& who, std::int64_t id, std::string name, audit_context audit);
    awaitable<void> tag(const principal& who, std::int64_t id, answer_theme tag, bool on, audit_context audit);

    // For the realtime channel consultation:{id}.
    awaitable<bool> may_watch(const principal& who, std::int64_t id);

    // Run by every instance every minute.
    awaitable<int> send_closing_notices();

private:
    awaitable<consultation> office_view(const principal& who, std::int64_t id);
    awaitable<consultation> visible(const principal& who, std::int64_t id);

    consultations::store& store_;
    response_store& responses_;
    forum::service& discussions_;
    db::write_limits& limits_;
};

} // namespace pswnet::consultations
