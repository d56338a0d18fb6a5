// What a person can be told about, how each kind goes by email unless they choose otherwise, and the words for it.
// Things addressed to the person go at once; activity across the network waits for the weekly digest. Notices about
// the person's own account always go at once: they are how someone learns that another is using their account.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace pswnet::notifications {

enum class delivery { immediate, daily, weekly, off };

std::string_view to_string(delivery d);
std::optional<delivery> parse_delivery(std::string_view text);

struct kind_info {
    std::string_view name;    // as stored and in the API: reply, mention, ...
    std::string_view subject; // thread, consultation, resource, group, meeting, group_action, access_request or account
    std::string_view label;   // on the settings page: "Replies to my questions and threads I follow"
    std::string_view group;   // Discussions, Consultations, Library, Groups, Your organisation, Your account
    delivery default_delivery;
    bool fixed = false; // always by email at once: nobody may choose otherwise
};

std::span<const kind_info> kinds();
const kind_info* find_kind(std::string_view name);

} // namespace pswnet::notifications
