// Hashing and random tokens through libsodium.
#pragma once

#include <string>
#include <string_view>

namespace pswnet::crypto {

void initialise(); // call once at start; throws if libsodium cannot start

std::string sha256_hex(std::string_view data);
// SHA-256, base64url without padding: a PKCE code challenge (RFC 7636, S256).
std::string sha256_base64url(std::string_view data);

// 32 random bytes as unpadded base64url: session and invitation tokens.
std::string random_token();

// A token that is stored must be stored as this hash only.
std::string token_hash(std::string_view token);

// A value bound to a token that cannot be computed without it (CSRF token of a session).
std::string derived_token(std::string_view token, std::string_view purpose);

// argon2id (interactive limits): slow and memory-hungry by design, so never call it on an I/O thread.
std::string hash_password(std::string_view password);
bool verify_password(const std::string& stored_hash, std::string_view password);

bool constant_time_equal(std::string_view a, std::string_view b);

} // namespace pswnet::crypto
