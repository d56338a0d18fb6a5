#include "identity/single_sign_on/id_token.hpp"

#include "core/crypto.hpp"
#include "core/sizes.hpp"
#include "core/text.hpp"

#include <cjose/header.h>
#include <cjose/jws.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <memory>

namespace pswnet::identity::single_sign_on {
namespace {

// Asymmetric signatures only: "none" and the HMAC algorithms (whose key would be the client secret) are refused.
constexpr std::array<std::string_view, 9> allowed_algorithms{"RS256", "RS384", "RS512", "PS256", "PS384",
                                                             "PS512", "ES256", "ES384", "ES512"};
constexpr std::int64_t clock_skew_seconds = 120;
constexpr std::size_t max_token_bytes = 16 * kib;

using jws_handle = std::unique_ptr<cjose_jws_t, decltype(&cjose_jws_release)>;

jws_handle imported(const std::string& token)
{
    if (token.size() > max_token_bytes)
        throw token_refused("the ID token is larger than 16 KiB");
    cjose_err error{};
    jws_handle jws(cjose_jws_import(token.data(), token.size(), &error), &cjose_jws_release);
    if (!jws)
        throw token_refused("the ID token is not a signed JWT");
    return jws;
}

std::optional<std::string> header_value(cjose_jws_t* jws, const char* name)
{
    cjose_err error{};
    auto* header = cjose_jws_get_protected(jws);
    const char* value = header ? cjose_header_get(header, name, &error) : nullptr;
    return value ? std::optional<std::string>(value) : std::nullopt;
}

std::string string_claim(const nlohmann::json& claims, const char* name)
{
    auto found = claims.find(name);
    return found != claims.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::int64_t time_claim(const nlohmann::json& claims, const char* name)
{
    auto found = claims.find(name);
    if (found == claims.end() || !found->is_number())
        throw token_refused(std::string("the ID token has no ") + name + " time");
    return static_cast<std::int64_t>(found->get<double>());
}

void check_issuer(const nlohmann::json& claims, const token_expectations& expected, verified_identity& identity)
{
    auto issuer = string_claim(claims, "iss");
    auto wanted = expected.issuer;
    if (auto at = wanted.find("{tenantid}"); at != std::string::npos) {
        auto tenant = string_claim(claims, "tid");
        if (tenant.empty())
            throw token_refused("the multi-tenant provider's ID token has no tid");
        wanted.replace(at, std::string_view("{tenantid}").size(), tenant);
        identity.tenant_id = tenant;
    }
    if (issuer != wanted)
        throw token_refused("the ID token's issuer is not the provider's");
}

void check_audience(const nlohmann::json& claims, const std::string& client_id)
{
    auto audience = claims.find("aud");
    bool ours = false;
    std::size_t audiences = 0;
    if (audience != claims.end() && audience->is_string()) {
        ours = audience->get<std::string>() == client_id;
        audiences = 1;
    } else if (audience != claims.end() && audience->is_array()) {
        audiences = audience->size();
        ours = std::any_of(audience->begin(), audience->end(),
                           [&](const auto& a) { return a.is_string() && a.template get<std::string>() == client_id; });
    }
    if (!ours)
        throw token_refused("the ID token is not for this service (aud)");
    auto authorised = string_claim(claims, "azp");
    if ((audiences > 1 || !authorised.empty()) && authorised != client_id)
        throw token_refused("the ID token was issued to another party (azp)");
}

void check_times(const nlohmann::json& claims, std::int64_t now)
{
    if (time_claim(claims, "exp") + clock_skew_seconds <= now)
        throw token_refused("the ID token has expired");
    if (time_claim(claims, "iat") - clock_skew_seconds > now)
        throw token_refused("the ID token was issued in the future");
}

} // namespace

bool is_allowed_algorithm(std::string_view algorithm)
{
    return std::find(allowed_algorithms.begin(), allowed_algorithms.end(), algorithm) != allowed_algorithms.end();
}

std::optional<std::string> key_id_of(const std::string& token)
{
    try {
        auto jws = imported(token);
        return header_value(jws.get(), "kid");
    } catch (const token_refused&) {
        return std::nullopt;
    }
}

verified_identity verify_id_token(const std::string& token, const signing_keys& keys,
                                  const token_expectations& expected)
{
    auto jws = imported(token);
    auto algorithm = header_value(jws.get(), "alg");
    if (!algorithm || !is_allowed_algorithm(*algorithm))
        throw token_refused("the ID token's algorithm is not one the service accepts");
    const auto* key = keys.find(header_value(jws.get(), "kid"));
    if (!key)
        throw token_refused("the ID token is signed with a key the provider does not publish");
    cjose_err error{};
    if (!cjose_jws_verify(jws.get(), key, &error))
        throw token_refused("the ID token's signature is not valid");

    std::uint8_t* payload = nullptr;
    std::size_t payload_size = 0;
    if (!cjose_jws_get_plaintext(jws.get(), &payload, &payload_size, &error))
        throw token_refused("the ID token has no claims");
    auto claims =
        nlohmann::json::parse(std::string_view(reinterpret_cast<const char*>(payload), payload_size), nullptr, false);
    if (!claims.is_object())
        throw token_refused("the ID token's claims are not a JSON object");

    verified_identity identity;
    check_issuer(claims, expected, identity);
    check_audience(claims, expected.client_id);
    check_times(claims, expected.now);
    auto nonce = string_claim(claims, "nonce");
    if (nonce.empty() || !crypto::constant_time_equal(nonce, expected.nonce))
        throw token_refused("the ID token's nonce is not this sign-in's");

    identity.subject = string_claim(claims, "sub");
    if (identity.subject.empty() || identity.subject.size() > 255)
        throw token_refused("the ID token has no usable subject");
    identity.email = text::ascii_lower(string_claim(claims, "email"));
    if (auto verified = claims.find("email_verified"); verified != claims.end() && verified->is_boolean())
        identity.email_verified = verified->get<bool>();
    identity.name = string_claim(claims, "name");
    return identity;
}

} // namespace pswnet::identity::single_sign_on
