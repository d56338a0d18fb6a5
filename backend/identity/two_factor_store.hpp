// SQL of two-factor sign-in: a person's authenticator secret and recovery codes, and the organisations that require
// it. Secrets cross this boundary as raw bytes; recovery codes arrive already hashed.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::identity {

// Everything about one account's second factor.
struct two_factor_record {
    bool required_by_role = false;         // network_admin and csw_office
    bool required_by_organisation = false; // its organisation requires it
    std::string setup_deadline;            // when required: when the grace period to set it up ends
    bool past_deadline = false;
    bool enabled = false;
    std::optional<std::string> enabled_at;
    std::optional<std::string> secret; // the authenticator's, confirmed or pending
    std::int64_t last_used_step = 0;   // no code of this step or an earlier one is accepted again
    int recovery_codes_left = 0;

    bool required() const noexcept { return required_by_role || required_by_organisation; }
};

class two_factor_store {
public:
    explicit two_factor_store(db::pool& pool) : pool_(pool) {}

    awaitable<two_factor_record> find(std::int64_t user_id, std::chrono::days grace);

    // A new pending secret, replacing any other pending one; false when an authenticator is already confirmed.
    awaitable<bool> begin_setup(std::int64_t user_id, std::string secret, audit_context who);
    // Confirms the pending secret, the one a code of `step` was checked against, and keeps the recovery codes. False
    // when that secret is no longer the pending one or the step was used.
    awaitable<bool> confirm(std::int64_t user_id, std::string secret, std::int64_t step,
                            std::vector<std::string> code_hashes, audit_context who);
    // Spends a code of `step` of a confirmed authenticator; false when the step (or a later one) was used already.
    awaitable<bool> use_step(std::int64_t user_id, std::int64_t step);
    // Spends an unused recovery code and tells the owner; the codes left, or none when it is not one of theirs.
    awaitable<std::optional<int>> use_recovery_code(std::int64_t user_id, std::string code_hash, audit_context who);
    // Replaces every recovery code; false when two-factor is not on.
    awaitable<bool> replace_recovery_codes(std::int64_t user_id, std::vector<std::string> code_hashes,
                                           audit_context who);
    // Removes the authenticator and recovery codes and tells the owner; false when it was not on.
    awaitable<bool> turn_off(std::int64_t user_id, audit_context who);

private:
    db::pool& pool_;
};

} // namespace pswnet::identity
