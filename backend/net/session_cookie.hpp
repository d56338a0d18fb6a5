// How a session token travels: the session cookie (browsers) or a bearer header (other clients).
#pragma once

#include "core/principal.hpp"
#include "net/request_context.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace pswnet {

struct credential {
    std::string token;
    credential_kind kind;
};

// The bearer token if there is one, otherwise the session cookie.
std::optional<credential> session_credential(const request& req);

// Set-Cookie for a new session; __Host- prefixed and Secure over TLS (browsers refuse a __Host- cookie that is not
// Secure, so plain HTTP, as on a developer's localhost, uses the unprefixed name).
std::string session_cookie(const std::string& token, bool secure, std::chrono::seconds max_age);
std::string cleared_session_cookie(bool secure);

// The device cookie: a random token a browser keeps for 400 days, so that a sign-in from a browser that never
// signed in to the account before can be told to its owner. It grants nothing.
std::optional<std::string> device_token(const request& req);
std::string device_cookie(const std::string& token, bool secure);

// The sign-in binding cookie: set when a browser leaves for its council's identity provider, and required when it
// comes back, so that a sign-in can only be completed in the browser that started it (no one can sign someone else
// in to their own account by sending them a link). SameSite=Lax: the provider's redirect back is a top-level GET.
std::optional<std::string> sign_in_binding(const request& req);
std::string sign_in_binding_cookie(const std::string& token, bool secure);
std::string cleared_sign_in_binding_cookie(bool secure);

// The CSRF token of a cookie session: derived from the session token, so it needs no storage and cannot be
// computed by a page that cannot read the HttpOnly cookie.
std::string csrf_token_for(std::string_view session_token);

} // namespace pswnet
