// Recovery codes: single-use codes a person keeps for when their authenticator app is lost. Shown once, stored only
// as hashes. Pure apart from the random codes; unit-tested.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet::identity {

inline constexpr int recovery_code_count = 10;

// recovery_code_count new codes, each ten letters and digits in two groups of five: "k3m9p-x7tq2" (about 50 random bits).
std::vector<std::string> new_recovery_codes();

// A typed recovery code as it is hashed: lower case, without the spaces and hyphens people add or leave out. None
// when it cannot be a recovery code.
std::optional<std::string> canonical_recovery_code(std::string_view typed);

} // namespace pswnet::identity
