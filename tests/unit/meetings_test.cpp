// Meetings' pure parts: a change applied to a meeting's fields and checked as a whole (meetings/meeting_fields.hpp),
// who may arrange, change, answer and complete (meetings/policy.hpp), and the iCalendar libical writes
// (meetings/icalendar.hpp), read back with libical's own parser.
#include "meetings/icalendar.hpp"
#include "meetings/meeting_fields.hpp"
#include "meetings/policy.hpp"

#include <libical/ical.h>

#include <gtest/gtest.h>

#include <algorithm>

namespace pswnet::meetings {
namespace {

std::vector<std::string> fields_at_fault(const field_errors& errors)
{
    std::vector<std::string> names;
    for (const auto& e : errors.list())
        names.push_back(e.field);
    std::sort(names.begin(), names.end());
    return names;
}

meeting_fields stored()
{
    return {"South West network", "2027-03-04", "10:00", "12:00", "Taunton", std::nullopt, "1. Welcome", {4, 5}};
}

TEST(MeetingFields, ANewMeetingNamesItsTitleDateAndTimesAndAPlaceOrLink)
{
    field_errors errors;
    apply({}, {}, true, errors);
    EXPECT_EQ(fields_at_fault(errors),
              (std::vector<std::string>{"date", "end_time", "location", "start_time", "title"}));

    field_errors none;
    auto made = apply({.title = "North East network",
                       .date = "2027-02-28",
                       .start_time = "09:30",
                       .end_time = "11:00",
                       .online_url = "https://meet.example.org/ne"},
                      {}, true, none);
    EXPECT_TRUE(none.empty());
    EXPECT_EQ(made.online_url, "https://meet.example.org/ne");
}

TEST(MeetingFields, RefusesDatesAndTimesThatDoNotExistAndMeetingsThatEndBeforeTheyStart)
{
    field_errors errors;
    apply({.date = "2027-02-29", .start_time = "24:00", .end_time = "7pm"}, stored(), false, errors);
    EXPECT_EQ(fields_at_fault(errors), (std::vector<std::string>{"date", "end_time", "start_time"}));

    field_errors backwards; // only the start is sent: it is checked against the stored end
    apply({.start_time = "12:30"}, stored(), false, backwards);
    EXPECT_EQ(fields_at_fault(backwards), (std::vector<std::string>{"start_time"}));

    field_errors leap;
    apply({.date = "2028-02-29"}, stored(), false, leap);
    EXPECT_TRUE(leap.empty());
}

TEST(MeetingFields, OnlyHttpsLinksAndRemovingTheLinkNeedsAPlace)
{
    field_errors errors;
    apply({.online_url = "javascript:alert(1)"}, stored(), false, errors);
    apply({.online_url = "https://meet.example.org/a b"}, stored(), false, errors);
    EXPECT_EQ(fields_at_fault(errors), (std::vector<std::string>{"online_url", "online_url"}));

    field_errors nowhere;
    auto online = stored();
    online.online_url = "https://meet.example.org/sw";
    apply({.location = "", .clear_online_url = true}, online, false, nowhere);
    EXPECT_EQ(fields_at_fault(nowhere), (std::vector<std::string>{"location"}));
}

TEST(MeetingFields, ChangesOnlyWhatIsNamedAndKeepsPapersInOrderOnce)
{
    field_errors errors;
    auto after =
        apply({.agenda = "1. Caseloads", .paper_ids = std::vector<std::int64_t>{9, 4, 9}}, stored(), false, errors);
    EXPECT_TRUE(errors.empty());
    EXPECT_EQ(after.title, "South West network");
    EXPECT_EQ(after.agenda, "1. Caseloads");
    EXPECT_EQ(after.paper_ids, (std::vector<std::int64_t>{9, 4}));
    EXPECT_FALSE(moved(stored(), after));
    EXPECT_TRUE(moved(stored(), apply({.end_time = "13:00"}, stored(), false, errors)));
    EXPECT_TRUE(moved(stored(), apply({.location = "Exeter"}, stored(), false, errors)));
}

principal person(std::int64_t id, std::vector<role> roles = {role::member})
{
    principal who;
    who.user_id = id;
    who.roles = std::move(roles);
    return who;
}

groups::group group_as(std::optional<std::string> my_role)
{
    groups::group g;
    g.id = 1;
    g.privacy = "restricted";
    g.my_role = std::move(my_role);
    return g;
}

meeting organised_by(std::int64_t id)
{
    meeting m;
    m.id = 3;
    m.organiser.id = id;
    return m;
}

TEST(MeetingsPolicy, OwnersArrangeTheOrganiserManagesWhileAMemberAndMembersAnswer)
{
    EXPECT_TRUE(policy::may_arrange(person(7), group_as("owner")));
    EXPECT_FALSE(policy::may_arrange(person(7), group_as("member")));
    EXPECT_TRUE(policy::may_arrange(person(7, {role::network_admin}), group_as(std::nullopt)));
    EXPECT_FALSE(policy::may_arrange(person(7, {role::moderator}), group_as(std::nullopt)));

    EXPECT_TRUE(policy::may_manage(person(7), group_as("member"), organised_by(7)));
    EXPECT_FALSE(policy::may_manage(person(7), group_as(std::nullopt), organised_by(7)));
    EXPECT_FALSE(policy::may_manage(person(8), group_as("member"), organised_by(7)));

    auto m = organised_by(7);
    EXPECT_TRUE(policy::may_answer(group_as("member"), m));
    EXPECT_FALSE(policy::may_answer(group_as(std::nullopt), m));
    m.cancelled_at = "2027-01-01T10:00:00Z";
    EXPECT_FALSE(policy::may_answer(group_as("member"), m));
    m.cancelled_at.reset();
    m.ended = true;
    EXPECT_FALSE(policy::may_answer(group_as("member"), m));
}

TEST(MeetingsPolicy, AnActionIsCompletedByItsOwnerOrTheGroupsOwners)
{
    action a;
    a.owner.id = 9;
    EXPECT_TRUE(policy::may_complete(person(9), group_as("member"), a));
    EXPECT_FALSE(policy::may_complete(person(8), group_as("member"), a));
    EXPECT_TRUE(policy::may_complete(person(8), group_as("owner"), a));
}

meeting scheduled()
{
    meeting m;
    m.id = 42;
    m.group = {5, "South West children's PSW network"};
    m.title = "Quarterly meeting; caseloads, and \"what works\"";
    m.starts_at = "2027-07-15T09:00:00Z";
    m.ends_at = "2027-07-15T11:30:00Z";
    m.location = "Taunton, Room 2";
    m.agenda = "1. Welcome\n2. **Caseloads**";
    m.sequence = 2;
    m.updated_at = "2027-06-01T08:00:00Z";
    return m;
}

struct parsed {
    icalproperty_method method = ICAL_METHOD_NONE;
    std::vector<icalcomponent*> events;
    icalcomponent* root = nullptr;
    ~parsed() { icalcomponent_free(root); }
};

std::unique_ptr<parsed> parse(const std::string& text)
{
    auto result = std::make_unique<parsed>();
    result->root = icalparser_parse_string(text.c_str());
    EXPECT_NE(result->root, nullptr);
    result->method = icalcomponent_get_method(result->root);
    for (auto* e = icalcomponent_get_first_component(result->root, ICAL_VEVENT_COMPONENT); e;
         e = icalcomponent_get_next_component(result->root, ICAL_VEVENT_COMPONENT))
        result->events.push_back(e);
    return result;
}

const icalendar::links where{"https://pswnet.example", "pswnet.example"};

TEST(MeetingCalendar, AMeetingIsOneEventInUtcWithItsUidSequenceAndEscapedText)
{
    auto file = icalendar::meeting_file(scheduled(), where);
    auto cal = parse(file);
    EXPECT_EQ(cal->method, ICAL_METHOD_PUBLISH);
    ASSERT_EQ(cal->events.size(), 1u);
    auto* e = cal->events[0];
    EXPECT_STREQ(icalcomponent_get_uid(e), "meeting-42@pswnet.example");
    EXPECT_EQ(icalcomponent_get_sequence(e), 2);
    EXPECT_STREQ(icalcomponent_get_summary(e), "Quarterly meeting; caseloads, and \"what works\"");
    EXPECT_STREQ(icaltime_as_ical_string(icalcomponent_get_dtstart(e)), "20270715T090000Z");
    EXPECT_STREQ(icaltime_as_ical_string(icalcomponent_get_dtend(e)), "20270715T113000Z");
    EXPECT_EQ(icalcomponent_get_status(e), ICAL_STATUS_CONFIRMED);
    EXPECT_NE(std::string(icalcomponent_get_description(e)).find("https://pswnet.example/groups/5/meetings/42"),
              std::string::npos);
    EXPECT_NE(file.find("SUMMARY:Quarterly meeting\\; caseloads\\, and"), std::string::npos) << file;
}

TEST(MeetingCalendar, ACancelledMeetingIsMethodCancelAndStatusCancelledInTheFeedToo)
{
    auto m = scheduled();
    m.cancelled_at = "2027-06-02T08:00:00Z";
    auto cancelled = parse(icalendar::meeting_file(m, where));
    EXPECT_EQ(cancelled->method, ICAL_METHOD_CANCEL);
    EXPECT_EQ(icalcomponent_get_status(cancelled->events.at(0)), ICAL_STATUS_CANCELLED);

    auto feed = parse(icalendar::feed({scheduled(), m}, where));
    EXPECT_EQ(feed->method, ICAL_METHOD_PUBLISH);
    ASSERT_EQ(feed->events.size(), 2u);
    EXPECT_EQ(icalcomponent_get_status(feed->events[1]), ICAL_STATUS_CANCELLED);
}

} // namespace
} // namespace pswnet::meetings
