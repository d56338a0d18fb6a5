// Discussion policy and tag normalisation.
#include "forum/policy.hpp"
#include "forum/service.hpp"

#include <gtest/gtest.h>

namespace pswnet::forum {
namespace {

principal person(std::int64_t id, std::vector<role> roles = {role::member})
{
    principal p;
    p.user_id = id;
    p.organisation_id = 100 + id;
    p.roles = std::move(roles);
    return p;
}

thread_summary question_by(std::int64_t author_id)
{
    thread_summary t;
    t.id = 1;
    t.kind = thread_kind::question;
    t.author.id = author_id;
    return t;
}

post post_by(std::int64_t author_id, bool recent = true)
{
    post p;
    p.id = 7;
    p.author.id = author_id;
    p.recent = recent;
    p.body_html = "<p>x</p>";
    p.body_markdown = "x";
    return p;
}

TEST(ForumPolicy, AnnouncementsAreForOfficesAndModerators)
{
    EXPECT_FALSE(policy::may_announce(person(1)));
    EXPECT_TRUE(policy::may_announce(person(1, {role::csw_office})));
    EXPECT_TRUE(policy::may_announce(person(1, {role::moderator})));
    EXPECT_TRUE(policy::may_announce(person(1, {role::network_admin})));
}

TEST(ForumPolicy, AuthorsEditFor24HoursModeratorsAlways)
{
    EXPECT_TRUE(policy::may_edit(person(1), post_by(1, true)));
    EXPECT_FALSE(policy::may_edit(person(1), post_by(1, false)));
    EXPECT_FALSE(policy::may_edit(person(2), post_by(1, true)));
    EXPECT_TRUE(policy::may_edit(person(2, {role::moderator}), post_by(1, false)));
}

TEST(ForumPolicy, TheAskerOrAModeratorAcceptsAnswersToQuestions)
{
    EXPECT_TRUE(policy::may_accept(person(1), question_by(1)));
    EXPECT_FALSE(policy::may_accept(person(2), question_by(1)));
    EXPECT_TRUE(policy::may_accept(person(2, {role::moderator}), question_by(1)));
    auto discussion = question_by(1);
    discussion.kind = thread_kind::discussion;
    EXPECT_FALSE(policy::may_accept(person(1), discussion));
}

TEST(ForumPolicy, LockedThreadsTakeRepliesFromModeratorsOnly)
{
    auto t = question_by(1);
    t.locked = true;
    EXPECT_FALSE(policy::may_reply(person(1), t));
    EXPECT_TRUE(policy::may_reply(person(2, {role::network_admin}), t));
    // What the reply's own statements ask again of the thread as they find it.
    EXPECT_FALSE(policy::replies_when_locked(person(1)));
    EXPECT_TRUE(policy::replies_when_locked(person(2, {role::moderator})));
    EXPECT_TRUE(policy::replies_when_locked(person(2, {role::network_admin})));
}

TEST(ForumPolicy, HiddenPostsShowTheirBodyToTheAuthorAndModeratorsOnly)
{
    auto hidden = post_by(1);
    hidden.hidden = true;
    auto for_other = policy::view_of(person(2), question_by(1), hidden);
    EXPECT_FALSE(for_other.show_body);
    EXPECT_TRUE(for_other.post.body_html.empty());
    EXPECT_TRUE(policy::view_of(person(1), question_by(1), hidden).show_body);
    EXPECT_TRUE(policy::view_of(person(3, {role::moderator}), question_by(1), hidden).show_body);
}

TEST(ForumModel, ThreadKindsReadAndWriteTheNamesOfTheApiAndTheDatabase)
{
    for (auto [kind, name] : {std::pair{thread_kind::question, "question"},
                              {thread_kind::discussion, "discussion"},
                              {thread_kind::announcement, "announcement"}}) {
        EXPECT_EQ(to_string(kind), name);
        EXPECT_EQ(parse_thread_kind(name), kind);
    }
    EXPECT_EQ(parse_thread_kind(""), std::nullopt);
    EXPECT_EQ(parse_thread_kind("Question"), std::nullopt);
}

TEST(ForumModel, OnlyQuestionsAreAnsweredOrUnanswered)
{
    auto t = question_by(1);
    EXPECT_EQ(t.status(), "unanswered");
    t.accepted_post_id = 5;
    EXPECT_EQ(t.status(), "answered");
    t.kind = thread_kind::announcement;
    EXPECT_EQ(t.status(), "open");
}

TEST(ForumPolicy, MarkdownSourceIsForTheAuthorAndModerators)
{
    EXPECT_TRUE(policy::view_of(person(1), question_by(1), post_by(1)).show_markdown);
    EXPECT_FALSE(policy::view_of(person(2), question_by(1), post_by(1)).show_markdown);
}

} // namespace
} // namespace pswnet::forum
