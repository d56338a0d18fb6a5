// Consultation rules that need no database: question definitions, answer checks, the analysis, access, time
// parsing and the CSV export.
#include "consultations/export_csv.hpp"
#include "consultations/policy.hpp"
#include "consultations/questions.hpp"
#include "consultations/service.hpp"
#include "consultations/summary.hpp"

#include <gtest/gtest.h>

namespace pswnet::consultations {
namespace {

question make(std::string key, std::string type, bool required = true)
{
    question q;
    q.key = std::move(key);
    q.text = "A question";
    q.type = std::move(type);
    q.required = required;
    if (q.type == "single_choice" || q.type == "multi_choice")
        q.options = {"Assessment", "Supervision", "Training"};
    if (q.type == "scale") {
        q.scale_low = "Poor";
        q.scale_high = "Good";
    }
    return q;
}

std::vector<std::string> fields(const field_errors& errors)
{
    std::vector<std::string> names;
    for (const auto& e : errors.list())
        names.push_back(e.field);
    return names;
}

TEST(ConsultationQuestions, DefinitionsAreChecked)
{
    auto choice = make("areas", "multi_choice");
    choice.options = {"Only one"};
    auto scale = make("rating", "scale");
    scale.scale_high.reset();
    auto text = make("why", "text");
    text.word_limit = 0;
    auto number = make("count", "number");
    number.min = 10;
    number.max = 5;
    field_errors errors;
    check_questions({make("clear", "yes_no"), make("clear", "yes_no"), choice, scale, text, number, make("x", "essay")},
                    errors);
    EXPECT_EQ(fields(errors),
              (std::vector<std::string>{"questions[1].key", "questions[2].options", "questions[3].scale_labels.high",
                                        "questions[4].word_limit", "questions[5].max", "questions[6].type"}));
    field_errors none;
    check_questions({}, none);
    EXPECT_EQ(fields(none), std::vector<std::string>{"questions"});
}

TEST(ConsultationQuestions, DraftsCheckOnlyShape)
{
    std::vector<question> qs{make("clear", "yes_no"), make("rating", "scale"), make("areas", "multi_choice")};
    field_errors errors;
    check_answer_shapes(qs, {{"clear", 3.0}, {"rating", std::string("four")}, {"nope", std::string("x")}}, errors);
    EXPECT_EQ(fields(errors), (std::vector<std::string>{"answers.clear", "answers.nope", "answers.rating"}));
    field_errors partial;
    check_answer_shapes(qs, {{"clear", std::string("maybe")}}, partial); // values are checked on submit
    EXPECT_TRUE(partial.empty());
}

TEST(ConsultationQuestions, SubmissionsCheckEveryRule)
{
    auto number = make("count", "number");
    number.min = 0;
    number.max = 100;
    auto text = make("why", "text");
    text.word_limit = 3;
    std::vector<question> qs{make("clear", "yes_no"),
                             make("rating", "scale"),
                             make("areas", "multi_choice"),
                             make("team", "single_choice"),
                             number,
                             text,
                             make("optional", "text", false)};
    field_errors errors;
    check_submission(qs,
                     {{"clear", std::string("maybe")},
                      {"rating", 2.5},
                      {"areas", std::vector<std::string>{"Training", "Training"}},
                      {"team", std::string("Other")},
                      {"count", 101.0},
                      {"why", std::string("one two three four")}},
                     errors);
    EXPECT_EQ(fields(errors), (std::vector<std::string>{"answers.clear", "answers.rating", "answers.areas",
                                                        "answers.team", "answers.count", "answers.why"}));
    field_errors missing;
    check_submission(qs, {{"areas", std::vector<std::string>{}}, {"why", std::string("  ")}}, missing);
    EXPECT_EQ(missing.list().size(), 6U); // every required question, the optional one not
    field_errors fine;
    check_submission(qs,
                     {{"clear", std::string("yes")},
                      {"rating", 5.0},
                      {"areas", std::vector<std::string>{"Training", "Assessment"}},
                      {"team", std::string("Supervision")},
                      {"count", 0.0},
                      {"why", std::string(" one  two\nthree ")}},
                     fine);
    EXPECT_TRUE(fine.empty()) << fields(fine).front();
}

TEST(ConsultationQuestions, CountsWords)
{
    EXPECT_EQ(word_count(""), 0);
    EXPECT_EQ(word_count("  one\ttwo\n\nthree  "), 3);
}

TEST(ConsultationSummary, CountsOnlyAnswersAndComputesRates)
{
    consultation c;
    c.id = 7;
    c.questions = {make("clear", "yes_no"), make("rating", "scale"), make("areas", "multi_choice"),
                   make("why", "text")};
    std::vector<audience_authority> audience{{{1, "Southampton", "E06000045"}, "E12000008", "South East"},
                                             {{2, "Portsmouth", "E06000044"}, "E12000008", "South East"},
                                             {{3, "Southwark", "E09000028"}, "E12000007", "London"},
                                             {{4, "Leeds", "E08000035"}, "E12000003", "Yorkshire"}};
    std::vector<submitted_response> responses{
        {10,
         {1, "Southampton", "E06000045"},
         "E12000008",
         "children",
         {1, "A"},
         "t",
         1,
         {{"clear", std::string("yes")},
          {"rating", 4.0},
          {"areas", std::vector<std::string>{"Training", "Assessment"}},
          {"why", std::string("Clearer guidance")}},
         std::nullopt},
        {11,
         {3, "Southwark", "E09000028"},
         "E12000007",
         "both",
         {2, "B"},
         "t",
         2,
         {{"clear", std::string("no")}, {"rating", 1.0}, {"areas", std::vector<std::string>{"Training"}}},
         std::nullopt},
        {12, {3, "Southwark", "E09000028"}, "E12000007", "adults", {3, "C"}, "t", 1, {{"rating", 2.0}}, std::nullopt}};
    auto s = analyse(c, audience, responses, {{1, "Clarity", 0}, {2, "Unused", 0}}, {{1, 10, "why"}});
    EXPECT_EQ(s.audience_count, 4);
    EXPECT_EQ(s.responded_count, 2);
    EXPECT_DOUBLE_EQ(s.response_rate, 50);
    ASSERT_EQ(s.not_responded.size(), 2U);
    EXPECT_EQ(s.not_responded[0].name, "Leeds");
    ASSERT_EQ(s.by_region.size(), 3U);
    EXPECT_EQ(s.by_sector[0].responses, 1);
    const auto& clear = s.questions[0];
    EXPECT_EQ(clear.answered, 2);
    EXPECT_EQ(clear.options[0].value, "yes");
    EXPECT_DOUBLE_EQ(clear.options[0].percent, 50);
    const auto& rating = s.questions[1];
    EXPECT_EQ(rating.answered, 3);
    EXPECT_DOUBLE_EQ(*rating.mean, 7.0 / 3);
    EXPECT_DOUBLE_EQ(*rating.median, 2);
    EXPECT_EQ(rating.options[3].count, 1); // "4"
    const auto& areas = s.questions[2];
    EXPECT_EQ(areas.options[2].count, 2); // Training chosen by both
    EXPECT_DOUBLE_EQ(areas.options[2].percent, 100);
    ASSERT_EQ(s.questions[3].answers.size(), 1U);
    EXPECT_EQ(s.questions[3].answers[0].themes, std::vector<std::int64_t>{1});
    EXPECT_EQ(s.themes[0].count, 1);
    EXPECT_EQ(s.themes[1].count, 0);
    EXPECT_EQ(median_of({3, 1, 4, 2}), 2.5);
}

TEST(ConsultationPolicy, DraftsForTheOfficeAudiencesBySector)
{
    principal office{1, 100, 1, sector::children, {role::csw_office}};
    principal children{2, 10, 2, sector::children, {role::member}};
    principal adults{3, 11, 3, sector::adults, {role::member}};
    principal both{4, 12, 4, sector::both, {role::org_admin, role::member}};
    consultation c;
    c.status = consultation_status::draft;
    c.audience = "children";
    EXPECT_TRUE(policy::may_see(office, c));
    EXPECT_FALSE(policy::may_see(children, c));
    c.status = consultation_status::open;
    EXPECT_TRUE(policy::may_see(children, c));
    EXPECT_FALSE(policy::may_see(adults, c));
    EXPECT_TRUE(policy::may_respond(both, c));
    EXPECT_FALSE(policy::may_respond(office, c));
}

TEST(ConsultationPolicy, NoticesGoToTheAudienceAndRemindersOnlyToThoseNotIn)
{
    principal office{1, 100, 1, sector::children, {role::csw_office}};
    principal children{2, 10, 2, sector::children, {role::member}};
    principal adults{3, 11, 3, sector::adults, {role::member}};
    principal both{4, 12, 4, sector::both, {role::member}};
    EXPECT_FALSE(policy::told_of_notice(office, "both", false, false)) << "the office runs it, it is not told of it";
    EXPECT_TRUE(policy::told_of_notice(children, "children", false, false));
    EXPECT_FALSE(policy::told_of_notice(adults, "children", false, false));
    EXPECT_TRUE(policy::told_of_notice(both, "adults", false, false));
    EXPECT_TRUE(policy::told_of_notice(children, "children", true, false)) << "an outcome goes to those who answered";
    EXPECT_FALSE(policy::told_of_notice(children, "children", true, true)) << "a reminder does not";
    EXPECT_TRUE(policy::told_of_notice(children, "both", false, true));
}

TEST(ConsultationModel, StatusesReadAndWriteTheNamesOfTheApiAndTheDatabase)
{
    for (auto [status, name] : {std::pair{consultation_status::draft, "draft"},
                                {consultation_status::upcoming, "upcoming"},
                                {consultation_status::open, "open"},
                                {consultation_status::closed, "closed"},
                                {consultation_status::outcome_published, "outcome_published"}}) {
        EXPECT_EQ(to_string(status), name);
        EXPECT_EQ(parse_consultation_status(name), status);
    }
    EXPECT_EQ(parse_consultation_status("published"), std::nullopt);
    EXPECT_EQ(parse_consultation_status(""), std::nullopt);
}

TEST(ConsultationExport, OneRowPerResponseChoicesJoined)
{
    consultation c;
    c.questions = {make("clear", "yes_no"), make("areas", "multi_choice"), make("why", "text")};
    std::vector<submitted_response> responses{
        {10,
         {1, "Bournemouth, Christchurch and Poole", "E06000058"},
         std::nullopt,
         "children",
         {1, "Amira Holt"},
         "2026-11-27T10:00:00Z",
         1,
         {{"areas", std::vector<std::string>{"Training", "Assessment"}}, {"why", std::string("=SUM(1)")}},
         std::nullopt}};
    auto csv = responses_csv(c, responses);
    EXPECT_EQ(csv, "\xEF\xBB\xBFresponse_id,organisation_code,organisation_name,service,submitted_by,submitted_at,"
                   "clear,areas,why\r\n"
                   "10,E06000058,\"Bournemouth, Christchurch and Poole\",,Amira Holt,2026-11-27T10:00:00Z,,"
                   "Training; Assessment,'=SUM(1)\r\n");
}

} // namespace
} // namespace pswnet::consultations
