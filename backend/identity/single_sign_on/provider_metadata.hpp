// What an identity provider says about itself (OpenID Connect Discovery 1.0), and its signing keys (a JWK Set).
#pragma once

#include <cjose/jwk.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet::identity::single_sign_on {

// A discovery document or key set the service cannot use; the message says why.
class invalid_provider : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct provider_metadata {
    // As discovered. Microsoft Entra ID's multi-tenant endpoints give "https://login.microsoftonline.com/{tenantid}/v2.0":
    // each token's issuer is that with the council's tenant id (its tid claim) in place of {tenantid}.
    std::string issuer;
    std::string authorization_endpoint;
    std::string token_endpoint;
    std::string jwks_uri;
    std::optional<std::string> end_session_endpoint; // RP-Initiated Logout 1.0, where the provider has it

    bool multi_tenant() const { return issuer.find("{tenantid}") != std::string::npos; }
};

// Where the configured issuer publishes its discovery document.
std::string discovery_url(const std::string& issuer);

// The discovery document, checked: its issuer is the configured one (or, for a multi-tenant provider, the same
// host's {tenantid} template), it signs ID tokens with an algorithm the service accepts, and every endpoint is one
// the service may call.
provider_metadata parse_metadata(std::string_view document, const std::string& configured_issuer);

// A provider's public signing keys, by key id.
class signing_keys {
public:
    // The keys of a JWK Set that are for signatures; those the service cannot use are left out.
    static signing_keys parse(std::string_view document);

    // The key of this id; without an id, the only key (none when there are several).
    const cjose_jwk_t* find(const std::optional<std::string>& key_id) const;
    std::size_t size() const noexcept { return keys_.size(); }

private:
    struct key {
        std::string id;
        std::shared_ptr<cjose_jwk_t> jwk;
    };
    std::vector<key> keys_;
};

} // namespace pswnet::identity::single_sign_on
