// Time-based one-time passwords as authenticator apps make them (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps),
// computed by liboath. Pure apart from the random secret; unit-tested against the RFC's vectors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pswnet::identity::totp {

inline constexpr std::size_t secret_bytes = 20;
inline constexpr int step_seconds = 30;
inline constexpr int digits = 6;

// A new shared secret: secret_bytes random bytes.
std::string new_secret();

// The secret as people type it into an app: RFC 4648 base32, in upper case.
std::string base32(std::string_view secret);

// The otpauth:// URI an app reads from the QR code.
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret);

// The time step (seconds since the epoch / 30) whose code is `code`: the step of `unix_seconds` or one either side,
// for a clock a little out. None when no step's code matches or `code` is not 6 digits.
std::optional<std::int64_t> matching_step(std::string_view secret, std::string_view code, std::int64_t unix_seconds);

// The code of the step of `unix_seconds`, with `code_digits` digits (8 for the RFC's vectors).
std::string code_at(std::string_view secret, std::int64_t unix_seconds, unsigned code_digits = digits);

} // namespace pswnet::identity::totp
