#include "notifications/kinds.hpp"

#include <array>

namespace pswnet::notifications {
namespace {

constexpr std::array<kind_info, 18> table{{
    {"mention", "thread", "Someone mentions me", "Discussions", delivery::immediate},
    {"reply", "thread", "Replies to my questions and to threads I follow", "Discussions", delivery::immediate},
    {"answer_accepted", "thread", "My answer is accepted", "Discussions", delivery::immediate},
    {"audience_question", "thread", "Questions addressed to my authority, region or neighbours", "Discussions",
     delivery::immediate},
    {"announcement", "thread", "Announcements to the network", "Discussions", delivery::weekly},
    {"consultation_published", "consultation", "A consultation is published for my authority", "Consultations",
     delivery::immediate},
    {"consultation_reminder", "consultation", "Reminders to respond to a consultation", "Consultations",
     delivery::immediate},
    {"consultation_closing", "consultation", "A consultation closes in 3 days and we have not responded",
     "Consultations", delivery::immediate},
    {"consultation_outcome", "consultation", "A consultation's outcome is published", "Consultations",
     delivery::weekly},
    {"resource_endorsed", "resource", "Another authority uses a resource I shared", "Library", delivery::weekly},
    {"resource_discussed", "thread", "Someone starts a discussion about a resource I shared", "Library",
     delivery::immediate},
    {"group_discussion", "thread", "New discussions in my groups", "Groups", delivery::daily},
    {"group_membership", "group", "Requests to join groups I own, and answers to my requests", "Groups",
     delivery::immediate},
    {"meeting", "meeting", "Meetings of my groups are arranged, and meetings I am going to change or are cancelled",
     "Groups", delivery::immediate},
    {"meeting_reminder", "meeting", "Reminders the day before meetings I am going to", "Groups", delivery::immediate},
    {"group_action", "group_action", "Actions given to me, and reminders when they are due", "Groups",
     delivery::immediate},
    {"access_request", "access_request", "Someone asks to join my organisation (for its administrators)",
     "Your organisation", delivery::immediate},
    {"account", "account", "My password or email address changes, or my account is signed in to on a new device",
     "Your account", delivery::immediate, true},
}};

} // namespace

std::string_view to_string(delivery d)
{
    switch (d) {
    case delivery::immediate:
        return "immediate";
    case delivery::daily:
        return "daily";
    case delivery::weekly:
        return "weekly";
    case delivery::off:
        return "off";
    }
    return "off";
}

std::optional<delivery> parse_delivery(std::string_view text)
{
    for (auto d : {delivery::immediate, delivery::daily, delivery::weekly, delivery::off})
        if (to_string(d) == text)
            return d;
    return std::nullopt;
}

std::span<const kind_info> kinds()
{
    return table;
}

const kind_info* find_kind(std::string_view name)
{
    for (const auto& k : table)
        if (k.name == name)
            return &k;
    return nullptr;
}

} // namespace pswnet::notifications
