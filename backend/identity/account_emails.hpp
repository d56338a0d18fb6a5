// The emails identity sends about a person's own account: a password reset link, a confirmation link for a new
// address, and notices that the password or address changed or that a new device signed in. The notices show in the
// app too, and always go by email, whatever the notification settings: they are how a person learns that someone
// else is using their account.
// Links point at the service's public origin (--public-origin), never at a request's Host.
#pragma once

#include "notifications/notify.hpp"

#include <cstdint>
#include <string>

namespace pswnet::identity {

struct addressee {
    std::int64_t user_id = 0;
    std::string email;
    std::string name;
};

notifications::queued_email password_reset_message(const addressee& to, const std::string& token);
notifications::account_notice password_changed_notice(const addressee& to);
notifications::queued_email email_confirmation_message(const addressee& to, const std::string& new_email,
                                                       const std::string& token);
notifications::account_notice email_changed_notice(const addressee& old_address, const std::string& new_email);
notifications::account_notice new_sign_in_notice(const addressee& to, const std::string& device,
                                                 const std::string& client_address);
notifications::account_notice two_factor_on_notice(const addressee& to);
notifications::account_notice two_factor_off_notice(const addressee& to);
notifications::account_notice recovery_code_used_notice(const addressee& to, int codes_left);

} // namespace pswnet::identity
