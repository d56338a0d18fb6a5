// Account self-service, the parts without a database: what a session's device is called, the device cookie, and
// the words and links of the account emails.
#include "identity/account_emails.hpp"
#include "identity/device_name.hpp"
#include "net/session_cookie.hpp"
#include "notifications/mail_settings.hpp"

#include <gtest/gtest.h>

namespace pswnet::identity {
namespace {

TEST(DeviceName, NamesTheBrowserAndSystemPeopleRecognise)
{
    EXPECT_EQ(device_name("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                          "Chrome/120.0.0.0 Safari/537.36"),
              "Chrome on Windows");
    EXPECT_EQ(device_name("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                          "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0"),
              "Edge on Windows");
    EXPECT_EQ(device_name("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
                          "Gecko) Version/17.1 Mobile/15E148 Safari/604.1"),
              "Safari on iPhone");
    EXPECT_EQ(device_name("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:120.0) Gecko/20100101 Firefox/120.0"),
              "Firefox on macOS");
    EXPECT_EQ(device_name("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"),
              "Chrome on Android");
}

TEST(DeviceName, SaysSoWhenItCannotTell)
{
    EXPECT_EQ(device_name(""), "Unknown device");
    EXPECT_EQ(device_name("curl/7.88.1"), "Another program");
    EXPECT_EQ(device_name("SomeBrowser (X11; Linux x86_64)"), "Unknown browser on Linux");
}

TEST(DeviceCookie, IsReadUnderEitherNameAndIgnoredWhenImplausible)
{
    request req;
    std::string token(43, 'd');
    req.set(http::field::cookie, "theme=dark; __Host-pswnet_device=" + token);
    EXPECT_EQ(device_token(req), token);
    req.set(http::field::cookie, "pswnet_device=" + token);
    EXPECT_EQ(device_token(req), token);
    req.set(http::field::cookie, "pswnet_device=short");
    EXPECT_FALSE(device_token(req));
    req.set(http::field::cookie, "pswnet_device=" + std::string(101, 'x'));
    EXPECT_FALSE(device_token(req));

    auto secure = device_cookie(token, true);
    EXPECT_EQ(secure.rfind("__Host-pswnet_device=" + token + ";", 0), 0U);
    EXPECT_NE(secure.find("HttpOnly"), std::string::npos);
    EXPECT_NE(secure.find("Secure"), std::string::npos);
    EXPECT_EQ(device_cookie(token, false).find("Secure"), std::string::npos);
}

class AccountEmails : public ::testing::Test {
protected:
    void SetUp() override
    {
        notifications::mail_settings settings;
        settings.origin = "https://psw.example";
        notifications::configure_mail(settings);
    }
    void TearDown() override { notifications::configure_mail({}); }

    const addressee rowan{7, "rowan@council.example", "Rowan <Ashdown>"};
};

TEST_F(AccountEmails, AResetLinkPointsAtThePublicOriginAndSaysHowLongItWorks)
{
    auto email = password_reset_message(rowan, "tok123");
    EXPECT_EQ(email.recipient, "rowan@council.example");
    EXPECT_EQ(email.user_id, 7);
    EXPECT_EQ(email.kind, "account");
    EXPECT_FALSE(email.unsubscribe_url) << "account emails always go";
    EXPECT_NE(email.content.text.find("https://psw.example/password-reset/tok123"), std::string::npos);
    EXPECT_NE(email.content.text.find("1 hour"), std::string::npos);
    EXPECT_NE(email.content.html.find("href=\"https://psw.example/password-reset/tok123\""), std::string::npos);
    EXPECT_NE(email.content.html.find("Rowan &lt;Ashdown&gt;"), std::string::npos) << "names are escaped";
    EXPECT_EQ(email.content.html.find("Rowan <Ashdown>"), std::string::npos);
}

TEST_F(AccountEmails, AConfirmationGoesToTheNewAddressAndTheNoticeToTheOld)
{
    auto confirm = email_confirmation_message(rowan, "rowan@new.example", "tok9");
    EXPECT_EQ(confirm.recipient, "rowan@new.example");
    EXPECT_NE(confirm.content.text.find("https://psw.example/confirm-email/tok9"), std::string::npos);
    auto notice = email_changed_notice(rowan, "rowan@new.example");
    EXPECT_EQ(notice.email.recipient, "rowan@council.example");
    EXPECT_NE(notice.email.content.text.find("rowan@new.example"), std::string::npos);
    EXPECT_EQ(notice.title, "Your email address was changed to rowan@new.example");
    EXPECT_EQ(notice.link, "/account");
}

TEST_F(AccountEmails, ANewSignInNamesTheDeviceAndWhereToSeeSessions)
{
    auto notice = new_sign_in_notice(rowan, "Firefox on Linux", "203.0.113.9");
    EXPECT_NE(notice.email.content.text.find("Firefox on Linux from the address 203.0.113.9"), std::string::npos);
    EXPECT_NE(notice.email.content.text.find("https://psw.example/account/sessions"), std::string::npos);
    EXPECT_EQ(notice.title, "A new sign-in to your account: Firefox on Linux");
    EXPECT_EQ(notice.link, "/account/sessions");
    EXPECT_EQ(new_sign_in_notice(rowan, "Unknown device", "").email.content.text.find("from the address"),
              std::string::npos);
}

} // namespace
} // namespace pswnet::identity
