// Signing in with a council's identity provider: OpenID Connect's Authorization Code flow with PKCE, state and
// nonce (OpenID Connect Core 1.0, section 3.1; RFC 7636). The provider is found from the person's email domain. A
// first sign-in links to the account with the same email address, or asks the organisation's administrators to
// approve a new one. No HTTP and no JSON here.
#pragma once

#include "identity/service.hpp"
#include "identity/single_sign_on/provider_documents.hpp"
#include "identity/single_sign_on/store.hpp"

namespace pswnet::identity::single_sign_on {

// Where the provider sends the browser back, under the service's origin.
inline constexpr std::string_view callback_path = "/api/v1/auth/single-sign-on/callback";
// Where the provider sends the browser after signing out there.
inline constexpr std::string_view signed_out_path = "/signed-out";
// Problem type of an email address no provider signs in for (404).
inline constexpr std::string_view no_single_sign_on_type = "/problems/no-single-sign-on";

struct sign_in_start {
    std::string authorization_url;
    std::string provider_name;
    std::string binding; // the sign-in binding cookie's value
};

struct provider_callback {
    std::string state;
    std::string code;
    std::string error; // the provider's error code, when it refused
};

// Why a sign-in did not open a session: the sign-in page's words for each, by name (sign_in_failure_name).
enum class sign_in_failure { cancelled, expired, failed, not_permitted, awaiting_approval, disabled };
std::string_view sign_in_failure_name(sign_in_failure failure) noexcept;

struct sign_in_outcome {
    std::optional<signed_in_session> session;
    sign_in_failure failure = sign_in_failure::failed; // when there is no session
    std::string return_to = "/";
};

class sign_in {
public:
    sign_in(single_sign_on::store& store, provider_documents& documents, identity::service& identity,
            login_throttle& throttle)
        : store_(store), documents_(documents), identity_(identity), throttle_(throttle)
    {
    }

    // The provider for the email address's domain, and where to send the browser; 404 no-single-sign-on when no
    // provider signs people in for it, 503 when the provider cannot be reached, 429 when many sign-ins were started
    // from the client's address.
    awaitable<sign_in_start> begin(std::string email, std::string return_to, const std::string& origin,
                                   const std::string& client_address);
    // The browser is back from the provider. Every failure is an outcome, for the sign-in page to explain.
    awaitable<sign_in_outcome> complete(provider_callback callback, std::optional<std::string> binding,
                                        const std::string& origin, audit_context audit, client_device device);
    // The provider's sign-out address for a session it opened, where the provider supports RP-initiated logout.
    awaitable<std::optional<std::string>> sign_out_url(std::int64_t provider_id, const std::string& origin);

private:
    awaitable<sign_in_outcome> finish(const sign_in_attempt& attempt, const std::string& code,
                                      const std::string& origin, audit_context audit, client_device device);

    single_sign_on::store& store_;
    provider_documents& documents_;
    identity::service& identity_;
    login_throttle& throttle_;
};

// A path of this service to return to after signing in; "/" for anything else (another site, a scheme-relative
// address).
std::string safe_return_path(const std::string& requested);

} // namespace pswnet::identity::single_sign_on
