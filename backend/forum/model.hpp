// Discussions' types: threads, posts, reactions, notifications, flags. Plain structs, no JSON.
#pragma once

#include "core/principal.hpp"
#include "directory/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet::forum {

inline constexpr std::size_t max_title_length = 200;
inline constexpr std::size_t max_body_length = 50'000;
inline constexpr std::size_t max_tags = 5;
inline constexpr std::size_t max_flag_reason_length = 500;

// What a thread is: only questions have accepted answers; announcements go to everyone in their sector.
enum class thread_kind { question, discussion, announcement };

std::string_view to_string(thread_kind value) noexcept;
std::optional<thread_kind> parse_thread_kind(std::string_view text) noexcept;

struct author {
    std::int64_t id = 0;
    std::string display_name;
    organisation_ref organisation;
};

struct reaction_counts {
    int helpful = 0;
    int same_here = 0;
};

// Who can read a thread: the network, only an organisation or a region (a discussion of a restricted resource), or
// a group's readers (a discussion in a group: everyone for an open group, its members otherwise).
struct thread_readers {
    std::string scope = "network"; // network, region, organisation, group
    std::optional<std::int64_t> organisation_id;
    std::optional<std::string> region_code;
    std::optional<std::int64_t> group_id;
    std::optional<std::string> name; // the organisation's, region's or group's, for display
};

// The person reading, as the read queries need them.
struct reader {
    std::int64_t user_id = 0;
    bool sees_all = false; // moderators and network administrators read restricted threads too
};

struct thread_summary {
    std::int64_t id = 0;
    std::string title;
    thread_kind kind = thread_kind::discussion;
    pswnet::sector sector = sector::both;
    std::vector<std::string> tags;
    std::string audience; // network, statistical_neighbours, region, organisations, comparator_group
    forum::author author;
    int reply_count = 0;
    int view_count = 0;
    std::string created_at;
    std::string last_activity_at;
    bool locked = false;
    std::optional<std::int64_t> accepted_post_id;
    bool subscribed = false; // for the viewer
    thread_readers readers;

    std::string status() const; // answered, unanswered (questions) or open
};

// A post as stored, before the viewer's permissions are applied.
struct post {
    std::int64_t id = 0;
    std::int64_t thread_id = 0;
    forum::author author;
    bool is_opening = false;
    std::string body_markdown;
    std::string body_html;
    bool hidden = false;
    std::string created_at;
    std::optional<std::string> edited_at;
    int revision_count = 0;
    reaction_counts reactions;
    std::vector<std::string> my_reactions; // the viewer's
    bool recent = false;                   // posted within the author's edit window
};

// What a viewer may see and do with a post.
struct post_view {
    forum::post post;
    bool show_body = true;
    bool show_markdown = false;
    bool accepted = false;
    bool can_edit = false;
    bool can_accept = false;
};

// Whom a question was asked of: its organisations, and the saved group's name when it was asked of one.
struct thread_audience {
    std::optional<std::string> name;
    std::vector<organisation_ref> organisations;
};

struct thread {
    thread_summary summary;
    std::vector<post_view> posts;
    thread_audience audience;
    bool can_accept = false;
    bool can_moderate = false;
    bool first_view = false; // this read was the reader's first, and counted as a view
};

struct thread_filter {
    std::optional<std::string> sector;
    std::optional<std::string> tag;
    std::optional<std::string> q;
    std::optional<std::string> status; // answered, unanswered
    std::optional<std::int64_t> organisation_id;
    std::optional<std::string> region;
    std::optional<std::string> kind;
    std::optional<std::int64_t> addressed_to; // an organisation in the thread's audience
    std::optional<std::int64_t> group_id;     // discussions in this group
    int limit = 20;
    std::optional<std::string> after_activity; // the position the previous page ended at: its last thread's
    std::optional<std::int64_t> after_id;      // last activity (RFC 3339 with microseconds) and id
};

struct thread_page {
    std::vector<thread_summary> items;
    std::optional<std::string> next_after_activity;
    std::optional<std::int64_t> next_after_id;
};

struct new_thread {
    std::string title;
    std::string body;
    // Either is none when the request named none or an unknown one: the service says so. (The library gives a
    // discussion of a resource the resource's sector.)
    std::optional<pswnet::sector> sector;
    std::optional<thread_kind> kind;
    std::vector<std::string> tags;
    std::string audience = "network";
    std::vector<std::int64_t> audience_organisation_ids; // for audience "organisations"
    std::optional<std::int64_t> audience_group_id;       // for audience "comparator_group"
    std::optional<std::string> audience_name;            // the group's name: set by the service
    std::optional<std::int64_t> group_id;                // the group it is started in, if any
    thread_readers readers; // set by the library for a discussion of a restricted resource, never from a request
    bool confirm_personal_data = false;
};

struct revision {
    std::string body_markdown;
    std::string body_html;
    forum::author edited_by;
    std::string created_at;
};

struct search_hit {
    std::string type; // thread or post
    std::int64_t thread_id = 0;
    std::optional<std::int64_t> post_id;
    std::string title;
    std::string snippet_html;
    double rank = 0;
    std::string created_at;
};

// The best hits, and how many matched in all.
struct search_results {
    std::vector<search_hit> hits;
    int total = 0;
};

struct flag {
    std::int64_t id = 0;
    std::string reason;
    std::string created_at;
    std::optional<std::string> resolution;
    forum::author flagged_by;
    forum::post post;
    std::int64_t thread_id = 0;
    std::string thread_title;
};

struct flag_page {
    std::vector<flag> items;
    std::optional<std::int64_t> next_after_id;
};

} // namespace pswnet::forum
