// Notifications: the kinds and their defaults, and the words of each email in text and in HTML.
#include "notifications/email_content.hpp"
#include "notifications/kinds.hpp"
#include "notifications/model_json.hpp"

#include <gtest/gtest.h>

namespace pswnet::notifications {
namespace {

notice mention()
{
    return {"mention",
            {"thread", 7, "Supervision <ratios> & caseloads", "/discussions/7#post-9"},
            9,
            3,
            "Have you seen this, @Amira? We use <script>x</script> weekly."};
}

actor jo()
{
    return {3, "Jo Bloggs", {5, "Southwark", "LA210"}};
}

email_links links()
{
    return {"https://pswnet.example/discussions/7#post-9", "https://pswnet.example/settings/notifications",
            "https://pswnet.example/unsubscribe/tok"};
}

TEST(NotificationKinds, AddressedToMeGoAtOnceNetworkActivityWeekly)
{
    EXPECT_EQ(find_kind("mention")->default_delivery, delivery::immediate);
    EXPECT_EQ(find_kind("reply")->default_delivery, delivery::immediate);
    EXPECT_EQ(find_kind("audience_question")->default_delivery, delivery::immediate);
    EXPECT_EQ(find_kind("consultation_closing")->default_delivery, delivery::immediate);
    EXPECT_EQ(find_kind("announcement")->default_delivery, delivery::weekly);
    EXPECT_EQ(find_kind("resource_endorsed")->default_delivery, delivery::weekly);
    EXPECT_EQ(find_kind("nonsense"), nullptr);
    for (const auto& k : kinds())
        EXPECT_FALSE(k.label.empty()) << k.name;
}

TEST(NotificationKinds, DeliveryNamesRoundTrip)
{
    for (auto d : {delivery::immediate, delivery::daily, delivery::weekly, delivery::off})
        EXPECT_EQ(parse_delivery(to_string(d)), d);
    EXPECT_EQ(parse_delivery("hourly"), std::nullopt);
    EXPECT_EQ(parse_weekday("monday"), 1);
    EXPECT_EQ(parse_weekday("sunday"), 7);
    EXPECT_EQ(parse_weekday("Funday"), std::nullopt);
}

TEST(NotificationEmail, SaysWhatHappenedWithLinks)
{
    auto mail = notification_email(mention(), jo(), "Amira Khan", links(), true);
    EXPECT_EQ(mail.subject, "Jo Bloggs mentioned you in \u201cSupervision <ratios> & caseloads\u201d");
    EXPECT_NE(mail.text.find("Dear Amira Khan,"), std::string::npos);
    EXPECT_NE(mail.text.find("Jo Bloggs (Southwark) wrote:"), std::string::npos);
    EXPECT_NE(mail.text.find("https://pswnet.example/discussions/7#post-9"), std::string::npos);
    EXPECT_NE(mail.text.find("Reply to this email"), std::string::npos);
    EXPECT_NE(mail.text.find("Stop emails like this: https://pswnet.example/unsubscribe/tok"), std::string::npos);
}

TEST(NotificationEmail, HtmlEscapesEverythingPeopleWrote)
{
    auto mail = notification_email(mention(), jo(), "Amira <b>Khan</b>", links(), false);
    EXPECT_EQ(mail.html.find("<script>"), std::string::npos);
    EXPECT_EQ(mail.html.find("<b>Khan"), std::string::npos);
    EXPECT_NE(mail.html.find("&lt;script&gt;"), std::string::npos);
    EXPECT_NE(mail.html.find("Supervision &lt;ratios&gt; &amp; caseloads"), std::string::npos);
    EXPECT_NE(mail.html.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(mail.html.find("href=\"https://pswnet.example/unsubscribe/tok\""), std::string::npos);
    EXPECT_EQ(mail.text.find("Reply to this email"), std::string::npos) << "no reply address, no promise";
}

TEST(NotificationEmail, CutsLongExcerptsOnACharacterBoundary)
{
    auto n = mention();
    n.excerpt = std::string(1499, 'a') + "é and more";
    auto mail = notification_email(n, jo(), "Amira", links(), false);
    EXPECT_NE(mail.text.find(std::string(1499, 'a') + "\u2026"), std::string::npos);
}

TEST(DigestEmail, ListsSectionsWithLinks)
{
    auto mail =
        digest_email("weekly", "Amira",
                     {{"Discussions", {{"Jo replied to \u201cX\u201d", "https://pswnet.example/discussions/1"}}},
                      {"Consultations open to your authority",
                       {{"Pay review: no response yet, closes in 3 days", "https://pswnet.example/consultations/2"}}}},
                     links());
    EXPECT_EQ(mail.subject, "Your weekly PSW Network summary");
    EXPECT_NE(mail.text.find("Discussions\n-----------\n* Jo replied"), std::string::npos) << mail.text;
    EXPECT_NE(mail.html.find("<h2"), std::string::npos);
    EXPECT_NE(mail.html.find("href=\"https://pswnet.example/consultations/2\""), std::string::npos);
}

TEST(InvitationEmail, HoldsTheLinkAndNoUnsubscribe)
{
    auto mail = invitation_email("Southwark", "https://pswnet.example/invitations/tok");
    EXPECT_NE(mail.text.find("https://pswnet.example/invitations/tok"), std::string::npos);
    EXPECT_NE(mail.html.find("href=\"https://pswnet.example/invitations/tok\""), std::string::npos);
    EXPECT_EQ(mail.text.find("unsubscribe"), std::string::npos);
}

} // namespace
} // namespace pswnet::notifications
