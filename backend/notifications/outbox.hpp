// Putting an email in the outbox, inside the transaction of the change that causes it: it is sent if and only if
// the change commits. Any instance's sender picks it up (NOTIFY pswnet_outbox wakes them).
#pragma once

#include "notifications/email_content.hpp"

#include <pqxx/pqxx>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet::notifications {

inline constexpr const char* outbox_channel = "pswnet_outbox";

// A token for a link in an email: "unsubscribe" (kind: the notification kind, or digest) or "reply" (subject_id: the
// thread). Made by new_mail_token and stored, as its hash only, with the email that carries it.
struct mail_token {
    std::string token; // the token itself, for the link
    std::string purpose;
    std::int64_t user_id = 0;
    std::optional<std::string> kind;
    std::optional<std::int64_t> subject_id;
    std::chrono::seconds lifetime{};
};

mail_token new_mail_token(std::string_view purpose, std::int64_t user_id, std::optional<std::string> kind,
                          std::optional<std::int64_t> subject_id, std::chrono::seconds lifetime);

struct queued_email {
    std::optional<std::int64_t> user_id; // none: to someone without an account yet (an invitation)
    std::string recipient;               // an address
    std::string recipient_name;
    std::string kind; // a notification kind, digest_daily, digest_weekly or invitation
    email_text content;
    std::optional<std::string> reply_to;
    std::optional<std::string> in_reply_to;
    std::optional<std::string> unsubscribe_url;
    std::vector<mail_token> tokens; // of its links, stored with it
};

// Puts the emails, with their links' tokens, in the outbox in one statement (one for each 200), and wakes every
// instance's sender when the transaction commits. Returns the outbox rows' ids, in the emails' order.
std::vector<std::int64_t> enqueue(pqxx::dbtransaction& tx, const std::vector<queued_email>& emails);
std::int64_t enqueue(pqxx::dbtransaction& tx, const queued_email& email);

// Links of emails past their lifetime; returns how many were forgotten.
int forget_expired_mail_tokens(pqxx::dbtransaction& tx);

// The Message-ID that every email about one subject refers to, so that mail clients group them as one thread.
std::string subject_thread_id(const std::string& subject_type, std::int64_t subject_id);

} // namespace pswnet::notifications
