// Who is told of what in discussions: the rules, apart from the SQL that finds the candidates. Each candidate list
// holds only active people who may read the thread; these functions decide which notice each of them gets. Pure,
// so that the rules are tested alone (tests/unit/forum_recipients_test.cpp).
#pragma once

#include "forum/model.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace pswnet::forum {

struct planned_notice {
    std::string_view kind; // a notification kind: audience_question, announcement, mention, reply, answer_accepted
    std::vector<std::int64_t> recipients;
};

// The readers a new thread could concern: its addressed audience's members (in its sector), everyone in its sector
// (for an announcement of the network), the members of the group it is started in, and the people its first post
// mentions.
struct new_thread_candidates {
    std::vector<std::int64_t> audience;
    std::vector<std::int64_t> sector;
    std::vector<std::int64_t> group;
    std::vector<std::int64_t> mentioned;
};

// A question or discussion addressed to an audience tells its members; an announcement tells its audience and its
// sector that it is an announcement; a thread in a group tells the group's members (that it is an announcement,
// when it is one); a mention tells the person named. Each person hears of a new thread once, by the most personal
// reason: mentioned first. The author hears of nothing.
std::vector<planned_notice> notices_for_new_thread(thread_kind kind, const new_thread_candidates& candidates,
                                                   std::int64_t author);

// A reply tells the thread's followers; the people it mentions who do not follow hear of the mention instead. The
// replier hears of nothing.
std::vector<planned_notice> notices_for_reply(const std::vector<std::int64_t>& followers,
                                              const std::vector<std::int64_t>& mentioned, std::int64_t replier);

// An accepted answer tells its author, unless they accepted it themselves.
std::vector<planned_notice> notices_for_accepted_answer(std::int64_t answer_author, std::int64_t accepter);

} // namespace pswnet::forum
