// The personal-data guard: what is refused, what needs confirmation, and what passes.
#include "personal_data/guard.hpp"

#include "core/error.hpp"

#include <gtest/gtest.h>

namespace pswnet::personal_data {
namespace {

std::vector<std::string> kinds(std::string_view text)
{
    std::vector<std::string> found;
    for (const auto& f : scan(text, "body"))
        found.push_back(f.kind);
    return found;
}

TEST(nhs_number, modulus_11_check_digit)
{
    EXPECT_TRUE(is_valid_nhs_number("9434765919"));
    EXPECT_TRUE(is_valid_nhs_number("943 476 5919"));
    EXPECT_FALSE(is_valid_nhs_number("9434765918"));
    EXPECT_FALSE(is_valid_nhs_number("943476591")); // nine digits
}

TEST(personal_data_guard, refuses_a_valid_nhs_number_spaced_or_not)
{
    EXPECT_EQ(kinds("his NHS number is 943 476 5919."), std::vector<std::string>{"nhs_number"});
    EXPECT_EQ(kinds("9434765919"), std::vector<std::string>{"nhs_number"});
    EXPECT_EQ(kinds("943-476-5919"), std::vector<std::string>{"nhs_number"});
}

// Found by tests/fuzz/personal_data_guard_fuzz: each pattern consumed the character after its match, so a number
// one space after another was not seen, and an invalid ten-digit number hid the NHS number after it.
TEST(personal_data_guard, a_number_right_after_another_is_still_found)
{
    EXPECT_EQ(kinds("refs 1234567890 9434765919"), std::vector<std::string>{"nhs_number"});
    EXPECT_EQ(kinds("943 476 5919 943 476 5919"), (std::vector<std::string>{"nhs_number", "nhs_number"}));
    EXPECT_EQ(kinds("AB123456C CE123456D"), (std::vector<std::string>{"ni_number", "ni_number"}));
    EXPECT_EQ(kinds("SO14 7LY SO15 1AB"), (std::vector<std::string>{"postcode", "postcode"}));
}

TEST(personal_data_guard, ten_digits_with_a_wrong_check_digit_pass)
{
    EXPECT_TRUE(kinds("reference 9434765918").empty());
}

TEST(personal_data_guard, longer_numbers_are_not_nhs_numbers)
{
    EXPECT_TRUE(kinds("case 194347659190").empty());
}

TEST(personal_data_guard, refuses_national_insurance_numbers)
{
    EXPECT_EQ(kinds("NI QQ123456C? no: AB 12 34 56 C"), std::vector<std::string>{"ni_number"});
    EXPECT_EQ(kinds("ab123456c"), std::vector<std::string>{"ni_number"});
}

TEST(personal_data_guard, warns_on_dates_of_birth_postcodes_and_phone_numbers)
{
    EXPECT_EQ(kinds("DOB 12/03/2015"), std::vector<std::string>{"date_of_birth"});
    EXPECT_EQ(kinds("born on 3rd March 2016"), std::vector<std::string>{"date_of_birth"});
    EXPECT_EQ(kinds("lives at SO14 7LY"), std::vector<std::string>{"postcode"});
    EXPECT_EQ(kinds("ring 07700 900123"), std::vector<std::string>{"phone_number"});
    EXPECT_EQ(kinds("ring +44 20 7946 0018"), std::vector<std::string>{"phone_number"});
}

TEST(personal_data_guard, ordinary_practice_text_passes)
{
    EXPECT_TRUE(kinds("Our ASYE programme runs for 12 months from 1 September 2025; caseloads stay under 18.").empty());
    EXPECT_TRUE(kinds("See section 47 of the Children Act 1989 and the Care Act 2014.").empty());
}

TEST(personal_data_guard, enforce_refuses_hard_findings_even_when_confirmed)
{
    try {
        enforce(scan("943 476 5919", "body"), true);
        FAIL();
    } catch (const api_error& e) {
        EXPECT_EQ(e.type, "/problems/personal-data");
        ASSERT_EQ(e.errors().size(), 1u);
        EXPECT_EQ(e.errors()[0].field, "body");
        EXPECT_EQ(e.errors()[0].kind, "nhs_number");
        EXPECT_EQ(e.errors()[0].message.find("5919"), std::string::npos) << "the number itself is never echoed";
    }
}

TEST(personal_data_guard, warnings_need_confirmation)
{
    auto findings = scan("call 07700 900123", "body");
    EXPECT_THROW(enforce(findings, false), api_error);
    EXPECT_NO_THROW(enforce(findings, true));
}

} // namespace
} // namespace pswnet::personal_data

namespace pswnet::personal_data {
namespace {

TEST(personal_data_guard, a_body_of_50000_characters_of_one_kind_is_scanned_without_overflow)
{
    for (std::string lead : {"dob", "born on", "ring 0", "SO1", "AB12", "943"}) {
        std::string text = lead + std::string(50'000, ' ') + "x";
        EXPECT_NO_THROW(scan(text, "body")) << lead;
        text = lead + std::string(50'000, '1');
        EXPECT_NO_THROW(scan(text, "body")) << lead;
    }
}

} // namespace
} // namespace pswnet::personal_data
