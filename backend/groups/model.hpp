// Groups' types: a group, its members and the requests to join it. Plain structs, no JSON.
#pragma once

#include "core/principal.hpp"
#include "core/references.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::groups {

inline constexpr std::size_t max_name_length = 120;
inline constexpr std::size_t max_description_length = 2000;
inline constexpr std::size_t max_request_message_length = 500;

struct region {
    std::string code;
    std::string name;
};

struct group {
    std::int64_t id = 0;
    std::string name;
    std::string description;
    std::string kind;    // regional_network, national_network, interest
    std::string privacy; // open, restricted, private
    pswnet::sector sector = sector::both;
    std::optional<groups::region> region; // a regional network's
    int member_count = 0;
    int owner_count = 0;
    std::string created_at;
    // The caller's place in it, as the store reads it.
    std::optional<std::string> my_role; // owner, member
    bool requested = false;             // the caller asked to join and waits for an answer
};

struct member {
    std::int64_t id = 0; // the person's
    std::string display_name;
    organisation_ref organisation;
    std::string role; // owner, member
    std::string joined_at;
};

struct join_request {
    std::int64_t id = 0;
    std::int64_t person_id = 0;
    std::string display_name;
    organisation_ref organisation;
    std::string message;
    std::string requested_at;
};

// A new group, or the fields a change names (absent ones stay).
struct group_change {
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<std::string> kind;
    std::optional<std::string> privacy;
    std::optional<std::string> sector;
    std::optional<std::string> region_code;
};

struct group_filter {
    std::optional<std::string> q;
    std::optional<std::string> kind;
    std::optional<std::string> sector;
    bool mine = false; // only the caller's groups
    int limit = 50;
    std::optional<std::int64_t> after_id; // the previous page's last group
};

struct group_page {
    std::vector<group> items;
    std::optional<std::int64_t> next_after_id;
};

// What joining did: joined an open group, or asked to join a restricted one.
enum class join_outcome { joined, requested };

} // namespace pswnet::groups
