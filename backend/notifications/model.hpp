// Notifications' types: what a notification is about, who caused it, a page of them, and a person's settings.
#pragma once

#include "core/references.hpp"
#include "notifications/kinds.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::notifications {

// What a notification is about, with its title and the web path of its page as they were when it was written.
struct subject {
    std::string type; // thread, consultation, resource, group, group_join_request, access_request or account
    std::int64_t id = 0;
    std::string title;
    std::string link; // "/discussions/12#post-40": a path of the web client
};

// Who caused a notification: the same shape as a post's author.
struct actor {
    std::int64_t id = 0;
    std::string display_name;
    organisation_ref organisation;
};

// What a capability hands to notify().
struct notice {
    std::string kind; // one of kinds()
    notifications::subject about;
    std::optional<std::int64_t> post_id;  // the post a discussion notification points at
    std::optional<std::int64_t> actor_id; // who caused it; they are never notified of their own act
    std::string excerpt;                  // plain text quoted in the email (a post's start); may be empty
};

struct notification {
    std::int64_t id = 0;
    std::string kind;
    notifications::subject about;
    std::optional<std::int64_t> post_id;
    std::optional<notifications::actor> by;
    std::string created_at;
    bool read = false;
};

struct notification_page {
    std::vector<notification> items;
    std::optional<std::int64_t> next_after_id;
    int unread_count = 0;
};

struct kind_setting {
    std::string kind;
    notifications::delivery delivery = delivery::immediate;
};

struct settings {
    std::vector<kind_setting> kinds; // every kind, in kinds() order
    int digest_hour = 8;             // Europe/London
    int digest_weekday = 1;          // 1 Monday .. 7 Sunday
};

struct outbox_entry {
    std::int64_t id = 0;
    std::string recipient;
    std::string subject;
    std::string kind;
    std::string status; // queued, sent, failed
    int attempts = 0;
    std::string created_at;
    std::optional<std::string> sent_at;
    std::optional<std::string> next_attempt_at;
    std::optional<std::string> last_error;
};

struct outbox_page {
    std::vector<outbox_entry> items;
    std::optional<std::int64_t> next_after_id;
    int queued = 0;
    int sent = 0;
    int failed = 0;
};

} // namespace pswnet::notifications
