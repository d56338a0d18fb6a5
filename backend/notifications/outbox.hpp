// Putting an email in the outbox, inside the transaction of the change that causes it: it is sent if and only if
// the change commits. Any instance's sender picks it up (NOTIFY pswnet_outbox wakes them).
#pragma once

#include "notifications/email_content.hpp"

#include <pqxx/pqxx>

#include <cstdint>
#include <optional>
#include <string>

namespace pswnet::notifications {

inline constexpr const char* outbox_channel = "pswnet_outbox";

struct queued_email {
    std::optional<std::int64_t> user_id; // none: to someone without an account yet (an invitation)
    std::string recipient;               // an address
    std::string recipient_name;
    std::string kind; // a notification kind, digest_daily, digest_weekly or invitation
    email_text content;
    std::optional<std::string> reply_to;
    std::optional<std::string> in_reply_to;
    std::optional<std::string> unsubscribe_url;
};

// Returns the outbox row's id.
std::int64_t enqueue(pqxx::work& tx, const queued_email& email);

// A new single-use-purpose token for a link in an email, stored as its hash: "unsubscribe" (kind: the notification
// kind, or digest) or "reply" (subject_id: the thread). Returns the token itself.
std::string issue_mail_token(pqxx::work& tx, std::string_view purpose, std::int64_t user_id,
                             std::optional<std::string> kind, std::optional<std::int64_t> subject_id,
                             std::chrono::seconds lifetime);

// Links of emails past their lifetime; returns how many were forgotten.
int forget_expired_mail_tokens(pqxx::work& tx);

// The Message-ID that every email about one subject refers to, so that mail clients group them as one thread.
std::string subject_thread_id(const std::string& subject_type, std::int64_t subject_id);

} // namespace pswnet::notifications
