// Identity rules. Password hashing runs on the CPU pool; the database on its own pool; neither on I/O threads.
#include "identity/service.hpp"

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "identity/account_emails.hpp"
#include "identity/device_name.hpp"
#include "identity/policy.hpp"
#include "identity/sign_in_policy.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace pswnet::identity {
namespace {

constexpr db::write_limit invitation_writes{"invitation", 50, std::chrono::hours(1), "invitations"};

notifications::queued_email invitation_message(const std::string& email, const std::string& organisation,
                                               const std::string& link)
{
    notifications::queued_email message;
    message.recipient = email;
    message.kind = "invitation";
    message.content = notifications::invitation_email(organisation, link);
    return message;
}

} // namespace

void check_password(field_errors& errors, const std::string& field, const std::string& password)
{
    if (password.size() < min_password_length)
        errors.add(field, "must be at least " + std::to_string(min_password_length) + " characters");
    else if (password.size() > max_password_length)
        errors.add(field, "must be at most " + std::to_string(max_password_length) + " characters");
}

bool is_valid_email(std::string_view email)
{
    if (email.size() < 3 || email.size() > 254)
        return false;
    auto at = email.find('@');
    if (at == 0 || at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos)
        return false;
    auto domain = email.substr(at + 1);
    auto dot = domain.find('.');
    if (dot == 0 || dot == std::string_view::npos || domain.back() == '.')
        return false;
    return std::none_of(email.begin(), email.end(),
                        [](unsigned char c) { return c <= ' ' || c == '<' || c == '>' || c == '"' || c == 0x7f; });
}

service::service(identity::store& store, identity::invitation_store& invitations, directory::service& directory,
                 password_hasher& hasher, db::write_limits& limits, login_throttle& throttle,
                 two_factor_sign_in& second_factor, identity::settings settings)
    : store_(store), invitations_(invitations), directory_(directory), limits_(limits), settings_(settings),
      throttle_(throttle), sessions_(settings.session_cache_age, 100'000), hasher_(hasher),
      second_factor_(second_factor)
{
}

awaitable<signed_in_session> service::login(credentials given, audit_context who, client_device device)
{
    auto record = co_await verified_login(given, who);
    auto recovery_codes = co_await second_factor_.check(record.user_id, std::move(given.code), who);
    auto session = co_await open_session(record.user_id, std::move(who), std::move(device));
    session.recovery_codes = std::move(recovery_codes);
    co_return session;
}

awaitable<authenticator_setup> service::begin_two_factor_setup(credentials given, audit_context who)
{
    auto record = co_await verified_login(given, who);
    co_return co_await second_factor_.begin_setup(record.user_id, text::ascii_lower(text::trimmed(given.email)),
                                                  std::move(who));
}

awaitable<login_record> service::verified_login(const credentials& given, const audit_context& who)
{
    auto email = text::ascii_lower(text::trimmed(given.email));
    auto keys = throttle_keys(email, who.client_address);
    if (auto wait = co_await throttle_.wait_for(keys)) {
        api_error e(errc::rate_limited, "Too many failed sign-in attempts from here. Try again in " +
                                            std::to_string(wait->count()) + " seconds.");
        e.retry_after_seconds = static_cast<int>(wait->count());
        throw e;
    }

    auto record = co_await store_.find_login(email);
    auto verification = hasher_.verify(record ? std::optional(record->password_hash) : std::nullopt, given.password);
    bool password_ok = co_await std::move(verification);
    if (!record || !password_ok || record->disabled) {
        co_await throttle_.record_failure(keys);
        co_await store_.record_failed_login(email, who);
        throw api_error(errc::invalid_credentials, "Check your email address and password and try again.");
    }
    co_await throttle_.forget(keys.front().key);
    if (record->single_sign_on_required) {
        api_error e(errc::invalid_credentials, "Your organisation requires you to sign in with your council account.");
        e.type = single_sign_on_required_type;
        e.title = "Sign in with your council account";
        throw e;
    }
    co_return std::move(*record);
}

awaitable<signed_in_session> service::sign_in_by_provider(std::int64_t user_id, std::int64_t provider_id,
                                                          audit_context audit, client_device device)
{
    co_return co_await open_session(user_id, std::move(audit), std::move(device), provider_id);
}

awaitable<signed_in_session> service::open_session(std::int64_t user_id, audit_context audit, client_device device,
                                                   std::optional<std::int64_t> provider_id)
{
    auto user = co_await store_.find_user(user_id);
    if (!user)
        throw api_error(errc::internal, "The new session's user disappeared.");
    signed_in_session session;
    session.token = crypto::random_token();
    auto notice = new_sign_in_notice({user->id, user->email, user->display_name}, device_name(device.user_agent),
                                     audit.client_address);
    session.expires_at = co_await store_.create_session(
        {user_id, crypto::token_hash(session.token), settings_.session_lifetime, std::move(device.user_agent),
         crypto::token_hash(device.token), std::move(notice), provider_id},
        std::move(audit));
    session.profile = {*user, co_await organisation_of(user->organisation_id)};
    co_return session;
}

awaitable<std::optional<std::int64_t>> service::logout(const principal& who, audit_context audit)
{
    sessions_.forget_session(who.session_id);
    auto provider_id = co_await store_.revoke_session(who.session_id, std::move(audit));
    sessions_.forget_session(who.session_id); // a request that raced the revocation may have cached it again
    if (on_revocation_)
        on_revocation_(who.user_id, who.session_id);
    co_return provider_id;
}

awaitable<std::optional<principal>> service::authenticate(std::string token)
{
    if (token.empty() || token.size() > 200)
        co_return std::nullopt;
    auto hash = crypto::token_hash(token);
    if (auto cached = sessions_.find(hash))
        co_return cached;
    auto found = co_await store_.authenticate(hash, settings_.session_idle);
    if (found)
        sessions_.remember(hash, *found);
    co_return found;
}

void service::forget_revoked(std::int64_t user_id, std::optional<std::int64_t> session_id)
{
    if (session_id)
        sessions_.forget_session(*session_id);
    else
        sessions_.forget_user(user_id);
}

void service::sessions_ended(std::int64_t user_id, std::optional<std::int64_t> session_id)
{
    forget_revoked(user_id, session_id);
    if (on_revocation_)
        on_revocation_(user_id, session_id);
}

awaitable<bool> service::still_signed_in(std::string token)
{
    if (token.empty() || token.size() > 200)
        co_return false;
    co_return (co_await store_.authenticate(crypto::token_hash(token), settings_.session_idle, false)).has_value();
}

awaitable<std::optional<principal>> service::acting_as(std::int64_t user_id)
{
    co_return co_await store_.principal_of(user_id);
}

awaitable<profile> service::me(const principal& who)
{
    auto user = co_await store_.find_user(who.user_id);
    if (!user)
        throw api_error(errc::unauthenticated, "Your account no longer exists.");
    co_return profile{*user, co_await organisation_of(user->organisation_id)};
}

awaitable<organisation_ref> service::organisation_of(std::int64_t organisation_id)
{
    auto organisation = co_await directory_.find(organisation_id);
    if (!organisation)
        throw api_error(errc::internal, "A user's organisation is missing.");
    co_return organisation_ref{organisation->id, organisation->name, organisation->code};
}

awaitable<invitation> service::invite(const principal& who, invitation_request request, std::string link_origin,
                                      audit_context audit)
{
    request.email = text::ascii_lower(text::trimmed(request.email));
    field_errors errors;
    if (!is_valid_email(request.email))
        errors.add("email", "must be an email address, like name@council.gov.uk");
    if (request.roles.empty())
        errors.add("roles", "must name at least one role");
    errors.throw_if_any();

    auto organisation = co_await directory_.find(request.organisation_id);
    if (!organisation)
        throw api_error(errc::validation_failed, "Some fields are not valid",
                        {{"organisation_id", "is not an organisation in the directory"}});
    if (!policy::may_manage_members(who, request.organisation_id))
        throw api_error(errc::forbidden, "You can only invite people to your own organisation.");
    if (!policy::may_grant(who, request.roles))
        throw api_error(errc::forbidden, "Only network administrators can give those roles.");
    if (co_await store_.email_taken(request.email))
        throw api_error(errc::conflict, "Someone with this email address already has an account.");

    co_await limits_.take(who.user_id, invitation_writes);
    auto token = crypto::random_token();
    auto message = invitation_message(request.email, organisation->name, link_origin + "/invitations/" + token);
    auto created = co_await invitations_.create_invitation(std::move(request), crypto::token_hash(token),
                                                           invitation_lifetime, std::move(message), std::move(audit));
    // The link is a credential: it goes only by email, never to the log.
    spdlog::info("invitation {} to {} is in the outbox", created.id, organisation->name);
    co_return created;
}

awaitable<invitation_preview> service::preview_invitation(std::string token)
{
    auto stored = token.size() > 200 ? std::nullopt : co_await invitations_.find_invitation(crypto::token_hash(token));
    if (!stored)
        throw api_error(errc::not_found, "This invitation link is not valid.");
    if (stored->state != invitation_state::usable)
        throw api_error(errc::gone, unusable_reason(stored->state));
    const auto& i = stored->details;
    co_return invitation_preview{i.email, co_await organisation_of(i.organisation_id), i.sector, i.roles, i.expires_at};
}

awaitable<signed_in_session> service::accept_invitation(std::string token, acceptance given, audit_context audit,
                                                        client_device device)
{
    auto display_name = text::trimmed(given.display_name);
    field_errors errors;
    if (display_name.empty() || display_name.size() > 100)
        errors.add("display_name", "must be from 1 to 100 characters");
    check_password(errors, "password", given.password);
    errors.throw_if_any();
    co_await preview_invitation(token); // 404 or 410 before spending time on hashing

    auto hashing = hasher_.hash(std::move(given.password));
    auto password_hash = co_await std::move(hashing);
    auto user_id = co_await invitations_.accept_invitation(crypto::token_hash(token), display_name,
                                                           std::move(password_hash), audit);
    // With no grace period, a role that requires two-factor must set it up before its first session.
    co_await second_factor_.check(user_id, std::nullopt, audit);
    co_return co_await open_session(user_id, std::move(audit), std::move(device));
}

awaitable<std::vector<invitation>> service::pending_invitations(const principal& who, std::int64_t organisation_id)
{
    if (!co_await directory_.find(organisation_id))
        throw api_error(errc::not_found, "There is no organisation " + std::to_string(organisation_id) + ".");
    if (!policy::may_manage_members(who, organisation_id))
        throw api_error(errc::forbidden, "Only this organisation's administrators can see its invitations.");
    co_return co_await invitations_.pending(organisation_id);
}

// An invitation the caller may send again or withdraw: their organisation's, for roles they may give themselves
// (an organisation administrator cannot undo a network administrator's invitation of a moderator).
awaitable<invitation> service::manageable_invitation(const principal& who, std::int64_t organisation_id,
                                                     std::int64_t invitation_id)
{
    auto stored = co_await invitations_.find(invitation_id);
    if (!stored || stored->details.organisation_id != organisation_id ||
        !policy::may_manage_members(who, organisation_id))
        throw api_error(errc::not_found, "There is no invitation " + std::to_string(invitation_id) + " here.");
    if (!policy::may_grant(who, stored->details.roles))
        throw api_error(errc::forbidden, "Only network administrators can change an invitation to those roles.");
    if (stored->state == invitation_state::accepted || stored->state == invitation_state::revoked)
        throw api_error(errc::conflict, unusable_reason(stored->state));
    co_return stored->details;
}

awaitable<invitation> service::resend_invitation(const principal& who, std::int64_t organisation_id,
                                                 std::int64_t invitation_id, std::string link_origin,
                                                 audit_context audit)
{
    auto current = co_await manageable_invitation(who, organisation_id, invitation_id);
    co_await limits_.take(who.user_id, invitation_writes);
    auto organisation = co_await organisation_of(organisation_id);
    auto token = crypto::random_token();
    auto message = invitation_message(current.email, organisation.name, link_origin + "/invitations/" + token);
    auto renewed = co_await invitations_.renew(invitation_id, crypto::token_hash(token), invitation_lifetime,
                                               std::move(message), std::move(audit));
    if (!renewed)
        throw api_error(errc::conflict, "This invitation was accepted or withdrawn meanwhile.");
    spdlog::info("invitation {} to {} is in the outbox again", invitation_id, organisation.name);
    co_return *renewed;
}

awaitable<void> service::revoke_invitation(const principal& who, std::int64_t organisation_id,
                                           std::int64_t invitation_id, audit_context audit)
{
    co_await manageable_invitation(who, organisation_id, invitation_id);
    if (!co_await invitations_.revoke(invitation_id, std::move(audit)))
        throw api_error(errc::conflict, "This invitation was accepted or withdrawn meanwhile.");
}

awaitable<member_page> service::members(const principal& who, std::int64_t organisation_id, int limit,
                                        std::optional<std::int64_t> after_id)
{
    if (!co_await directory_.find(organisation_id))
        throw api_error(errc::not_found, "There is no organisation " + std::to_string(organisation_id) + ".");
    if (!policy::may_manage_members(who, organisation_id))
        throw api_error(errc::forbidden, "Only this organisation's administrators can see its members.");
    co_return co_await store_.members(organisation_id, limit, after_id);
}

awaitable<user> service::set_disabled(const principal& who, std::int64_t user_id, bool disabled, audit_context audit)
{
    auto target = co_await store_.find_user(user_id);
    if (!target)
        throw api_error(errc::not_found, "There is no user " + std::to_string(user_id) + ".");
    if (!policy::may_manage_members(who, target->organisation_id))
        throw api_error(errc::forbidden, "Only this person's organisation administrators can change their account.");
    if (!policy::may_change_account(who, target->organisation_id, target->roles))
        throw api_error(errc::forbidden,
                        "Only network administrators can change the account of someone who holds a network role "
                        "(moderator, Chief Social Worker's office, network administrator).");
    if (user_id == who.user_id)
        throw api_error(errc::validation_failed, "You cannot disable your own account.",
                        {{"disabled", "cannot be changed for your own account"}});
    auto updated = co_await store_.set_disabled(user_id, disabled, std::move(audit));
    sessions_.forget_user(user_id);
    if (disabled && on_revocation_)
        on_revocation_(user_id, std::nullopt);
    co_return updated;
}

awaitable<std::int64_t> service::add_user(new_user user, audit_context audit)
{
    user.email = text::ascii_lower(text::trimmed(user.email));
    field_errors errors;
    if (!is_valid_email(user.email))
        errors.add("email", "must be an email address");
    if (user.display_name.empty() || user.display_name.size() > 100)
        errors.add("display_name", "must be from 1 to 100 characters");
    if (user.roles.empty())
        errors.add("roles", "must name at least one role");
    check_password(errors, "password", user.password);
    errors.throw_if_any();
    if (co_await store_.email_taken(user.email))
        throw api_error(errc::conflict, "Someone with this email address already has an account.");
    auto hashing = hasher_.hash(user.password);
    auto hash = co_await std::move(hashing);
    co_return co_await store_.create_user(std::move(user), std::move(hash), std::move(audit));
}

} // namespace pswnet::identity
