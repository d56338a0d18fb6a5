#include "identity/two_factor_service.hpp"

#include "identity/policy.hpp"
#include "identity/recovery_codes.hpp"
#include "identity/totp.hpp"

namespace pswnet::identity {
namespace {

std::int64_t now_seconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

two_factor_status status_of(const two_factor_record& record)
{
    two_factor_status status;
    status.enabled = record.enabled;
    status.enabled_at = record.enabled_at;
    status.recovery_codes_left = record.recovery_codes_left;
    if (record.required_by_role)
        status.required_by = two_factor_status::requirement::role;
    else if (record.required_by_organisation)
        status.required_by = two_factor_status::requirement::organisation;
    if (record.required() && !record.enabled)
        status.setup_deadline = record.setup_deadline;
    return status;
}

} // namespace

awaitable<two_factor_status> two_factor_service::status(const principal& who)
{
    co_return status_of(co_await store_.find(who.user_id, sign_in_.grace()));
}

awaitable<authenticator_setup> two_factor_service::begin_setup(const principal& who, std::string current_password,
                                                               audit_context audit)
{
    co_await accounts_.check_current_password(who, std::move(current_password), audit.client_address);
    auto secret = totp::new_secret();
    if (!co_await store_.begin_setup(who.user_id, secret, std::move(audit)))
        throw api_error(errc::conflict, "Two-factor authentication is already on.");
    auto me = co_await identity_.me(who);
    co_return authenticator_for(secret, me.user.email);
}

awaitable<std::vector<std::string>> two_factor_service::turn_on(const principal& who, std::string code,
                                                                audit_context audit)
{
    auto record = co_await store_.find(who.user_id, sign_in_.grace());
    if (record.enabled)
        throw api_error(errc::conflict, "Two-factor authentication is already on.");
    if (!record.secret)
        throw api_error(errc::conflict, "Start setting up two-factor authentication first.");
    auto key = two_factor_key(who.user_id);
    co_await check_not_throttled(throttle_, key);
    auto step = totp::matching_step(*record.secret, without_spaces(std::move(code)), now_seconds());
    auto codes = identity::new_recovery_codes();
    if (!step || !co_await store_.confirm(who.user_id, *record.secret, *step, recovery_code_hashes(who.user_id, codes),
                                          std::move(audit))) {
        co_await throttle_.record_failure({key});
        throw api_error(errc::validation_failed, "The code is not right.",
                        {{"code", "The code is not right. Enter the 6-digit code your authenticator app shows now"}});
    }
    co_await throttle_.forget(key.key);
    co_return codes;
}

awaitable<std::vector<std::string>>
two_factor_service::new_recovery_codes(const principal& who, std::string current_password, audit_context audit)
{
    co_await accounts_.check_current_password(who, std::move(current_password), audit.client_address);
    auto codes = identity::new_recovery_codes();
    if (!co_await store_.replace_recovery_codes(who.user_id, recovery_code_hashes(who.user_id, codes),
                                                std::move(audit)))
        throw api_error(errc::conflict, "Two-factor authentication is not on.");
    co_return codes;
}

awaitable<void> two_factor_service::turn_off(const principal& who, std::string current_password, audit_context audit)
{
    auto record = co_await store_.find(who.user_id, sign_in_.grace());
    if (record.required_by_role)
        throw api_error(errc::forbidden, "Your role needs two-factor authentication: it cannot be turned off.");
    if (record.required_by_organisation)
        throw api_error(errc::forbidden, "Your organisation needs two-factor authentication: it cannot be turned off.");
    co_await accounts_.check_current_password(who, std::move(current_password), audit.client_address);
    if (!co_await store_.turn_off(who.user_id, std::move(audit)))
        throw api_error(errc::conflict, "Two-factor authentication is not on.");
}

} // namespace pswnet::identity
