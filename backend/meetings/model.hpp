// Meetings' types: a meeting of a group, the answers to it, a group's actions and a person's calendar feed. Plain
// structs, no JSON. Dates and clock times are Europe/London's; moments are RFC 3339 in UTC.
#pragma once

#include "core/references.hpp"
#include "library/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::meetings {

inline constexpr std::size_t max_title_length = 200;
inline constexpr std::size_t max_location_length = 300;
inline constexpr std::size_t max_url_length = 2000;
inline constexpr std::size_t max_agenda_length = 20000;
inline constexpr std::size_t max_reason_length = 500;
inline constexpr std::size_t max_minutes_length = 50000;
inline constexpr std::size_t max_action_title_length = 300;
inline constexpr std::size_t max_papers = 10;

struct group_ref {
    std::int64_t id = 0;
    std::string name;
};

// A person as lists show them: name and organisation.
struct person {
    std::int64_t id = 0;
    std::string display_name;
    organisation_ref organisation;
};

struct rsvp_counts {
    int going = 0;
    int maybe = 0;
    int not_going = 0;
};

struct meeting {
    std::int64_t id = 0;
    group_ref group;
    std::string title;
    std::string date;       // 2026-12-15, in Europe/London
    std::string start_time; // 10:00, in Europe/London
    std::string end_time;
    std::string starts_at; // RFC 3339, UTC
    std::string ends_at;
    std::string location;
    std::optional<std::string> online_url;
    std::string agenda; // Markdown
    meetings::person organiser;
    std::optional<std::string> cancelled_at;
    std::optional<std::string> cancel_reason;
    int sequence = 0;
    rsvp_counts counts;
    std::optional<std::string> my_rsvp; // the caller's, as the store read it
    std::optional<std::int64_t> minutes_thread_id;
    bool started = false;
    bool ended = false;
    std::string created_at;
    std::string updated_at;
};

// A meeting as the caller may act on it.
struct meeting_view {
    meeting m;
    bool can_manage = false;
    bool can_answer = false;
};

// With its papers, as the caller may read them (one they may no longer read is left out).
struct meeting_details {
    meeting_view view;
    std::vector<library::paper> papers;
};

struct meeting_views {
    std::vector<meeting_view> items;
    std::optional<std::int64_t> next_after_id;
};

// A new meeting, or the fields a change names (absent ones stay; clear_online_url removes the link).
struct meeting_change {
    std::optional<std::string> title;
    std::optional<std::string> date;
    std::optional<std::string> start_time;
    std::optional<std::string> end_time;
    std::optional<std::string> location;
    std::optional<std::string> online_url;
    bool clear_online_url = false;
    std::optional<std::string> agenda;
    std::optional<std::vector<std::int64_t>> paper_ids;
};

// A meeting's fields as they will be stored: a new meeting's, or a changed one's with the change applied.
struct meeting_fields {
    std::string title;
    std::string date;
    std::string start_time;
    std::string end_time;
    std::string location;
    std::optional<std::string> online_url;
    std::string agenda;
    std::vector<std::int64_t> paper_ids;
};

struct meeting_filter {
    bool past = false; // ended, latest first; else not ended, soonest first
    int limit = 20;
    std::optional<std::int64_t> after_id; // the previous page's last meeting
};

struct meeting_page {
    std::vector<meeting> items;
    std::optional<std::int64_t> next_after_id;
};

struct attendee {
    meetings::person who;
    std::string answer;
    std::string answered_at;
};

struct action {
    std::int64_t id = 0;
    group_ref group;
    std::optional<std::int64_t> meeting_id;
    std::optional<std::string> meeting_title;
    std::string title;
    meetings::person owner;
    std::string due_on;
    std::optional<std::string> done_at;
    bool overdue = false;
    std::string created_at;
};

// An action as the caller may act on it: change it, or mark it done.
struct action_view {
    meetings::action action;
    bool can_edit = false;
    bool can_complete = false;
};

// A new action, or the fields a change names (absent ones stay). A new one names its title, owner and due date, and
// may name the meeting it came from; a change may mark it done or not.
struct action_change {
    std::optional<std::string> title;
    std::optional<std::int64_t> owner_id;
    std::optional<std::string> due_on;
    std::optional<std::int64_t> meeting_id;
    std::optional<bool> done;
};

// Which of a group's actions: open (not done), done, or all.
enum class action_state { open, done, all };

struct calendar_feed {
    bool active = false;
    std::optional<std::string> created_at;
    std::optional<std::string> url; // only when just made
};

} // namespace pswnet::meetings
