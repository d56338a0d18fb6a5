#include "identity/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace pswnet::identity::totp {
namespace {

void start_liboath()
{
    static std::once_flag started;
    std::call_once(started, [] {
        if (oath_init() != OATH_OK)
            throw std::runtime_error("liboath could not start");
    });
}

// RFC 3986 percent-encoding of everything but the unreserved characters.
std::string percent_encoded(std::string_view text)
{
    static constexpr std::string_view hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0x0f];
        }
    }
    return out;
}

bool is_code(std::string_view code)
{
    return code.size() == static_cast<std::size_t>(digits) &&
           std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

std::string new_secret()
{
    std::string secret(secret_bytes, '\0');
    randombytes_buf(secret.data(), secret.size());
    return secret;
}

std::string base32(std::string_view secret)
{
    start_liboath();
    char* encoded = nullptr;
    std::size_t length = 0;
    if (oath_base32_encode(secret.data(), secret.size(), &encoded, &length) != OATH_OK)
        throw std::runtime_error("liboath could not encode a secret");
    std::unique_ptr<char, decltype(&std::free)> owned(encoded, &std::free);
    std::string text(encoded, length);
    text.erase(std::remove(text.begin(), text.end(), '='), text.end());
    return text;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret)
{
    auto label = percent_encoded(std::string(issuer) + ":" + std::string(account));
    return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + percent_encoded(issuer) +
           "&algorithm=SHA1&digits=" + std::to_string(digits) + "&period=" + std::to_string(step_seconds);
}

std::optional<std::int64_t> matching_step(std::string_view secret, std::string_view code, std::int64_t unix_seconds)
{
    if (!is_code(code))
        return std::nullopt;
    start_liboath();
    const std::string otp(code);
    int position = 0;
    std::uint64_t step = 0;
    int found = oath_totp_validate3(secret.data(), secret.size(), static_cast<time_t>(unix_seconds), step_seconds, 0, 1,
                                    &position, &step, otp.c_str());
    if (found < 0)
        return std::nullopt;
    return static_cast<std::int64_t>(step);
}

std::string code_at(std::string_view secret, std::int64_t unix_seconds, unsigned code_digits)
{
    start_liboath();
    std::array<char, 16> otp{};
    if (oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(unix_seconds), step_seconds, 0,
                           code_digits, otp.data()) != OATH_OK)
        throw std::runtime_error("liboath could not make a code");
    return otp.data();
}

} // namespace pswnet::identity::totp
