// libsodium wrappers: SHA-256, BLAKE2b, argon2id and random bytes.
#include "core/crypto.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace pswnet::crypto {
namespace {

std::string to_hex(const unsigned char* bytes, std::size_t size)
{
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, size);
    hex.pop_back();
    return hex;
}

std::string to_base64url(const unsigned char* bytes, std::size_t size)
{
    constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string text(sodium_base64_ENCODED_LEN(size, variant), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes, size, variant);
    text.resize(text.find('\0'));
    return text;
}

const unsigned char* bytes_of(std::string_view text)
{
    return reinterpret_cast<const unsigned char*>(text.data());
}

} // namespace

void initialise()
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium could not be initialised");
}

std::string sha256_hex(std::string_view data)
{
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), bytes_of(data), data.size());
    return to_hex(digest.data(), digest.size());
}

std::string sha256_base64url(std::string_view data)
{
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), bytes_of(data), data.size());
    return to_base64url(digest.data(), digest.size());
}

std::string random_token()
{
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return to_base64url(bytes.data(), bytes.size());
}

std::string token_hash(std::string_view token)
{
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash(digest.data(), digest.size(), bytes_of(token), token.size(), nullptr, 0);
    return to_hex(digest.data(), digest.size());
}

std::string derived_token(std::string_view token, std::string_view purpose)
{
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, digest.size());
    crypto_generichash_update(&state, bytes_of(purpose), purpose.size());
    const unsigned char separator = 0;
    crypto_generichash_update(&state, &separator, 1);
    crypto_generichash_update(&state, bytes_of(token), token.size());
    crypto_generichash_final(&state, digest.data(), digest.size());
    return to_base64url(digest.data(), digest.size());
}

std::string hash_password(std::string_view password)
{
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return std::string(out.data());
}

bool verify_password(const std::string& stored_hash, std::string_view password)
{
    return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

bool constant_time_equal(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace pswnet::crypto
