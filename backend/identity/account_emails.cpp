#include "identity/account_emails.hpp"

#include "notifications/mail_settings.hpp"

namespace pswnet::identity {
namespace {

std::string link(const std::string& path)
{
    return notifications::current_mail_settings().origin + path;
}

const std::string not_you = "If this was not you, reset your password now and tell your organisation's administrator.";

notifications::queued_email message_to(const addressee& to, notifications::account_message content)
{
    content.recipient_name = to.name;
    notifications::queued_email email;
    email.user_id = to.user_id;
    email.recipient = to.email;
    email.recipient_name = to.name;
    email.kind = "account";
    email.content = notifications::account_email(content);
    return email;
}

} // namespace

notifications::queued_email password_reset_message(const addressee& to, const std::string& token)
{
    return message_to(to, {.subject = "Reset your PSW Network password",
                           .paragraphs = {"Someone asked to reset the password of your PSW Network account. If it "
                                          "was you, choose a new password within 1 hour."},
                           .action_link = link("/password-reset/" + token),
                           .action_text = "Choose a new password",
                           .closing = {"The link works once. If you did not ask, you can ignore this email: your "
                                       "password has not changed."}});
}

notifications::account_notice password_changed_notice(const addressee& to)
{
    return {"Your password was changed", "/account",
            message_to(to, {.subject = "Your PSW Network password was changed",
                            .paragraphs = {"The password of your PSW Network account has been changed, and every other "
                                           "place you were signed in has been signed out."},
                            .action_link = link("/password-reset"),
                            .action_text = "Reset your password",
                            .closing = {not_you}})};
}

notifications::queued_email email_confirmation_message(const addressee& to, const std::string& new_email,
                                                       const std::string& token)
{
    auto email = message_to(to, {.subject = "Confirm your new PSW Network email address",
                                 .paragraphs = {"You asked to use " + new_email +
                                                " for your PSW Network account. Confirm it within 24 hours."},
                                 .action_link = link("/confirm-email/" + token),
                                 .action_text = "Confirm your email address",
                                 .closing = {"Until you confirm it, emails keep going to your current address. If "
                                             "you did not ask, you can ignore this email."}});
    email.recipient = new_email;
    return email;
}

notifications::account_notice email_changed_notice(const addressee& old_address, const std::string& new_email)
{
    return {"Your email address was changed to " + new_email, "/account",
            message_to(old_address, {.subject = "Your PSW Network email address was changed",
                                     .paragraphs = {"Your PSW Network account now uses " + new_email +
                                                    ". Emails from PSW Network will go there, not here."},
                                     .closing = {"If this was not you, tell your organisation's administrator now."}})};
}

notifications::account_notice new_sign_in_notice(const addressee& to, const std::string& device,
                                                 const std::string& client_address)
{
    std::string where = client_address.empty() ? "" : " from the address " + client_address;
    return {"A new sign-in to your account: " + device, "/account/sessions",
            message_to(to, {.subject = "A new sign-in to your PSW Network account",
                            .paragraphs = {"Your PSW Network account was signed in to on a device it has not been used "
                                           "on before: " +
                                           device + where + "."},
                            .action_link = link("/account/sessions"),
                            .action_text = "See where you are signed in",
                            .closing = {"If this was you, there is nothing to do. " + not_you}})};
}

notifications::account_notice two_factor_on_notice(const addressee& to)
{
    return {"Two-factor authentication was turned on", "/account/two-factor",
            message_to(to, {.subject = "Two-factor authentication is on for your PSW Network account",
                            .paragraphs = {"Signing in to your PSW Network account now needs a code from your "
                                           "authenticator app, as well as your password.",
                                           "Keep your recovery codes somewhere safe: each one signs you in once if "
                                           "you lose your phone."},
                            .closing = {not_you}})};
}

notifications::account_notice two_factor_off_notice(const addressee& to)
{
    return {"Two-factor authentication was turned off", "/account/two-factor",
            message_to(to, {.subject = "Two-factor authentication is off for your PSW Network account",
                            .paragraphs = {"Signing in to your PSW Network account no longer needs a code from an "
                                           "authenticator app. Your recovery codes no longer work."},
                            .action_link = link("/account/two-factor"),
                            .action_text = "Turn two-factor authentication on again",
                            .closing = {not_you}})};
}

notifications::account_notice recovery_code_used_notice(const addressee& to, int codes_left)
{
    auto left = std::to_string(codes_left) + (codes_left == 1 ? " recovery code" : " recovery codes");
    return {"A recovery code was used to sign in: " + left + " left", "/account/two-factor",
            message_to(to, {.subject = "A recovery code was used to sign in to PSW Network",
                            .paragraphs = {"Someone signed in to your PSW Network account with one of your recovery "
                                           "codes instead of a code from your authenticator app. You have " +
                                           left + " left."},
                            .action_link = link("/account/two-factor"),
                            .action_text = "Get new recovery codes",
                            .closing = {not_you}})};
}

} // namespace pswnet::identity
