// Two-factor codes: TOTP against RFC 6238's own test vectors, the otpauth URI apps scan, and recovery codes.
#include "identity/recovery_codes.hpp"
#include "identity/totp.hpp"

#include <gtest/gtest.h>

#include <set>

namespace pswnet::identity {
namespace {

// RFC 6238, appendix B: the SHA-1 seed is the ASCII of "12345678901234567890".
const std::string rfc_secret = "12345678901234567890";

TEST(Totp, MakesTheCodesOfRfc6238AppendixB)
{
    EXPECT_EQ(totp::code_at(rfc_secret, 59, 8), "94287082");
    EXPECT_EQ(totp::code_at(rfc_secret, 1111111109, 8), "07081804");
    EXPECT_EQ(totp::code_at(rfc_secret, 1234567890, 8), "89005924");
    EXPECT_EQ(totp::code_at(rfc_secret, 2000000000, 8), "69279037");
    EXPECT_EQ(totp::code_at(rfc_secret, 59), "287082");
}

TEST(Totp, AcceptsTheCodeOfTheStepNowAndOneEitherSideAndSaysWhichStep)
{
    const std::int64_t now = 1'234'567'890; // step 41152263
    EXPECT_EQ(totp::matching_step(rfc_secret, totp::code_at(rfc_secret, now), now), 41152263);
    EXPECT_EQ(totp::matching_step(rfc_secret, totp::code_at(rfc_secret, now - 30), now), 41152262);
    EXPECT_EQ(totp::matching_step(rfc_secret, totp::code_at(rfc_secret, now + 30), now), 41152264);
    EXPECT_EQ(totp::matching_step(rfc_secret, totp::code_at(rfc_secret, now - 60), now), std::nullopt);
    EXPECT_EQ(totp::matching_step(rfc_secret, totp::code_at(rfc_secret, now + 60), now), std::nullopt);
}

TEST(Totp, RefusesWhatIsNotSixDigits)
{
    const std::int64_t now = 59;
    EXPECT_EQ(totp::matching_step(rfc_secret, "94287082", now), std::nullopt);
    EXPECT_EQ(totp::matching_step(rfc_secret, "28708", now), std::nullopt);
    EXPECT_EQ(totp::matching_step(rfc_secret, "28708a", now), std::nullopt);
    EXPECT_EQ(totp::matching_step(rfc_secret, "", now), std::nullopt);
    EXPECT_EQ(totp::matching_step(rfc_secret, "287082", now), 1);
}

TEST(Totp, GivesAppsTheSecretInBase32AndAnOtpauthUri)
{
    EXPECT_EQ(totp::base32(rfc_secret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    EXPECT_EQ(totp::otpauth_uri("PSW Network", "amira@wiltshire.gov.uk", rfc_secret),
              "otpauth://totp/PSW%20Network%3Aamira%40wiltshire.gov.uk?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
              "&issuer=PSW%20Network&algorithm=SHA1&digits=6&period=30");
    auto secret = totp::new_secret();
    EXPECT_EQ(secret.size(), totp::secret_bytes);
    EXPECT_NE(secret, totp::new_secret());
}

TEST(RecoveryCodes, AreTenDifferentCodesInTwoGroupsOfFive)
{
    auto codes = new_recovery_codes();
    ASSERT_EQ(codes.size(), static_cast<std::size_t>(recovery_code_count));
    EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), codes.size());
    for (const auto& code : codes) {
        ASSERT_EQ(code.size(), 11u) << code;
        EXPECT_EQ(code[5], '-') << code;
        EXPECT_EQ(canonical_recovery_code(code), code.substr(0, 5) + code.substr(6)) << code;
    }
}

TEST(RecoveryCodes, AreReadWhateverTheCaseSpacesAndHyphens)
{
    EXPECT_EQ(canonical_recovery_code("k3m9p-x7tq2"), "k3m9px7tq2");
    EXPECT_EQ(canonical_recovery_code(" K3M9P X7TQ2 "), "k3m9px7tq2");
    EXPECT_EQ(canonical_recovery_code("k3m9px7tq2"), "k3m9px7tq2");
    EXPECT_EQ(canonical_recovery_code("k3m9p-x7tq"), std::nullopt);   // too short
    EXPECT_EQ(canonical_recovery_code("k3m9p-x7tq22"), std::nullopt); // too long
    EXPECT_EQ(canonical_recovery_code("k3m9p-x7tq0"), std::nullopt);  // 0 is never in a code
    EXPECT_EQ(canonical_recovery_code("123456"), std::nullopt);       // an authenticator's code
}

} // namespace
} // namespace pswnet::identity
