#include "identity/recovery_codes.hpp"

#include <sodium.h>

#include <cctype>

namespace pswnet::identity {
namespace {

// Letters and digits that cannot be mistaken for one another when copied by hand (no 0/o, 1/l/i).
constexpr std::string_view alphabet = "23456789abcdefghjkmnpqrstuvwxyz";
constexpr std::size_t code_length = 10;

} // namespace

std::vector<std::string> new_recovery_codes()
{
    std::vector<std::string> codes;
    codes.reserve(recovery_code_count);
    for (int i = 0; i < recovery_code_count; ++i) {
        std::string code;
        for (std::size_t c = 0; c < code_length; ++c) {
            if (c == code_length / 2)
                code += '-';
            code += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
        }
        codes.push_back(std::move(code));
    }
    return codes;
}

std::optional<std::string> canonical_recovery_code(std::string_view typed)
{
    std::string code;
    for (unsigned char c : typed) {
        if (c == ' ' || c == '-')
            continue;
        auto lower = static_cast<char>(std::tolower(c));
        if (alphabet.find(lower) == std::string_view::npos || code.size() == code_length)
            return std::nullopt;
        code += lower;
    }
    if (code.size() != code_length)
        return std::nullopt;
    return code;
}

} // namespace pswnet::identity
