// Two-factor authentication as people manage it themselves: turning it on with an authenticator app, new recovery
// codes, turning it off where nothing requires it; and organisations requiring it of their people. Signing in with
// it is two_factor_sign_in's. No HTTP and no JSON here.
#pragma once

#include "identity/account_service.hpp"
#include "identity/two_factor_sign_in.hpp"
#include "identity/two_factor_store.hpp"

namespace pswnet::identity {

class two_factor_service {
public:
    two_factor_service(two_factor_store& store, two_factor_sign_in& sign_in, login_throttle& throttle,
                       account_service& accounts, service& identity)
        : store_(store), sign_in_(sign_in), throttle_(throttle), accounts_(accounts), identity_(identity)
    {
    }

    awaitable<two_factor_status> status(const principal& who);

    // The password again, then a new pending authenticator (replacing an earlier pending one); a conflict when
    // two-factor is already on.
    awaitable<authenticator_setup> begin_setup(const principal& who, std::string current_password, audit_context audit);
    // A right code from the pending authenticator turns two-factor on; returns the recovery codes, shown this once.
    // A wrong code is a 422 on `code`, and counts against the account's two_factor_key; no pending authenticator,
    // a conflict.
    awaitable<std::vector<std::string>> turn_on(const principal& who, std::string code, audit_context audit);
    // The password again; the old codes stop working.
    awaitable<std::vector<std::string>> new_recovery_codes(const principal& who, std::string current_password,
                                                           audit_context audit);
    // The password again; refused (403) while the person's role or organisation requires two-factor.
    awaitable<void> turn_off(const principal& who, std::string current_password, audit_context audit);

private:
    two_factor_store& store_;
    two_factor_sign_in& sign_in_;
    login_throttle& throttle_;
    account_service& accounts_;
    service& identity_;
};

} // namespace pswnet::identity
