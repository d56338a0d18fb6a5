#include "identity/two_factor_sign_in.hpp"

#include "core/crypto.hpp"
#include "identity/recovery_codes.hpp"
#include "identity/totp.hpp"

#include <algorithm>

namespace pswnet::identity {
namespace {

api_error second_step_problem(std::string_view type, std::string title, std::string detail,
                              std::vector<field_error> errors = {})
{
    api_error e(errc::invalid_credentials, std::move(detail), std::move(errors));
    e.type = type;
    e.title = std::move(title);
    return e;
}

api_error code_needed()
{
    return second_step_problem(two_factor_required_type, "Enter a security code",
                               "Enter the 6-digit code from your authenticator app, or one of your recovery codes.");
}

// While the authenticator is being set up there are no recovery codes yet.
api_error wrong_code(bool setting_up)
{
    std::string message = "The code is not right. Enter the code your authenticator app shows now";
    if (!setting_up)
        message += ", or a recovery code";
    return second_step_problem(two_factor_required_type, "Enter a security code", "The security code is not right.",
                               {{"code", std::move(message)}});
}

api_error setup_needed()
{
    return second_step_problem(two_factor_setup_required_type, "Set up two-factor authentication",
                               "Your account must use two-factor authentication. Set up an authenticator app to "
                               "sign in.");
}

std::int64_t now_seconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

authenticator_setup authenticator_for(const std::string& secret, const std::string& email)
{
    return {totp::base32(secret), totp::otpauth_uri("PSW Network", email, secret)};
}

std::string recovery_code_hash(std::int64_t user_id, const std::string& canonical_code)
{
    return crypto::token_hash(std::to_string(user_id) + ":" + canonical_code);
}

std::vector<std::string> recovery_code_hashes(std::int64_t user_id, const std::vector<std::string>& codes)
{
    std::vector<std::string> hashes;
    hashes.reserve(codes.size());
    for (const auto& code : codes)
        hashes.push_back(recovery_code_hash(user_id, *canonical_recovery_code(code)));
    return hashes;
}

awaitable<void> check_not_throttled(login_throttle& throttle, const throttle_key& key)
{
    if (auto wait = co_await throttle.wait_for({key})) {
        api_error e(errc::rate_limited,
                    "Too many wrong security codes. Try again in " + std::to_string(wait->count()) + " seconds.");
        e.retry_after_seconds = static_cast<int>(wait->count());
        throw e;
    }
}

std::string without_spaces(std::string code)
{
    code.erase(std::remove(code.begin(), code.end(), ' '), code.end());
    return code;
}

awaitable<std::vector<std::string>> two_factor_sign_in::check(std::int64_t user_id, std::optional<std::string> code,
                                                              audit_context who)
{
    auto record = co_await store_.find(user_id, grace_);
    bool must_set_up = record.required() && !record.enabled && record.past_deadline;
    if (!record.enabled && !must_set_up)
        co_return std::vector<std::string>{};
    if (!record.enabled && !record.secret)
        throw setup_needed();
    if (!code || code->empty())
        throw record.enabled ? code_needed() : setup_needed();

    auto key = two_factor_key(user_id);
    co_await check_not_throttled(throttle_, key);
    auto step = totp::matching_step(*record.secret, without_spaces(*code), now_seconds());
    if (record.enabled) {
        if (step && co_await store_.use_step(user_id, *step)) {
            co_await throttle_.forget(key.key);
            co_return std::vector<std::string>{};
        }
        auto recovery = canonical_recovery_code(*code);
        if (recovery && co_await store_.use_recovery_code(user_id, recovery_code_hash(user_id, *recovery), who)) {
            co_await throttle_.forget(key.key);
            co_return std::vector<std::string>{};
        }
    } else if (step) {
        auto codes = new_recovery_codes();
        if (co_await store_.confirm(user_id, *record.secret, *step, recovery_code_hashes(user_id, codes),
                                    std::move(who))) {
            co_await throttle_.forget(key.key);
            co_return codes;
        }
    }
    co_await throttle_.record_failure({key});
    throw wrong_code(!record.enabled);
}

awaitable<authenticator_setup> two_factor_sign_in::begin_setup(std::int64_t user_id, const std::string& email,
                                                               audit_context who)
{
    auto record = co_await store_.find(user_id, grace_);
    if (!record.required() || record.enabled || !record.past_deadline)
        throw api_error(errc::conflict, "This account does not need to set up two-factor authentication to sign in.");
    auto secret = totp::new_secret();
    if (!co_await store_.begin_setup(user_id, secret, std::move(who)))
        throw api_error(errc::conflict, "Two-factor authentication is already on for this account.");
    co_return authenticator_for(secret, email);
}

} // namespace pswnet::identity
