// The shared kernel: text as people count it, field checks worded alike, RFC 3339 moments, references' JSON.
#include "core/references.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "core/utf8.hpp"
#include "core/validation.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace pswnet {
namespace {

TEST(Text, CountsCharactersNotBytes)
{
    EXPECT_EQ(text::character_count(""), 0U);
    EXPECT_EQ(text::character_count("Café"), 4U);
    EXPECT_EQ(text::character_count("£10 – 😀"), 7U);
}

TEST(Text, BlankIsOnlySpacesTabsAndLineBreaks)
{
    EXPECT_TRUE(text::blank(""));
    EXPECT_TRUE(text::blank(" \t\r\n"));
    EXPECT_FALSE(text::blank(" a "));
}

TEST(Text, CutsNeverSplitACharacter)
{
    EXPECT_EQ(text::cut_utf8("abc", 5), "abc");
    EXPECT_EQ(text::cut_utf8("abc", 2), "ab");
    EXPECT_EQ(text::cut_utf8("abé", 3), "ab");  // é is two bytes: it does not fit, so it goes whole
    EXPECT_EQ(text::cut_utf8("abé", 4), "abé"); // exactly at the end of a character: kept
    EXPECT_EQ(text::cut_utf8("a😀b", 2), "a");  // four-byte character cut anywhere inside
    EXPECT_EQ(text::cut_utf8("a😀b", 4), "a");
    EXPECT_EQ(text::cut_utf8("a😀b", 5), "a😀");
    EXPECT_EQ(text::cut_utf8("😀", 0), "");
    // Whatever the cut, the result stays valid UTF-8.
    const std::string mixed = "Practice – ‘Signs of Safety’ in 😀 teams";
    for (std::size_t limit = 0; limit <= mixed.size(); ++limit)
        EXPECT_TRUE(is_valid_utf8(text::cut_utf8(mixed, limit))) << limit;
}

TEST(Text, TrimsSpacesAndLowersAsciiOnly)
{
    EXPECT_EQ(text::trimmed(" \t Rowan Ashdown \r\n"), "Rowan Ashdown");
    EXPECT_EQ(text::trimmed(" \n "), "");
    EXPECT_EQ(text::ascii_lower("Rowan.ASHDOWN@Council.Example"), "rowan.ashdown@council.example");
    EXPECT_EQ(text::ascii_lower("\xC3\x89"), "\xC3\x89") << "bytes of other characters stay as they are";
}

TEST(Text, NormalisesTags)
{
    EXPECT_EQ(text::normalise_tag("Signs of  Safety"), "signs-of-safety");
    EXPECT_EQ(text::normalise_tag(" ASYE_2024 "), "asye-2024");
    EXPECT_EQ(text::normalise_tag("  ASYE  Programme "), "asye-programme");
    EXPECT_EQ(text::normalise_tag("Section_47"), "section-47");
    EXPECT_FALSE(text::normalise_tag(""));
    EXPECT_FALSE(text::normalise_tag("   "));
    EXPECT_FALSE(text::normalise_tag("café"));
    EXPECT_FALSE(text::normalise_tag("a<b"));
    EXPECT_FALSE(text::normalise_tag(std::string(31, 'a')));
    EXPECT_TRUE(text::normalise_tag(std::string(30, 'a')));
}

TEST(Validation, WordsChoicesAsPeopleDo)
{
    EXPECT_EQ(validation::in_words(validation::sectors), "children, adults or both");
    EXPECT_EQ(validation::in_words({"draft", "shared"}), "draft or shared");
    EXPECT_EQ(validation::in_words({"only"}), "only");
}

TEST(Validation, CollectsEveryFaultUnderItsField)
{
    field_errors errors;
    validation::check_choice(errors, "sector", "everyone", validation::sectors);
    validation::check_choice(errors, "kind", "children", validation::sectors);
    validation::check_text(errors, "title", "  ", 200);
    validation::check_text(errors, "body", std::string(50'001, 'x'), 50'000);
    validation::check_text(errors, "summary", "fine", 10);
    validation::check_length(errors, "help_text", "é", 1);
    ASSERT_EQ(errors.list().size(), 3U);
    EXPECT_EQ(errors.list()[0].field, "sector");
    EXPECT_EQ(errors.list()[0].message, "must be children, adults or both");
    EXPECT_EQ(errors.list()[1].field, "title");
    EXPECT_EQ(errors.list()[1].message, "must not be empty");
    EXPECT_EQ(errors.list()[2].field, "body");
    EXPECT_EQ(errors.list()[2].message, "must be at most 50,000 characters");
}

TEST(Validation, NamesEachRequiredFieldNotGiven)
{
    field_errors errors;
    validation::check_required(errors, {{"title", true}, {"summary", false}, {"sector", false}});
    ASSERT_EQ(errors.list().size(), 2U);
    EXPECT_EQ(errors.list()[0].field, "summary");
    EXPECT_EQ(errors.list()[0].message, "is required");
    EXPECT_EQ(errors.list()[1].field, "sector");
}

TEST(Validation, TagsAreNormalisedWithoutRepeatsAndCounted)
{
    field_errors errors;
    auto tags = validation::checked_tags(errors, {"MASH", "mash", "Signs of Safety"}, 5);
    EXPECT_TRUE(errors.empty());
    EXPECT_EQ(tags, (std::vector<std::string>{"mash", "signs-of-safety"}));

    tags = validation::checked_tags(errors, {"a", "b!", "c", "d", "e", "f"}, 5);
    ASSERT_EQ(errors.list().size(), 2U);
    EXPECT_EQ(errors.list()[0].field, "tags");
    EXPECT_EQ(errors.list()[1].field, "tags[1]");
    EXPECT_EQ(tags, (std::vector<std::string>{"a", "c", "d", "e"}));
}

TEST(Time, ParsesRfc3339WithOffsets)
{
    EXPECT_EQ(time::parse_rfc3339("1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(time::parse_rfc3339("2026-12-01T10:00:00+01:00"), time::parse_rfc3339("2026-12-01T09:00:00Z"));
    EXPECT_EQ(time::parse_rfc3339("2026-12-01T09:00Z"), time::parse_rfc3339("2026-12-01T09:00:00.500Z"));
    EXPECT_FALSE(time::parse_rfc3339("2026-13-01T09:00:00Z"));
    EXPECT_FALSE(time::parse_rfc3339("2026-12-01T09:00:00"));
    EXPECT_FALSE(time::parse_rfc3339("1 December 2026"));
    EXPECT_GT(time::now_seconds(), *time::parse_rfc3339("2026-01-01T00:00:00Z"));
}

TEST(References, OneJsonShapeEverywhere)
{
    EXPECT_EQ(to_json(person_ref{7, "Priya Shah"}), (nlohmann::json{{"id", 7}, {"display_name", "Priya Shah"}}));
    EXPECT_EQ(to_json(organisation_ref{3, "Leeds", "E08000035"}),
              (nlohmann::json{{"id", 3}, {"name", "Leeds"}, {"code", "E08000035"}}));
}

} // namespace
} // namespace pswnet
