#include "forum/recipients.hpp"

#include <algorithm>
#include <set>

namespace pswnet::forum {
namespace {

// Adds each person not yet told, in order, to the notice of `kind`; none when nobody is left.
void tell_the_rest(std::vector<planned_notice>& plan, std::set<std::int64_t>& told, std::string_view kind,
                   const std::vector<std::int64_t>& people)
{
    planned_notice notice{kind, {}};
    for (auto person : people)
        if (told.insert(person).second)
            notice.recipients.push_back(person);
    if (!notice.recipients.empty())
        plan.push_back(std::move(notice));
}

} // namespace

std::vector<planned_notice> notices_for_new_thread(thread_kind kind, const new_thread_candidates& candidates,
                                                   std::int64_t author)
{
    std::vector<planned_notice> plan;
    std::set<std::int64_t> told{author};
    tell_the_rest(plan, told, "mention", candidates.mentioned);
    if (kind != thread_kind::announcement) {
        tell_the_rest(plan, told, "audience_question", candidates.audience);
        tell_the_rest(plan, told, "group_discussion", candidates.group);
        return plan;
    }
    auto everyone = candidates.audience;
    everyone.insert(everyone.end(), candidates.sector.begin(), candidates.sector.end());
    everyone.insert(everyone.end(), candidates.group.begin(), candidates.group.end());
    tell_the_rest(plan, told, "announcement", everyone);
    return plan;
}

std::vector<planned_notice> notices_for_reply(const std::vector<std::int64_t>& followers,
                                              const std::vector<std::int64_t>& mentioned, std::int64_t replier)
{
    std::vector<planned_notice> plan;
    std::set<std::int64_t> told{replier};
    tell_the_rest(plan, told, "reply", followers);
    tell_the_rest(plan, told, "mention", mentioned);
    return plan;
}

std::vector<planned_notice> notices_for_accepted_answer(std::int64_t answer_author, std::int64_t accepter)
{
    if (answer_author == accepter)
        return {};
    return {{"answer_accepted", {answer_author}}};
}

} // namespace pswnet::forum
