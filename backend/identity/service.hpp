// Identity rules: signing in and out, sessions, invitations, members. No HTTP and no JSON here.
#pragma once

#include "core/audit_context.hpp"
#include "directory/service.hpp"
#include "identity/model.hpp"
#include "identity/rate_limiter.hpp"
#include "identity/session_cache.hpp"
#include "identity/store.hpp"

#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <functional>

namespace pswnet::identity {

struct settings {
    std::chrono::minutes session_idle{120};
    std::chrono::seconds session_lifetime{std::chrono::hours(24 * 14)};
    std::size_t max_failures_per_account = 5;
    std::size_t max_failures_per_address = 20;
    std::chrono::seconds failure_window{15 * 60};
    std::chrono::milliseconds session_cache_age{2000}; // 0 turns the cache off
};

class service {
public:
    service(identity::store& store, directory::service& directory, boost::asio::thread_pool& cpu,
            settings settings);

    awaitable<signed_in_session> login(credentials given, audit_context who, std::string user_agent);
    awaitable<void> logout(const principal& who, audit_context audit);
    awaitable<std::optional<principal>> authenticate(std::string token);
    awaitable<profile> me(const principal& who);

    // The accept link goes to the outbox and the log, built on link_origin (the service's public origin).
    awaitable<invitation> invite(const principal& who, invitation_request request, std::string link_origin,
                                 audit_context audit);
    awaitable<invitation_preview> preview_invitation(std::string token);
    awaitable<signed_in_session> accept_invitation(std::string token, acceptance given, audit_context audit,
                                                   std::string user_agent);

    awaitable<member_page> members(const principal& who, std::int64_t organisation_id, int limit,
                                   std::optional<std::int64_t> after_id);
    awaitable<user> set_disabled(const principal& who, std::int64_t user_id, bool disabled, audit_context audit);

    // For the command line: no caller to authorise.
    awaitable<std::int64_t> add_user(new_user user, audit_context audit);

    const identity::settings& settings() const noexcept { return settings_; }

    // Told when sessions end early (signing out: that session; disabling: every session of the user), so open
    // WebSockets of those sessions can be closed. Set once, before serving.
    using revocation_listener = std::function<void(std::int64_t user_id, std::optional<std::int64_t> session_id)>;
    void on_revocation(revocation_listener listener) { on_revocation_ = std::move(listener); }

private:
    awaitable<signed_in_session> open_session(std::int64_t user_id, audit_context audit, std::string user_agent);
    awaitable<directory::organisation_summary> organisation_of(std::int64_t organisation_id);
    template <class Fn>
    auto hash_off_thread(Fn work) -> awaitable<std::invoke_result_t<Fn&>>;

    identity::store& store_;
    directory::service& directory_;
    boost::asio::thread_pool& cpu_;
    identity::settings settings_;
    rate_limiter account_failures_;
    rate_limiter address_failures_;
    session_cache sessions_;
    std::string dummy_password_hash_;
    std::atomic<int> hashing_{0}; // argon2 jobs queued or running: bounded, each costs 64 MiB
    revocation_listener on_revocation_;
};

bool is_valid_email(std::string_view email);

} // namespace pswnet::identity
