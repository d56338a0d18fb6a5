// The second step of signing in with a password. An account with two-factor on needs a code from its authenticator
// app, or one of its recovery codes. An account that must have two-factor (its role, or its organisation's choice)
// and whose grace period is over sets up an authenticator as part of signing in, the way GOV.UK One Login does:
// the sign-in that first enters a right code turns it on, and answers with the recovery codes.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "identity/login_throttle.hpp"
#include "identity/model.hpp"
#include "identity/two_factor_store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::identity {

// Problem types of the second step (401): a code is needed, or an authenticator must be set up first.
inline constexpr std::string_view two_factor_required_type = "/problems/two-factor-required";
inline constexpr std::string_view two_factor_setup_required_type = "/problems/two-factor-setup-required";

class two_factor_sign_in {
public:
    two_factor_sign_in(two_factor_store& store, login_throttle& throttle, std::chrono::days grace)
        : store_(store), throttle_(throttle), grace_(grace)
    {
    }

    // Called once the password is right. Returns the recovery codes of an authenticator this sign-in turned on,
    // and nothing else when it turned none on. Throws two-factor-required when a code is missing or wrong (a
    // wrong one counts against the account's two_factor_key), two-factor-setup-required when the account must set
    // an authenticator up first, and rate_limited while wrong codes are being throttled.
    awaitable<std::vector<std::string>> check(std::int64_t user_id, std::optional<std::string> code, audit_context who);

    // A new pending authenticator for an account that must set one up before it can sign in (replacing an earlier
    // pending one); a conflict for any other account.
    awaitable<authenticator_setup> begin_setup(std::int64_t user_id, const std::string& email, audit_context who);

    std::chrono::days grace() const noexcept { return grace_; }

private:
    two_factor_store& store_;
    login_throttle& throttle_;
    std::chrono::days grace_;
};

// A new secret for `email`'s authenticator, as the person's app is given it.
authenticator_setup authenticator_for(const std::string& secret, const std::string& email);

// A recovery code (canonical_recovery_code) as it is kept: hashed with its account's id, so that one search of the
// code space does not find every account's codes at once.
std::string recovery_code_hash(std::int64_t user_id, const std::string& canonical_code);
std::vector<std::string> recovery_code_hashes(std::int64_t user_id, const std::vector<std::string>& codes);

// Throws rate_limited while wrong codes for the account are being throttled (two_factor_key).
awaitable<void> check_not_throttled(login_throttle& throttle, const throttle_key& key);

// The code as typed, without the spaces some apps show in it.
std::string without_spaces(std::string code);

} // namespace pswnet::identity
