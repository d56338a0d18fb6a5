#include "identity/single_sign_on/provider_metadata.hpp"

#include "identity/single_sign_on/id_token.hpp"
#include "identity/single_sign_on/outbound_http.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace pswnet::identity::single_sign_on {
namespace {

constexpr std::size_t max_keys = 20;

std::string required_url(const nlohmann::json& document, const char* name)
{
    auto found = document.find(name);
    if (found == document.end() || !found->is_string())
        throw invalid_provider(std::string("the discovery document has no ") + name);
    auto url = found->get<std::string>();
    if (!allowed_provider_url(url))
        throw invalid_provider(std::string("the discovery document's ") + name + " is not an https address");
    return url;
}

std::string text_member(const nlohmann::json& object, const char* name)
{
    auto found = object.find(name);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string host_of(const std::string& url)
{
    auto start = url.find("://");
    if (start == std::string::npos)
        return {};
    auto end = url.find('/', start + 3);
    return url.substr(0, end);
}

bool issuer_matches(const std::string& discovered, const std::string& configured)
{
    if (discovered == configured)
        return true;
    // Microsoft Entra ID: configured as https://login.microsoftonline.com/organizations/v2.0, discovered as
    // https://login.microsoftonline.com/{tenantid}/v2.0.
    return discovered.find("{tenantid}") != std::string::npos && host_of(discovered) == host_of(configured);
}

} // namespace

std::string discovery_url(const std::string& issuer)
{
    auto base = issuer;
    while (!base.empty() && base.back() == '/')
        base.pop_back();
    return base + "/.well-known/openid-configuration";
}

provider_metadata parse_metadata(std::string_view document, const std::string& configured_issuer)
{
    auto json = nlohmann::json::parse(document, nullptr, false);
    if (!json.is_object())
        throw invalid_provider("the discovery document is not a JSON object");
    provider_metadata metadata;
    auto issuer = json.find("issuer");
    if (issuer == json.end() || !issuer->is_string())
        throw invalid_provider("the discovery document has no issuer");
    metadata.issuer = issuer->get<std::string>();
    if (!issuer_matches(metadata.issuer, configured_issuer))
        throw invalid_provider("the discovery document is for the issuer " + metadata.issuer + ", not " +
                               configured_issuer);
    metadata.authorization_endpoint = required_url(json, "authorization_endpoint");
    metadata.token_endpoint = required_url(json, "token_endpoint");
    metadata.jwks_uri = required_url(json, "jwks_uri");
    if (json.contains("end_session_endpoint"))
        metadata.end_session_endpoint = required_url(json, "end_session_endpoint");

    auto algorithms = json.contains("id_token_signing_alg_values_supported")
                          ? json["id_token_signing_alg_values_supported"]
                          : nlohmann::json::array({"RS256"});
    bool usable = algorithms.is_array() && std::any_of(algorithms.begin(), algorithms.end(), [](const auto& a) {
                      return a.is_string() && is_allowed_algorithm(a.template get<std::string>());
                  });
    if (!usable)
        throw invalid_provider("the provider signs ID tokens with no algorithm the service accepts (RS256, PS256 "
                               "or ES256 and their longer forms)");
    return metadata;
}

signing_keys signing_keys::parse(std::string_view document)
{
    auto json = nlohmann::json::parse(document, nullptr, false);
    if (!json.is_object() || !json.contains("keys") || !json["keys"].is_array())
        throw invalid_provider("the provider's key set is not a JWK Set");
    signing_keys set;
    for (const auto& entry : json["keys"]) {
        if (!entry.is_object() || set.keys_.size() == max_keys)
            continue;
        if (entry.contains("use") && text_member(entry, "use") != "sig")
            continue;
        auto kty = text_member(entry, "kty");
        if (kty != "RSA" && kty != "EC")
            continue;
        if (entry.contains("d")) // a private key published by mistake is not one to trust
            continue;
        auto text = entry.dump();
        cjose_err error{};
        std::shared_ptr<cjose_jwk_t> jwk(cjose_jwk_import(text.data(), text.size(), &error),
                                         [](cjose_jwk_t* k) { cjose_jwk_release(k); });
        if (!jwk)
            continue;
        set.keys_.push_back({text_member(entry, "kid"), std::move(jwk)});
    }
    if (set.keys_.empty())
        throw invalid_provider("the provider's key set has no signing key the service can use");
    return set;
}

const cjose_jwk_t* signing_keys::find(const std::optional<std::string>& key_id) const
{
    if (!key_id)
        return keys_.size() == 1 ? keys_.front().jwk.get() : nullptr;
    auto found = std::find_if(keys_.begin(), keys_.end(), [&](const key& k) { return k.id == *key_id; });
    return found == keys_.end() ? nullptr : found->jwk.get();
}

} // namespace pswnet::identity::single_sign_on
