// The service's own HTTPS requests to identity providers (discovery, keys, tokens), through libcurl. Blocking:
// call them off the I/O threads. Only https, or plain http to this machine's loopback (a provider run by the tests
// or a developer); no redirects followed; bounded in time and in size.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace pswnet::identity::single_sign_on {

// The provider could not be reached, or answered with something too large or not HTTP.
class provider_unreachable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct http_reply {
    long status = 0;
    std::string body;
};

using form_fields = std::vector<std::pair<std::string, std::string>>;

// Whether the service may send requests to this URL: https, or http to 127.0.0.1, [::1] or localhost.
bool allowed_provider_url(const std::string& url);

http_reply http_get(const std::string& url);

// An application/x-www-form-urlencoded POST, authenticated with HTTP Basic as OAuth 2.0 asks of a confidential
// client (RFC 6749, section 2.3.1: the id and secret form-encoded first).
http_reply http_post_form(const std::string& url, const form_fields& fields, const std::string& client_id,
                          const std::string& client_secret);

// `base?name=value&...` with the values percent-encoded (base may already have a query).
std::string with_query(const std::string& base, const form_fields& fields);

} // namespace pswnet::identity::single_sign_on
