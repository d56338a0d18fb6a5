// Single sign-on's checks that need no provider: ID tokens signed here with cjose (forged, expired, for another
// audience, with another nonce, unsigned, HMAC-signed), discovery documents, key sets and return paths. The whole
// flow against real providers is in tests/api/single_sign_on.test.mjs.
#include "core/crypto.hpp"
#include "identity/single_sign_on/id_token.hpp"
#include "identity/single_sign_on/outbound_http.hpp"
#include "identity/single_sign_on/sign_in.hpp"

#include <cjose/base64.h>
#include <cjose/header.h>
#include <cjose/jws.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <memory>

namespace pswnet::identity::single_sign_on {
namespace {

constexpr std::int64_t now = 1'800'000'000;
const std::string issuer = "https://login.example.test/tenant-a";

using jwk_handle = std::unique_ptr<cjose_jwk_t, decltype(&cjose_jwk_release)>;

jwk_handle rsa_key(const std::string& kid)
{
    static const std::uint8_t e[] = {0x01, 0x00, 0x01};
    cjose_err error{};
    jwk_handle key(cjose_jwk_create_RSA_random(2048, e, sizeof e, &error), &cjose_jwk_release);
    cjose_jwk_set_kid(key.get(), kid.data(), kid.size(), &error);
    return key;
}

std::string public_jwks(std::initializer_list<const cjose_jwk_t*> keys)
{
    auto set = nlohmann::json::object({{"keys", nlohmann::json::array()}});
    for (const auto* key : keys) {
        cjose_err error{};
        std::unique_ptr<char, decltype(&free)> text(cjose_jwk_to_json(key, false, &error), &free);
        set["keys"].push_back(nlohmann::json::parse(text.get()));
    }
    return set.dump();
}

nlohmann::json good_claims()
{
    return {{"iss", issuer},
            {"sub", "subject-1"},
            {"aud", "pswnet"},
            {"exp", now + 300},
            {"iat", now},
            {"nonce", "nonce-1"},
            {"email", "Ada@Council.test"},
            {"email_verified", true},
            {"name", "Ada Example"}};
}

std::string signed_token(const cjose_jwk_t* key, const nlohmann::json& claims, const std::string& alg = "RS256",
                         std::optional<std::string> kid = std::nullopt)
{
    cjose_err error{};
    std::unique_ptr<cjose_header_t, decltype(&cjose_header_release)> header(cjose_header_new(&error),
                                                                            &cjose_header_release);
    cjose_header_set(header.get(), CJOSE_HDR_ALG, alg.c_str(), &error);
    auto key_id = kid.value_or(cjose_jwk_get_kid(key, &error));
    cjose_header_set(header.get(), CJOSE_HDR_KID, key_id.c_str(), &error);
    auto payload = claims.dump();
    std::unique_ptr<cjose_jws_t, decltype(&cjose_jws_release)> jws(
        cjose_jws_sign(key, header.get(), reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size(),
                       &error),
        &cjose_jws_release);
    EXPECT_TRUE(jws) << (error.message ? error.message : "");
    const char* compact = nullptr;
    cjose_jws_export(jws.get(), &compact, &error);
    return compact;
}

std::string base64url(const std::string& text)
{
    char* out = nullptr;
    std::size_t size = 0;
    cjose_err error{};
    cjose_base64url_encode(reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), &out, &size, &error);
    std::string encoded(out, size);
    free(out);
    return encoded;
}

class IdToken : public ::testing::Test {
protected:
    jwk_handle key = rsa_key("key-1");
    jwk_handle other = rsa_key("key-2");
    signing_keys keys = signing_keys::parse(public_jwks({key.get()}));
    token_expectations expected{issuer, "pswnet", "nonce-1", now};

    void expect_refused(const std::string& token, const std::string& reason)
    {
        try {
            verify_id_token(token, keys, expected);
            ADD_FAILURE() << "accepted a token that should be refused: " << reason;
        } catch (const token_refused& e) {
            EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
        }
    }
};

TEST_F(IdToken, AcceptsAGoodTokenAndReadsWhoItIsFor)
{
    auto person = verify_id_token(signed_token(key.get(), good_claims()), keys, expected);
    EXPECT_EQ(person.subject, "subject-1");
    EXPECT_EQ(person.email, "ada@council.test");
    EXPECT_EQ(person.email_verified, true);
    EXPECT_EQ(person.name, "Ada Example");
    EXPECT_EQ(person.tenant_id, std::nullopt);
}

TEST_F(IdToken, RefusesATokenSignedWithAKeyTheProviderDoesNotPublish)
{
    expect_refused(signed_token(other.get(), good_claims(), "RS256", "key-1"), "signature is not valid");
    expect_refused(signed_token(other.get(), good_claims()), "key the provider does not publish");
}

TEST_F(IdToken, RefusesAnUnsignedTokenAndAnHmacOne)
{
    auto payload = base64url(good_claims().dump());
    expect_refused(base64url(R"({"alg":"none","kid":"key-1"})") + "." + payload + ".", "");
    cjose_err error{};
    const std::string secret(32, 's');
    jwk_handle hmac(
        cjose_jwk_create_oct_spec(reinterpret_cast<const std::uint8_t*>(secret.data()), secret.size(), &error),
        &cjose_jwk_release);
    expect_refused(signed_token(hmac.get(), good_claims(), "HS256", "key-1"), "algorithm");
}

TEST_F(IdToken, RefusesAnExpiredTokenAndOneIssuedInTheFuture)
{
    auto claims = good_claims();
    claims["exp"] = now - 121;
    expect_refused(signed_token(key.get(), claims), "expired");
    claims = good_claims();
    claims["iat"] = now + 3600;
    expect_refused(signed_token(key.get(), claims), "future");
    claims = good_claims();
    claims.erase("exp");
    expect_refused(signed_token(key.get(), claims), "no exp");
}

TEST_F(IdToken, RefusesATokenForAnotherAudienceOrIssuedToAnotherParty)
{
    auto claims = good_claims();
    claims["aud"] = "another-service";
    expect_refused(signed_token(key.get(), claims), "aud");
    claims["aud"] = {"pswnet", "another-service"};
    expect_refused(signed_token(key.get(), claims), "azp");
    claims["azp"] = "pswnet";
    EXPECT_NO_THROW(verify_id_token(signed_token(key.get(), claims), keys, expected));
}

TEST_F(IdToken, RefusesAnotherSignInsNonceAndAnotherIssuer)
{
    auto claims = good_claims();
    claims["nonce"] = "nonce-2";
    expect_refused(signed_token(key.get(), claims), "nonce");
    claims.erase("nonce");
    expect_refused(signed_token(key.get(), claims), "nonce");
    claims = good_claims();
    claims["iss"] = "https://login.example.test/tenant-b";
    expect_refused(signed_token(key.get(), claims), "issuer");
}

TEST_F(IdToken, TakesAMultiTenantIssuerFromTheTenantOfTheToken)
{
    expected.issuer = "https://login.example.test/{tenantid}/v2.0";
    auto claims = good_claims();
    claims["iss"] = "https://login.example.test/tenant-77/v2.0";
    claims["tid"] = "tenant-77";
    EXPECT_EQ(verify_id_token(signed_token(key.get(), claims), keys, expected).tenant_id, "tenant-77");
    claims["tid"] = "tenant-78"; // a tenant whose issuer the token does not carry
    expect_refused(signed_token(key.get(), claims), "issuer");
    claims.erase("tid");
    expect_refused(signed_token(key.get(), claims), "no tid");
}

TEST_F(IdToken, ReadsTheKeyIdWithoutTrustingIt)
{
    EXPECT_EQ(key_id_of(signed_token(other.get(), good_claims())), "key-2");
    EXPECT_EQ(key_id_of("not a token"), std::nullopt);
}

TEST(SigningKeys, KeepsOnlyPublicSignatureKeys)
{
    auto key = rsa_key("key-1");
    auto set = nlohmann::json::parse(public_jwks({key.get()}));
    auto encryption = set["keys"][0];
    encryption["kid"] = "key-enc";
    encryption["use"] = "enc";
    set["keys"].push_back(encryption);
    set["keys"].push_back({{"kty", "oct"}, {"k", "c2VjcmV0"}, {"kid", "key-oct"}});
    auto keys = signing_keys::parse(set.dump());
    EXPECT_EQ(keys.size(), 1U);
    EXPECT_NE(keys.find("key-1"), nullptr);
    EXPECT_EQ(keys.find("key-enc"), nullptr);
    EXPECT_NE(keys.find(std::nullopt), nullptr); // the only key
    EXPECT_THROW(signing_keys::parse(R"({"keys":[]})"), invalid_provider);
    EXPECT_THROW(signing_keys::parse("[]"), invalid_provider);
}

TEST(ProviderMetadata, ChecksTheIssuerAndTheEndpoints)
{
    nlohmann::json document{{"issuer", issuer},
                            {"authorization_endpoint", issuer + "/auth"},
                            {"token_endpoint", issuer + "/token"},
                            {"jwks_uri", issuer + "/jwks"},
                            {"end_session_endpoint", issuer + "/session/end"},
                            {"id_token_signing_alg_values_supported", {"RS256"}}};
    auto metadata = parse_metadata(document.dump(), issuer);
    EXPECT_EQ(metadata.token_endpoint, issuer + "/token");
    EXPECT_EQ(metadata.end_session_endpoint, issuer + "/session/end");
    EXPECT_FALSE(metadata.multi_tenant());

    EXPECT_THROW(parse_metadata(document.dump(), "https://login.example.test/tenant-b"), invalid_provider);
    auto plain = document;
    plain["token_endpoint"] = "http://login.example.test/token";
    EXPECT_THROW(parse_metadata(plain.dump(), issuer), invalid_provider);
    auto hmac_only = document;
    hmac_only["id_token_signing_alg_values_supported"] = {"HS256"};
    EXPECT_THROW(parse_metadata(hmac_only.dump(), issuer), invalid_provider);

    auto entra = document;
    entra["issuer"] = "https://login.example.test/{tenantid}/v2.0";
    EXPECT_TRUE(parse_metadata(entra.dump(), "https://login.example.test/organizations/v2.0").multi_tenant());
    EXPECT_THROW(parse_metadata(entra.dump(), "https://elsewhere.example.test/organizations/v2.0"), invalid_provider);
}

TEST(OutboundHttp, CallsOnlyHttpsOrThisMachine)
{
    EXPECT_TRUE(allowed_provider_url("https://login.microsoftonline.com/organizations/v2.0"));
    EXPECT_TRUE(allowed_provider_url("http://127.0.0.1:4000/tenant-a"));
    EXPECT_TRUE(allowed_provider_url("http://localhost:4000/"));
    EXPECT_FALSE(allowed_provider_url("http://login.example.test/"));
    EXPECT_FALSE(allowed_provider_url("http://127.0.0.1:80@evil.example.test/"));
    EXPECT_FALSE(allowed_provider_url("https://user:secret@login.example.test/"));
    EXPECT_FALSE(allowed_provider_url("file:///etc/passwd"));
    EXPECT_FALSE(allowed_provider_url("gopher://127.0.0.1/"));
}

TEST(ReturnPath, StaysOnThisService)
{
    EXPECT_EQ(safe_return_path("/discussions/12?tab=replies"), "/discussions/12?tab=replies");
    EXPECT_EQ(safe_return_path("//evil.example.test/"), "/");
    EXPECT_EQ(safe_return_path("/\\evil.example.test/"), "/");
    EXPECT_EQ(safe_return_path("https://evil.example.test/"), "/");
    EXPECT_EQ(safe_return_path("/a b"), "/");
    EXPECT_EQ(safe_return_path(""), "/");
}

} // namespace
} // namespace pswnet::identity::single_sign_on
