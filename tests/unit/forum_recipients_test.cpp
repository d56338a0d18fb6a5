// Who is told of what in discussions (forum/recipients.hpp): each person once, by the most personal reason, and
// never the person who acted.
#include "forum/recipients.hpp"

#include <gtest/gtest.h>

namespace pswnet::forum {
namespace {

using ids = std::vector<std::int64_t>;

ids recipients_of(const std::vector<planned_notice>& plan, std::string_view kind)
{
    for (const auto& notice : plan)
        if (notice.kind == kind)
            return notice.recipients;
    return {};
}

TEST(ForumRecipients, AnAddressedQuestionTellsItsAudienceAndTheMentionedOnceEach)
{
    auto plan = notices_for_new_thread(thread_kind::question, {.audience = {1, 2, 3}, .mentioned = {3, 4}}, 1);
    EXPECT_EQ(recipients_of(plan, "mention"), (ids{3, 4}));
    EXPECT_EQ(recipients_of(plan, "audience_question"), (ids{2})) << "the author and the mentioned are left out";
    EXPECT_TRUE(recipients_of(plan, "announcement").empty());
}

TEST(ForumRecipients, OnlyAnAnnouncementTellsTheWholeSector)
{
    new_thread_candidates candidates{.audience = {}, .sector = {5, 6, 7}, .mentioned = {6}};
    EXPECT_TRUE(notices_for_new_thread(thread_kind::discussion, candidates, 5).size() == 1);
    auto plan = notices_for_new_thread(thread_kind::announcement, candidates, 5);
    EXPECT_EQ(recipients_of(plan, "mention"), (ids{6}));
    EXPECT_EQ(recipients_of(plan, "announcement"), (ids{7}));
}

TEST(ForumRecipients, AnAnnouncementToAnAudienceIsAnAnnouncementToThemToo)
{
    auto plan = notices_for_new_thread(thread_kind::announcement, {.audience = {2, 3}, .sector = {3, 4}}, 1);
    ASSERT_EQ(plan.size(), 1U);
    EXPECT_EQ(recipients_of(plan, "announcement"), (ids{2, 3, 4}));
}

TEST(ForumRecipients, AThreadInAGroupTellsItsMembersOnceEach)
{
    auto plan = notices_for_new_thread(thread_kind::question, {.group = {1, 2, 3, 4}, .mentioned = {3}}, 1);
    EXPECT_EQ(recipients_of(plan, "mention"), (ids{3}));
    EXPECT_EQ(recipients_of(plan, "group_discussion"), (ids{2, 4})) << "the author and the mentioned are left out";
    auto announced = notices_for_new_thread(thread_kind::announcement, {.group = {1, 2}}, 1);
    EXPECT_EQ(recipients_of(announced, "announcement"), (ids{2})) << "an announcement in a group is one to its members";
    EXPECT_TRUE(recipients_of(announced, "group_discussion").empty());
}

TEST(ForumRecipients, ANewThreadWithNobodyToTellPlansNothing)
{
    EXPECT_TRUE(notices_for_new_thread(thread_kind::question, {.mentioned = {9}}, 9).empty())
        << "mentioning oneself tells nobody";
}

TEST(ForumRecipients, AReplyTellsFollowersAndTheMentionedWhoDoNotFollow)
{
    auto plan = notices_for_reply({1, 2, 3}, {3, 4, 2}, 2);
    EXPECT_EQ(recipients_of(plan, "reply"), (ids{1, 3}));
    EXPECT_EQ(recipients_of(plan, "mention"), (ids{4}));
}

TEST(ForumRecipients, AnAcceptedAnswerTellsItsAuthorUnlessTheyAcceptedIt)
{
    EXPECT_EQ(recipients_of(notices_for_accepted_answer(4, 1), "answer_accepted"), (ids{4}));
    EXPECT_TRUE(notices_for_accepted_answer(4, 4).empty());
}

} // namespace
} // namespace pswnet::forum
