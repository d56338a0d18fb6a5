// Reading and writing the session cookie.
#include "net/session_cookie.hpp"

#include "core/crypto.hpp"

namespace pswnet {
namespace {

constexpr std::string_view secure_name = "__Host-pswnet_session";
constexpr std::string_view plain_name = "pswnet_session";
constexpr std::string_view secure_device_name = "__Host-pswnet_device";
constexpr std::string_view plain_device_name = "pswnet_device";
constexpr std::string_view secure_binding_name = "__Host-pswnet_sign_in";
constexpr std::string_view plain_binding_name = "pswnet_sign_in";
constexpr auto binding_lifetime = std::chrono::minutes(10);    // as long as a sign-in at the provider may take
constexpr auto device_lifetime = std::chrono::hours(24 * 400); // the longest browsers keep a cookie

std::optional<std::string> cookie_value(std::string_view header, std::string_view name)
{
    while (!header.empty()) {
        auto semicolon = header.find(';');
        auto pair = header.substr(0, semicolon);
        header = semicolon == std::string_view::npos ? std::string_view{} : header.substr(semicolon + 1);
        while (!pair.empty() && pair.front() == ' ')
            pair.remove_prefix(1);
        auto eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name)
            return std::string(pair.substr(eq + 1));
    }
    return std::nullopt;
}

} // namespace

std::optional<credential> session_credential(const request& req)
{
    auto authorization = req[http::field::authorization];
    if (authorization.size() > 7 && beast::iequals(authorization.substr(0, 7), "Bearer "))
        return credential{std::string(authorization.substr(7)), credential_kind::bearer};
    auto cookies = req[http::field::cookie];
    if (auto value = cookie_value(cookies, secure_name))
        return credential{std::move(*value), credential_kind::cookie};
    if (auto value = cookie_value(cookies, plain_name))
        return credential{std::move(*value), credential_kind::cookie};
    return std::nullopt;
}

std::string session_cookie(const std::string& token, bool secure, std::chrono::seconds max_age)
{
    return std::string(secure ? secure_name : plain_name) + "=" + token +
           "; Path=/; Max-Age=" + std::to_string(max_age.count()) + "; HttpOnly; SameSite=Lax" +
           (secure ? "; Secure" : "");
}

std::string cleared_session_cookie(bool secure)
{
    return std::string(secure ? secure_name : plain_name) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" +
           (secure ? "; Secure" : "");
}

std::optional<std::string> device_token(const request& req)
{
    auto cookies = req[http::field::cookie];
    auto value = cookie_value(cookies, secure_device_name);
    if (!value)
        value = cookie_value(cookies, plain_device_name);
    if (!value || value->size() < 20 || value->size() > 100)
        return std::nullopt;
    return value;
}

std::string device_cookie(const std::string& token, bool secure)
{
    return std::string(secure ? secure_device_name : plain_device_name) + "=" + token +
           "; Path=/; Max-Age=" + std::to_string(std::chrono::seconds(device_lifetime).count()) +
           "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
}

std::optional<std::string> sign_in_binding(const request& req)
{
    auto cookies = req[http::field::cookie];
    auto value = cookie_value(cookies, secure_binding_name);
    if (!value)
        value = cookie_value(cookies, plain_binding_name);
    if (!value || value->size() < 20 || value->size() > 100)
        return std::nullopt;
    return value;
}

std::string sign_in_binding_cookie(const std::string& token, bool secure)
{
    return std::string(secure ? secure_binding_name : plain_binding_name) + "=" + token +
           "; Path=/; Max-Age=" + std::to_string(std::chrono::seconds(binding_lifetime).count()) +
           "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
}

std::string cleared_sign_in_binding_cookie(bool secure)
{
    return std::string(secure ? secure_binding_name : plain_binding_name) +
           "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
}

std::string csrf_token_for(std::string_view session_token)
{
    return crypto::derived_token(session_token, "pswnet csrf");
}

} // namespace pswnet
