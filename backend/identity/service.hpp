// Identity rules: signing in and out, sessions, invitations, members. No HTTP and no JSON here.
#pragma once

#include "core/audit_context.hpp"
#include "db/write_limits.hpp"
#include "directory/service.hpp"
#include "identity/invitation_store.hpp"
#include "identity/login_throttle.hpp"
#include "identity/model.hpp"
#include "identity/password_hasher.hpp"
#include "identity/session_cache.hpp"
#include "identity/store.hpp"
#include "identity/two_factor_sign_in.hpp"

#include <atomic>
#include <functional>

namespace pswnet::identity {

struct settings {
    std::chrono::minutes session_idle{120};
    std::chrono::seconds session_lifetime{std::chrono::hours(24 * 14)};
    std::chrono::milliseconds session_cache_age{2000}; // 0 turns the cache off
};

class service {
public:
    service(identity::store& store, identity::invitation_store& invitations, directory::service& directory,
            password_hasher& hasher, db::write_limits& limits, login_throttle& throttle,
            two_factor_sign_in& second_factor, settings settings);

    // The password, then the second factor when the account has or needs one (two_factor_sign_in).
    awaitable<signed_in_session> login(credentials given, audit_context who, client_device device);
    // For an account that must set up two-factor before it can sign in: checks the password as login does, then
    // starts the authenticator that the next login's code turns on.
    awaitable<authenticator_setup> begin_two_factor_setup(credentials given, audit_context who);
    // Returns the identity provider the session came from, so that the provider's session can end too.
    awaitable<std::optional<std::int64_t>> logout(const principal& who, audit_context audit);
    // A session for someone their identity provider vouched for (single_sign_on::sign_in): no password, and no
    // second factor here (the provider asks for its own).
    awaitable<signed_in_session> sign_in_by_provider(std::int64_t user_id, std::int64_t provider_id,
                                                     audit_context audit, client_device device);
    awaitable<std::optional<principal>> authenticate(std::string token);
    // The principal of an active person, for what they do without a session (a reply by email); none if disabled.
    awaitable<std::optional<principal>> acting_as(std::int64_t user_id);
    awaitable<profile> me(const principal& who);

    // The accept link goes to the outbox and the log, built on link_origin (the service's public origin).
    awaitable<invitation> invite(const principal& who, invitation_request request, std::string link_origin,
                                 audit_context audit);
    awaitable<invitation_preview> preview_invitation(std::string token);
    awaitable<signed_in_session> accept_invitation(std::string token, acceptance given, audit_context audit,
                                                   client_device device);

    // An organisation's pending invitations (not accepted, not withdrawn), for its administrators; sending one
    // again (a new link, valid 7 days from now; the old link stops working); withdrawing one.
    awaitable<std::vector<invitation>> pending_invitations(const principal& who, std::int64_t organisation_id);
    awaitable<invitation> resend_invitation(const principal& who, std::int64_t organisation_id,
                                            std::int64_t invitation_id, std::string link_origin, audit_context audit);
    awaitable<void> revoke_invitation(const principal& who, std::int64_t organisation_id, std::int64_t invitation_id,
                                      audit_context audit);

    awaitable<member_page> members(const principal& who, std::int64_t organisation_id, int limit,
                                   std::optional<std::int64_t> after_id);
    awaitable<user> set_disabled(const principal& who, std::int64_t user_id, bool disabled, audit_context audit);

    // For the command line: no caller to authorise.
    awaitable<std::int64_t> add_user(new_user user, audit_context audit);

    const identity::settings& settings() const noexcept { return settings_; }

    // Told when sessions end early (signing out: that session; disabling: every session of the user), so open
    // WebSockets of those sessions can be closed. Set once, before serving.
    // A revocation announced by any instance (the system:sessions event): forget the cached sessions.
    void forget_revoked(std::int64_t user_id, std::optional<std::int64_t> session_id);

    // Whether the session of this token is still valid, checked in the database and without counting as use (an
    // open page's WebSocket must not keep an unattended session alive).
    awaitable<bool> still_signed_in(std::string token);

    // Sessions this instance ended (account self-service): forget them here at once and close their WebSockets;
    // other instances learn of it from the session.revoked event written with the change.
    void sessions_ended(std::int64_t user_id, std::optional<std::int64_t> session_id);

    using revocation_listener = std::function<void(std::int64_t user_id, std::optional<std::int64_t> session_id)>;
    void on_revocation(revocation_listener listener) { on_revocation_ = std::move(listener); }

private:
    // The active account of the email address and password, checked and throttled; invalid_credentials otherwise.
    awaitable<login_record> verified_login(const credentials& given, const audit_context& who);
    // A sign-in from a device the account never used before is emailed to its owner.
    awaitable<signed_in_session> open_session(std::int64_t user_id, audit_context audit, client_device device,
                                              std::optional<std::int64_t> provider_id = std::nullopt);
    awaitable<organisation_ref> organisation_of(std::int64_t organisation_id);
    awaitable<invitation> manageable_invitation(const principal& who, std::int64_t organisation_id,
                                                std::int64_t invitation_id);

    identity::store& store_;
    identity::invitation_store& invitations_;
    directory::service& directory_;
    db::write_limits& limits_;
    identity::settings settings_;
    login_throttle& throttle_;
    session_cache sessions_;
    password_hasher& hasher_;
    two_factor_sign_in& second_factor_;
    revocation_listener on_revocation_;
};

bool is_valid_email(std::string_view email);
// A new password: at least min_password_length bytes, at most max_password_length.
void check_password(field_errors& errors, const std::string& field, const std::string& password);

} // namespace pswnet::identity
