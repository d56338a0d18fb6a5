// Throttling password guessing without locking anyone out. Failures are counted per account-and-address and per
// address, in PostgreSQL so that every instance sees the same counts; past a few free failures each further one
// makes that key wait twice as long as the last (1 s, 2 s, 4 s ... at most 15 minutes). The account itself is never
// locked: its owner signing in from another address is not held up, whatever an attacker does.
#pragma once

#include "core/net.hpp"
#include "db/pool.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::identity {

struct throttle_rule {
    int free_failures = 0; // failures before any wait
    std::chrono::seconds longest_wait{15 * 60};
    std::chrono::seconds forget_after{15 * 60}; // failures older than this start the count again
};

inline constexpr throttle_rule per_account_and_address{3};
inline constexpr throttle_rule per_address{20};
// Password reset requests from one address: each counts, whether or not the address asked about has an account.
inline constexpr throttle_rule password_resets_per_address{20};
// Council sign-ins started from one address: each writes a sign-in under way, so many from one place wait.
inline constexpr throttle_rule single_sign_on_starts_per_address{30};
// Wrong two-factor codes for one account, from anywhere: only someone who knows the password gets this far, so
// guessing the code is slowed for the account itself (its owner waits too, but is never locked out). Failures are
// remembered for a day and the wait grows to an hour, so that a day allows a few dozen guesses of a million.
inline constexpr throttle_rule two_factor_codes_per_account{5, std::chrono::hours(1), std::chrono::hours(24)};

// How long a key must wait after its `failures`-th failure in a row: pure, unit-tested.
std::chrono::seconds backoff_after(int failures, const throttle_rule& rule);

struct throttle_key {
    std::string key;
    throttle_rule rule;
};

// The keys one sign-in attempt counts against.
std::vector<throttle_key> throttle_keys(const std::string& email, const std::string& client_address);
// The key one password reset request counts against.
throttle_key password_reset_key(const std::string& client_address);
// The key council sign-ins started from an address count against.
throttle_key single_sign_on_key(const std::string& client_address);
// The key wrong two-factor codes for an account count against.
throttle_key two_factor_key(std::int64_t user_id);

class login_throttle {
public:
    explicit login_throttle(db::pool& database) : database_(database) {}

    // How long the longest-blocked of the keys must still wait, if any.
    awaitable<std::optional<std::chrono::seconds>> wait_for(std::vector<throttle_key> keys);
    awaitable<void> record_failure(std::vector<throttle_key> keys);
    // A successful sign-in forgets its account-and-address failures.
    awaitable<void> forget(std::string key);

private:
    db::pool& database_;
};

} // namespace pswnet::identity
