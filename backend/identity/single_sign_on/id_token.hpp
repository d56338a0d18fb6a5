// Checking an OpenID Connect ID token: its signature (cjose, with OpenSSL underneath; an allowlist of algorithms),
// then its claims as OpenID Connect Core 1.0, section 3.1.3.7 asks: issuer, audience, authorised party, expiry,
// issue time and nonce.
#pragma once

#include "identity/single_sign_on/provider_metadata.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace pswnet::identity::single_sign_on {

// The token is not one to accept; the message says why, for the log (never the token itself).
class token_refused : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

bool is_allowed_algorithm(std::string_view algorithm);

struct token_expectations {
    std::string issuer; // the discovered issuer; for a multi-tenant provider, its {tenantid} template
    std::string client_id;
    std::string nonce;
    std::int64_t now = 0; // seconds since the epoch
};

struct verified_identity {
    std::string subject;
    std::string email; // lower case; empty when the provider sent none
    std::optional<bool> email_verified;
    std::string name;
    std::optional<std::string> tenant_id; // Microsoft Entra ID's tid
};

// The key id in the token's header, read without checking anything: to tell whether the provider's keys must be
// fetched again. None when the token has no key id or is not a JWS at all.
std::optional<std::string> key_id_of(const std::string& token);

// Throws token_refused, naming the check that failed.
verified_identity verify_id_token(const std::string& token, const signing_keys& keys,
                                  const token_expectations& expected);

} // namespace pswnet::identity::single_sign_on
