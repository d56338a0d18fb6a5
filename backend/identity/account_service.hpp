// What people do with their own accounts: change their profile, password and email address, see where they are
// signed in and sign out there, and reset a forgotten password by email. No HTTP and no JSON here.
#pragma once

#include "identity/account_store.hpp"
#include "identity/login_throttle.hpp"
#include "identity/password_hasher.hpp"
#include "identity/service.hpp"

#include <atomic>

namespace pswnet::identity {

class account_service {
public:
    account_service(account_store& accounts, service& identity, password_hasher& hasher, login_throttle& throttle);

    // The update is already checked (trimmed, lengths in characters): account_routes reads it.
    awaitable<profile> update_profile(const principal& who, profile_update update, audit_context audit);
    // The current password is checked like a sign-in (and throttled like one); other sessions end.
    awaitable<void> change_password(const principal& who, std::string current_password, std::string new_password,
                                    audit_context audit);
    // Sends a confirmation link to the new address; the address changes when it is followed.
    awaitable<void> request_email_change(const principal& who, std::string new_email, std::string current_password,
                                         audit_context audit);
    // The new address, once changed.
    awaitable<std::string> confirm_email_change(std::string token, audit_context audit);
    // The address an email change link confirms; not_found when the link is not usable.
    awaitable<std::string> preview_email_change(std::string token);

    awaitable<std::vector<session_summary>> sessions(const principal& who);
    awaitable<void> end_session(const principal& who, std::int64_t session_id, audit_context audit);
    awaitable<void> end_all_sessions(const principal& who, audit_context audit);

    // Says nothing of whether an account has the address, not even by how long it takes: once the address is seen
    // to be one, the link is issued after the caller has been answered (202 either way). Requests are throttled per
    // client address; when many are being issued at once, the caller waits for its own (back-pressure).
    awaitable<void> request_password_reset(std::string email, audit_context audit);
    // The address a reset link is for; not_found when the link is not usable.
    awaitable<std::string> preview_password_reset(std::string token);
    awaitable<void> reset_password(std::string token, std::string new_password, audit_context audit);

    // For what needs the password again (here, and deleting the account): like a sign-in, throttled by account and
    // by client address, and forgetting the failures when right. A wrong one is a 422 on current_password.
    awaitable<void> check_current_password(const principal& who, std::string password,
                                           const std::string& client_address);

private:
    // Password reset links being issued after their answers; past this many, a request waits for its own.
    static constexpr int max_resets_in_flight = 8;

    account_store& accounts_;
    service& identity_;
    password_hasher& hasher_;
    login_throttle& throttle_;
    std::atomic<int> resets_in_flight_{0};
};

} // namespace pswnet::identity
