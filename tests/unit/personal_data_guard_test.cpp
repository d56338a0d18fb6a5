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

TEST(NhsNumber, Modulus11CheckDigit)
{
    EXPECT_TRUE(is_valid_nhs_number("9434765919"));
    EXPECT_TRUE(is_valid_nhs_number("943 476 5919"));
    EXPECT_FALSE(is_valid_nhs_number("9434765918"));
    EXPECT_FALSE(is_valid_nhs_number("943476591")); // nine digits
}

TEST(PersonalDataGuard, RefusesAValidNhsNumberSpacedOrNot)
{
    EXPECT_EQ(kinds("his NHS number is 943 476 5919."), std::vector<std::string>{"nhs_number"});
    EXPECT_EQ(kinds("9434765919"), std::vector<std::string>{"nhs_number"});
    EXPECT_EQ(kinds("943-476-5919"), std::vector<std::string>{"nhs_number"});
}

// Found by tests/fuzz/personal_data_guard_fuzz: each pattern consumed the character after its match, so a number
// one space after another was not seen, and an invalid ten-digit number hid the NHS number after it.
TEST(PersonalDataGuard, ANumberRightAfterAnotherIsStillFound)
{
    EXPECT_EQ(kinds("refs 1234567890 9434765919"), std::vector<std::string>{"nhs_number"});
    EXPECT_EQ(kinds("943 476 5919 943 476 5919"), (std::vector<std::string>{"nhs_number", "nhs_number"}));
    EXPECT_EQ(kinds("AB123456C CE123456D"), (std::vector<std::string>{"ni_number", "ni_number"}));
    EXPECT_EQ(kinds("SO14 7LY SO15 1AB"), (std::vector<std::string>{"postcode", "postcode"}));
}

TEST(PersonalDataGuard, TenDigitsWithAWrongCheckDigitPass)
{
    EXPECT_TRUE(kinds("reference 9434765918").empty());
}

TEST(PersonalDataGuard, LongerNumbersAreNotNhsNumbers)
{
    EXPECT_TRUE(kinds("case 194347659190").empty());
}

TEST(PersonalDataGuard, RefusesNationalInsuranceNumbers)
{
    EXPECT_EQ(kinds("NI QQ123456C? no: AB 12 34 56 C"), std::vector<std::string>{"ni_number"});
    EXPECT_EQ(kinds("ab123456c"), std::vector<std::string>{"ni_number"});
}

TEST(PersonalDataGuard, WarnsOnDatesOfBirthPostcodesAndPhoneNumbers)
{
    EXPECT_EQ(kinds("DOB 12/03/2015"), std::vector<std::string>{"date_of_birth"});
    EXPECT_EQ(kinds("born on 3rd March 2016"), std::vector<std::string>{"date_of_birth"});
    EXPECT_EQ(kinds("lives at SO14 7LY"), std::vector<std::string>{"postcode"});
    EXPECT_EQ(kinds("ring 07700 900123"), std::vector<std::string>{"phone_number"});
    EXPECT_EQ(kinds("ring +44 20 7946 0018"), std::vector<std::string>{"phone_number"});
}

TEST(PersonalDataGuard, OrdinaryPracticeTextPasses)
{
    EXPECT_TRUE(kinds("Our ASYE programme runs for 12 months from 1 September 2025; caseloads stay under 18.").empty());
    EXPECT_TRUE(kinds("See section 47 of the Children Act 1989 and the Care Act 2014.").empty());
}

TEST(PersonalDataGuard, EnforceRefusesHardFindingsEvenWhenConfirmed)
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

TEST(PersonalDataGuard, WarningsNeedConfirmation)
{
    auto findings = scan("call 07700 900123", "body");
    EXPECT_THROW(enforce(findings, false), api_error);
    EXPECT_NO_THROW(enforce(findings, true));
}

} // namespace
} // namespace pswnet::personal_data

namespace pswnet::personal_data {
namespace {

TEST(PersonalDataGuard, ABodyOf50000CharactersOfOneKindIsScannedWithoutOverflow)
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
