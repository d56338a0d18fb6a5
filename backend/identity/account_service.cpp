#include "identity/account_service.hpp"

#include "core/crypto.hpp"
#include "core/text.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <spdlog/spdlog.h>

namespace pswnet::identity {
namespace {

constexpr std::string_view unusable_link = "This link has expired or has already been used. Ask for a new one.";

// Tokens are 43 characters; anything much longer is not one of ours and is not worth hashing.
bool plausible_token(const std::string& token)
{
    return !token.empty() && token.size() <= 200;
}

void log_reset_failure(const std::exception_ptr& failure)
{
    try {
        std::rethrow_exception(failure);
    } catch (const std::exception& e) {
        spdlog::warn("could not issue a password reset link: {}", e.what());
    } catch (...) {
        spdlog::warn("could not issue a password reset link");
    }
}

} // namespace

account_service::account_service(account_store& accounts, service& identity, password_hasher& hasher,
                                 login_throttle& throttle)
    : accounts_(accounts), identity_(identity), hasher_(hasher), throttle_(throttle)
{
}

awaitable<profile> account_service::update_profile(const principal& who, profile_update update, audit_context audit)
{
    co_await accounts_.update_profile(who.user_id, std::move(update), std::move(audit));
    co_return co_await identity_.me(who);
}

awaitable<void> account_service::check_current_password(const principal& who, std::string password,
                                                        const std::string& client_address)
{
    auto me = co_await identity_.me(who);
    auto keys = throttle_keys(me.user.email, client_address);
    if (auto wait = co_await throttle_.wait_for(keys)) {
        api_error e(errc::rate_limited,
                    "Too many wrong passwords. Try again in " + std::to_string(wait->count()) + " seconds.");
        e.retry_after_seconds = static_cast<int>(wait->count());
        throw e;
    }
    auto stored = co_await accounts_.password_hash(who.user_id);
    auto verification = hasher_.verify(std::move(stored), std::move(password));
    if (!co_await std::move(verification)) {
        co_await throttle_.record_failure(keys);
        throw api_error(errc::validation_failed, "Check your current password.",
                        {{"current_password", "is not your current password"}});
    }
    co_await throttle_.forget(keys.front().key);
}

awaitable<void> account_service::change_password(const principal& who, std::string current_password,
                                                 std::string new_password, audit_context audit)
{
    field_errors errors;
    check_password(errors, "new_password", new_password);
    errors.throw_if_any();
    co_await check_current_password(who, std::move(current_password), audit.client_address);
    auto hashing = hasher_.hash(std::move(new_password));
    auto hash = co_await std::move(hashing);
    auto ended = co_await accounts_.change_password(who.user_id, who.session_id, std::move(hash), std::move(audit));
    for (auto session_id : ended)
        identity_.sessions_ended(who.user_id, session_id);
}

awaitable<void> account_service::request_email_change(const principal& who, std::string new_email,
                                                      std::string current_password, audit_context audit)
{
    new_email = text::ascii_lower(text::trimmed(new_email));
    field_errors errors;
    if (!is_valid_email(new_email))
        errors.add("email", "must be an email address, like name@council.gov.uk");
    errors.throw_if_any();
    auto me = co_await identity_.me(who);
    if (new_email == me.user.email)
        throw api_error(errc::validation_failed, "This is already your email address.",
                        {{"email", "is already your email address"}});
    co_await check_current_password(who, std::move(current_password), audit.client_address);
    auto token = crypto::random_token();
    auto issued = co_await accounts_.issue_email_change(who.user_id, std::move(new_email), crypto::token_hash(token),
                                                        token, std::move(audit));
    if (issued == email_change_outcome::address_taken)
        throw api_error(errc::conflict, "Another account already uses this email address.");
}

awaitable<std::string> account_service::preview_email_change(std::string token)
{
    auto target = plausible_token(token)
                      ? co_await accounts_.find_link(crypto::token_hash(token), account_link::email_change)
                      : std::nullopt;
    if (!target)
        throw api_error(errc::not_found, std::string(unusable_link));
    co_return target->email;
}

awaitable<std::string> account_service::confirm_email_change(std::string token, audit_context audit)
{
    auto target = plausible_token(token)
                      ? co_await accounts_.confirm_email_change(crypto::token_hash(token), std::move(audit))
                      : std::nullopt;
    if (!target)
        throw api_error(errc::not_found, std::string(unusable_link));
    co_return target->email;
}

awaitable<std::vector<session_summary>> account_service::sessions(const principal& who)
{
    auto found = co_await accounts_.sessions(who.user_id, identity_.settings().session_idle);
    for (auto& s : found)
        s.current = s.id == who.session_id;
    co_return found;
}

awaitable<void> account_service::end_session(const principal& who, std::int64_t session_id, audit_context audit)
{
    if (!co_await accounts_.end_session(who.user_id, session_id, std::move(audit)))
        throw api_error(errc::not_found, "You have no session " + std::to_string(session_id) + ".");
    identity_.sessions_ended(who.user_id, session_id);
}

awaitable<void> account_service::end_all_sessions(const principal& who, audit_context audit)
{
    co_await accounts_.end_all_sessions(who.user_id, std::move(audit));
    identity_.sessions_ended(who.user_id, std::nullopt);
}

awaitable<void> account_service::request_password_reset(std::string email, audit_context audit)
{
    email = text::ascii_lower(text::trimmed(email));
    field_errors errors;
    if (!is_valid_email(email))
        errors.add("email", "must be an email address, like name@council.gov.uk");
    errors.throw_if_any();
    auto key = password_reset_key(audit.client_address);
    if (auto wait = co_await throttle_.wait_for({key})) {
        api_error e(errc::rate_limited, "Too many password reset requests from your address. Try again in " +
                                            std::to_string(wait->count()) + " seconds.");
        e.retry_after_seconds = static_cast<int>(wait->count());
        throw e;
    }
    co_await throttle_.record_failure({key});
    auto token = crypto::random_token();
    auto issuing = accounts_.issue_password_reset(std::move(email), crypto::token_hash(token), token, std::move(audit));
    if (resets_in_flight_.fetch_add(1) >= max_resets_in_flight) {
        struct done_waiting {
            std::atomic<int>& in_flight;
            ~done_waiting() { in_flight.fetch_sub(1); }
        } done{resets_in_flight_};
        co_await std::move(issuing);
        co_return;
    }
    boost::asio::co_spawn(co_await boost::asio::this_coro::executor, std::move(issuing),
                          [this](const std::exception_ptr& failure) {
                              resets_in_flight_.fetch_sub(1);
                              if (failure)
                                  log_reset_failure(failure);
                          });
}

awaitable<std::string> account_service::preview_password_reset(std::string token)
{
    auto target = plausible_token(token)
                      ? co_await accounts_.find_link(crypto::token_hash(token), account_link::password_reset)
                      : std::nullopt;
    if (!target)
        throw api_error(errc::not_found, std::string(unusable_link));
    co_return target->email;
}

awaitable<void> account_service::reset_password(std::string token, std::string new_password, audit_context audit)
{
    field_errors errors;
    check_password(errors, "password", new_password);
    errors.throw_if_any();
    auto email = co_await preview_password_reset(token); // 404 before spending time on hashing
    auto hashing = hasher_.hash(std::move(new_password));
    auto hash = co_await std::move(hashing);
    auto user_id = co_await accounts_.reset_password(crypto::token_hash(token), std::move(hash), std::move(audit));
    if (!user_id)
        throw api_error(errc::not_found, std::string(unusable_link));
    identity_.sessions_ended(*user_id, std::nullopt);
}

} // namespace pswnet::identity
