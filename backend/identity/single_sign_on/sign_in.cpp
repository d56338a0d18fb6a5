#include "identity/single_sign_on/sign_in.hpp"

#include "core/crypto.hpp"
#include "core/offload.hpp"
#include "core/text.hpp"
#include "identity/single_sign_on/id_token.hpp"
#include "identity/single_sign_on/outbound_http.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace pswnet::identity::single_sign_on {
namespace {

std::string domain_of(const std::string& email)
{
    auto at = email.rfind('@');
    return at == std::string::npos ? std::string() : email.substr(at + 1);
}

std::int64_t now_seconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The ID token of the token endpoint's answer to the authorization code.
std::string exchange_code(const std::string& token_endpoint, const provider_credentials& provider,
                          const std::string& code, const std::string& redirect_uri, const std::string& verifier)
{
    auto reply = http_post_form(token_endpoint,
                                {{"grant_type", "authorization_code"},
                                 {"code", code},
                                 {"redirect_uri", redirect_uri},
                                 {"code_verifier", verifier}},
                                provider.provider.client_id, provider.client_secret);
    auto body = nlohmann::json::parse(reply.body, nullptr, false);
    if (reply.status != 200) {
        auto error = body.is_object() && body.contains("error") && body["error"].is_string()
                         ? body["error"].get<std::string>()
                         : std::string("no error code");
        throw token_refused("the token endpoint answered HTTP " + std::to_string(reply.status) + " (" + error + ")");
    }
    if (!body.is_object() || !body.contains("id_token") || !body["id_token"].is_string())
        throw token_refused("the token endpoint's answer has no ID token");
    return body["id_token"].get<std::string>();
}

// The organisations the person may belong to: for a multi-tenant provider, the one of their tenant.
std::vector<std::int64_t> permitted_organisations(const identity_provider& provider, const provider_metadata& metadata,
                                                  const verified_identity& person)
{
    std::vector<std::int64_t> ids;
    for (const auto& o : provider.organisations)
        if (!metadata.multi_tenant() || (o.tenant_id && o.tenant_id == person.tenant_id))
            ids.push_back(o.organisation_id);
    return ids;
}

std::string display_name_of(const verified_identity& person)
{
    auto name = text::trimmed(person.name);
    if (name.empty())
        name = person.email.substr(0, person.email.find('@'));
    return name.substr(0, 100);
}

sign_in_outcome failure(sign_in_failure why)
{
    sign_in_outcome outcome;
    outcome.failure = why;
    return outcome;
}

} // namespace

std::string_view sign_in_failure_name(sign_in_failure failure) noexcept
{
    switch (failure) {
    case sign_in_failure::cancelled:
        return "cancelled";
    case sign_in_failure::expired:
        return "expired";
    case sign_in_failure::failed:
        return "failed";
    case sign_in_failure::not_permitted:
        return "not-permitted";
    case sign_in_failure::awaiting_approval:
        return "awaiting-approval";
    case sign_in_failure::disabled:
        return "disabled";
    }
    return "failed";
}

std::string safe_return_path(const std::string& requested)
{
    bool local =
        requested.size() <= 500 && requested.starts_with('/') && !requested.starts_with("//") &&
        !requested.starts_with("/\\") &&
        std::none_of(requested.begin(), requested.end(), [](unsigned char c) { return c < 0x21 || c == 0x7f; });
    return local ? requested : "/";
}

awaitable<sign_in_start> sign_in::begin(std::string email, std::string return_to, const std::string& origin,
                                        const std::string& client_address)
{
    email = text::ascii_lower(text::trimmed(email));
    if (!is_valid_email(email))
        throw api_error(errc::validation_failed, "Enter your work email address.",
                        {{"email", "must be an email address, like name@council.gov.uk"}});
    auto provider = co_await store_.provider_for_domain(domain_of(email));
    if (!provider) {
        api_error e(errc::not_found, "No council sign-in is set up for this email address. Sign in with your "
                                     "password instead.");
        e.type = no_single_sign_on_type;
        e.title = "No council sign-in for this address";
        throw e;
    }
    auto key = single_sign_on_key(client_address);
    if (auto wait = co_await throttle_.wait_for({key})) {
        api_error e(errc::rate_limited, "Too many council sign-ins were started from your address. Try again in " +
                                            std::to_string(wait->count()) + " seconds.");
        e.retry_after_seconds = static_cast<int>(wait->count());
        throw e;
    }
    co_await throttle_.record_failure({key});
    provider_metadata metadata;
    try {
        metadata = co_await documents_.metadata(provider->issuer);
    } catch (const std::runtime_error& e) {
        spdlog::warn("single sign-on: the provider {} cannot be used: {}", provider->id, e.what());
        throw api_error(errc::unavailable, provider->name + "'s sign-in cannot be reached. Try again later.");
    }

    sign_in_attempt attempt;
    auto state = crypto::random_token();
    sign_in_start start;
    start.binding = crypto::random_token();
    attempt.state_hash = crypto::token_hash(state);
    attempt.binding_hash = crypto::token_hash(start.binding);
    attempt.provider_id = provider->id;
    attempt.nonce = crypto::random_token();
    attempt.code_verifier = crypto::random_token(); // 43 characters of base64url: RFC 7636's shortest
    attempt.return_to = safe_return_path(return_to);
    attempt.email = email;
    co_await store_.begin_attempt(attempt);

    start.provider_name = provider->name;
    start.authorization_url = with_query(metadata.authorization_endpoint,
                                         {{"response_type", "code"},
                                          {"client_id", provider->client_id},
                                          {"redirect_uri", origin + std::string(callback_path)},
                                          {"scope", "openid email profile"},
                                          {"state", state},
                                          {"nonce", attempt.nonce},
                                          {"code_challenge", crypto::sha256_base64url(attempt.code_verifier)},
                                          {"code_challenge_method", "S256"},
                                          {"login_hint", email}});
    co_return start;
}

awaitable<sign_in_outcome> sign_in::complete(provider_callback callback, std::optional<std::string> binding,
                                             const std::string& origin, audit_context audit, client_device device)
{
    if (callback.state.empty() || callback.state.size() > 200)
        co_return failure(sign_in_failure::expired);
    auto attempt = co_await store_.take_attempt(crypto::token_hash(callback.state));
    if (!attempt || !binding || !crypto::constant_time_equal(crypto::token_hash(*binding), attempt->binding_hash))
        co_return failure(sign_in_failure::expired);
    if (!callback.error.empty()) {
        auto error = callback.error.substr(0, 60);
        spdlog::info("single sign-on: the provider {} answered {}", attempt->provider_id, error);
        co_await store_.record_refusal(attempt->provider_id, attempt->email, error);
        co_return failure(error == "access_denied" ? sign_in_failure::cancelled : sign_in_failure::failed);
    }
    if (callback.code.empty() || callback.code.size() > 2000)
        co_return failure(sign_in_failure::failed);
    try {
        auto throttled_key = single_sign_on_key(audit.client_address).key;
        auto outcome = co_await finish(*attempt, callback.code, origin, std::move(audit), std::move(device));
        if (outcome.session) {
            outcome.return_to = attempt->return_to;
            co_await throttle_.forget(throttled_key); // only unfinished sign-ins count against the address
        }
        co_return outcome;
    } catch (const token_refused& e) {
        spdlog::warn("single sign-on: the provider {}'s answer was refused: {}", attempt->provider_id, e.what());
    } catch (const invalid_provider& e) {
        spdlog::warn("single sign-on: the provider {} cannot be used: {}", attempt->provider_id, e.what());
    } catch (const provider_unreachable& e) {
        spdlog::warn("single sign-on: the provider {} cannot be reached: {}", attempt->provider_id, e.what());
    }
    co_return failure(sign_in_failure::failed);
}

awaitable<sign_in_outcome> sign_in::finish(const sign_in_attempt& attempt, const std::string& code,
                                           const std::string& origin, audit_context audit, client_device device)
{
    auto provider = co_await store_.credentials(attempt.provider_id);
    if (!provider)
        co_return failure(sign_in_failure::expired); // removed while the person was at it
    auto metadata = co_await documents_.metadata(provider->provider.issuer);
    auto id_token = co_await offload(documents_.pool(), [&] {
        return exchange_code(metadata.token_endpoint, *provider, code, origin + std::string(callback_path),
                             attempt.code_verifier);
    });
    auto keys = co_await documents_.keys(provider->provider.issuer, key_id_of(id_token));
    auto person =
        verify_id_token(id_token, keys, {metadata.issuer, provider->provider.client_id, attempt.nonce, now_seconds()});

    const auto& domains = provider->provider.domains;
    auto organisations = permitted_organisations(provider->provider, metadata, person);
    if (person.email.empty() || person.email_verified == false ||
        std::find(domains.begin(), domains.end(), domain_of(person.email)) == domains.end() || organisations.empty()) {
        spdlog::info("single sign-on: the provider {} vouched for someone it may not sign in here",
                     provider->provider.id);
        co_return failure(sign_in_failure::not_permitted);
    }

    auto account = co_await store_.account_of(provider->provider.id, person.subject);
    bool linked = account.has_value();
    if (!account)
        account = co_await store_.account_with_email(person.email);
    if (!account) {
        if (organisations.size() != 1)
            co_return failure(sign_in_failure::not_permitted);
        co_await store_.request_access(
            {provider->provider.id, person.subject, person.email, display_name_of(person), organisations.front()},
            audit);
        co_return failure(sign_in_failure::awaiting_approval);
    }
    if (account->disabled)
        co_return failure(sign_in_failure::disabled);
    if (std::find(organisations.begin(), organisations.end(), account->organisation_id) == organisations.end())
        co_return failure(sign_in_failure::not_permitted);
    if (!linked)
        co_await store_.link(provider->provider.id, person.subject, account->user_id, audit);
    co_await store_.record_sign_in(provider->provider.id, person.subject);

    sign_in_outcome outcome;
    outcome.session = co_await identity_.sign_in_by_provider(account->user_id, provider->provider.id, std::move(audit),
                                                             std::move(device));
    co_return outcome;
}

awaitable<std::optional<std::string>> sign_in::sign_out_url(std::int64_t provider_id, const std::string& origin)
{
    auto provider = co_await store_.provider(provider_id);
    if (!provider)
        co_return std::nullopt;
    try {
        auto metadata = co_await documents_.metadata(provider->issuer);
        if (!metadata.end_session_endpoint)
            co_return std::nullopt;
        co_return with_query(
            *metadata.end_session_endpoint,
            {{"client_id", provider->client_id}, {"post_logout_redirect_uri", origin + std::string(signed_out_path)}});
    } catch (const std::runtime_error& e) {
        spdlog::warn("single sign-on: no sign-out at the provider {}: {}", provider_id, e.what());
        co_return std::nullopt;
    }
}

} // namespace pswnet::identity::single_sign_on
