// Mail: MIME written with GMime and read back with it, replies stripped of what mail clients add, and machine-
// written mail told apart.
#include "mail/incoming.hpp"
#include "mail/message.hpp"
#include "mail/reply_text.hpp"
#include "mail/transport.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace pswnet::mail {
namespace {

outgoing_message sample()
{
    outgoing_message m;
    m.from = {"PSW Network", "no-reply@pswnet.example"};
    m.to = {"Amira Khan", "amira.khan@southwark.example"};
    m.subject = "Jo Bloggs replied to \u201cSupervision ratios\u201d";
    m.text = "Dear Amira,\n\n.\nA line that is only a dot, and £10.\n";
    m.html = "<p>Dear Amira,</p>";
    m.message_id = "<abc123@pswnet.example>";
    m.reply_to = "reply+0123456789abcdef0123456789abcdef@reply.pswnet.example";
    m.in_reply_to = "<thread-7@pswnet.example>";
    m.unsubscribe_url = "https://pswnet.example/api/v1/unsubscribe/tok";
    m.date = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
    return m;
}

std::string header_block(const std::string& mime)
{
    return mime.substr(0, mime.find("\r\n\r\n"));
}

TEST(MimeMessage, HasTheHeadersMailClientsRelyOn)
{
    auto mime = render_mime(sample());
    auto headers = header_block(mime);
    EXPECT_NE(headers.find("From: PSW Network <no-reply@pswnet.example>"), std::string::npos) << headers;
    EXPECT_NE(headers.find("To: Amira Khan <amira.khan@southwark.example>"), std::string::npos);
    EXPECT_NE(headers.find("Reply-To: reply+0123456789abcdef0123456789abcdef@reply.pswnet.example"), std::string::npos);
    EXPECT_NE(headers.find("Message-Id: <abc123@pswnet.example>"), std::string::npos) << headers;
    EXPECT_NE(headers.find("In-Reply-To: <thread-7@pswnet.example>"), std::string::npos);
    EXPECT_NE(headers.find("References: <thread-7@pswnet.example>"), std::string::npos);
    EXPECT_NE(headers.find("List-Unsubscribe: <https://pswnet.example/api/v1/unsubscribe/tok>"), std::string::npos);
    EXPECT_NE(headers.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), std::string::npos);
    EXPECT_NE(headers.find("Auto-Submitted: auto-generated"), std::string::npos);
    EXPECT_NE(headers.find("multipart/alternative"), std::string::npos);
    // RFC 2047: the curly quotes never appear raw in a header.
    EXPECT_NE(headers.find("Subject: Jo Bloggs replied to =?UTF-8?"), std::string::npos) << headers;
    EXPECT_EQ(headers.find("\u201c"), std::string::npos);
    // Every line ends in CRLF.
    for (std::size_t at = mime.find('\n'); at != std::string::npos; at = mime.find('\n', at + 1))
        ASSERT_EQ(mime[at - 1], '\r');
}

TEST(MimeMessage, ReadsBackAsWritten)
{
    auto in = parse_incoming(render_mime(sample()));
    EXPECT_EQ(in.subject, sample().subject);
    EXPECT_EQ(in.from_address, "no-reply@pswnet.example");
    EXPECT_EQ(in.message_id, "<abc123@pswnet.example>");
    EXPECT_NE(in.text.find("£10"), std::string::npos);
    EXPECT_TRUE(in.automatic) << "our own emails are auto-generated";
}

TEST(MimeMessage, NoHeaderInjectionThroughNames)
{
    auto m = sample();
    m.to.name = "Amira\r\nBcc: someone@evil.example";
    m.subject = "Title\r\nBcc: someone@evil.example";
    auto headers = header_block(render_mime(m));
    EXPECT_EQ(headers.find("\r\nBcc:"), std::string::npos) << headers;
}

TEST(Mailbox, ParsesNameAndAddress)
{
    auto box = parse_mailbox("PSW Network <no-reply@pswnet.example>");
    EXPECT_EQ(box.name, "PSW Network");
    EXPECT_EQ(box.address, "no-reply@pswnet.example");
    EXPECT_EQ(parse_mailbox("a@b.example").address, "a@b.example");
    EXPECT_THROW(parse_mailbox("not an address"), std::invalid_argument);
    EXPECT_THROW(parse_mailbox("Name <@>"), std::invalid_argument);
}

TEST(MessageId, IsUniqueInTheSendersDomain)
{
    auto a = new_message_id("no-reply@pswnet.example");
    auto b = new_message_id("no-reply@pswnet.example");
    EXPECT_NE(a, b);
    EXPECT_TRUE(a.starts_with("<"));
    EXPECT_TRUE(a.ends_with("@pswnet.example>"));
}

std::string incoming(const std::string& headers, const std::string& body)
{
    return "From: Amira Khan <Amira.Khan@Southwark.example>\r\nTo: reply+abc@reply.example\r\nSubject: Re: x\r\n" +
           headers + "\r\n" + body;
}

TEST(IncomingMessage, TellsMachinesFromPeople)
{
    EXPECT_FALSE(parse_incoming(incoming("", "Thanks")).automatic);
    EXPECT_FALSE(parse_incoming(incoming("Auto-Submitted: no\r\n", "Thanks")).automatic);
    EXPECT_TRUE(parse_incoming(incoming("Auto-Submitted: auto-replied\r\n", "Out of office")).automatic);
    EXPECT_TRUE(parse_incoming(incoming("Precedence: bulk\r\n", "x")).automatic);
    EXPECT_TRUE(parse_incoming(incoming("Return-Path: <>\r\n", "x")).automatic);
    EXPECT_TRUE(parse_incoming(incoming("X-Autoreply: yes\r\n", "x")).automatic);
}

TEST(IncomingMessage, ListsRecipientsAndSenderInLowerCase)
{
    auto in = parse_incoming(incoming("Delivered-To: Reply+ABC@Reply.example\r\nCc: c@d.example\r\n", "Thanks"));
    EXPECT_EQ(in.from_address, "amira.khan@southwark.example");
    EXPECT_NE(std::find(in.recipients.begin(), in.recipients.end(), "reply+abc@reply.example"), in.recipients.end());
    EXPECT_NE(std::find(in.recipients.begin(), in.recipients.end(), "c@d.example"), in.recipients.end());
}

TEST(IncomingMessage, PrefersPlainTextAndConvertsHtmlOtherwise)
{
    auto html_only = incoming("MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n",
                              "<div>We use <b>three</b> &amp; more.</div><blockquote>quoted</blockquote>");
    EXPECT_EQ(parse_incoming(html_only).text, "We use three & more.");
    auto both = incoming("MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b\"\r\n",
                         "--b\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
                         "plain\r\n--b--\r\n");
    EXPECT_EQ(parse_incoming(both).text.substr(0, 5), "plain");
}

TEST(IncomingMessage, RefusesWhatIsNotAMessage)
{
    EXPECT_THROW(parse_incoming(""), std::invalid_argument);
}

TEST(ReplyText, KeepsOnlyWhatThePersonWrote)
{
    EXPECT_EQ(new_text_of_reply("We do it weekly.\n\nOn Tue, 1 Dec 2026 at 09:00, PSW Network <no-reply@x> wrote:\n> "
                                "old text\n"),
              "We do it weekly.");
    EXPECT_EQ(new_text_of_reply("Yes.\r\n> quoted\r\nMore.\r\n"), "Yes.\nMore.");
    EXPECT_EQ(new_text_of_reply("Thanks\n-- \nJo Bloggs\nPrincipal Social Worker\n"), "Thanks");
    EXPECT_EQ(new_text_of_reply("Agreed\n\n-----Original Message-----\nFrom: x\n"), "Agreed");
    EXPECT_EQ(new_text_of_reply("Agreed\n________________________________\nFrom: PSW Network <no-reply@x>\n"),
              "Agreed");
    EXPECT_EQ(new_text_of_reply("> all quoted\n"), "");
}

TEST(ReplyText, HtmlBecomesText)
{
    EXPECT_EQ(html_to_text("<p>One</p><p>Two<br>Three</p>"), "One\nTwo\nThree");
    EXPECT_EQ(html_to_text("<style>p{color:red}</style><div>A &lt;b&gt;</div>"), "A <b>");
}

TEST(FileTransport, WritesOneFilePerMessageId)
{
    auto folder = std::filesystem::temp_directory_path() / ("pswnet-mail-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    auto files = file_transport(folder);
    envelope message{"a@b.example", "c@d.example", "<id-1@b.example>", "Subject: x\r\n\r\nbody\r\n"};
    EXPECT_EQ(files->deliver(message).outcome, delivery_outcome::delivered);
    EXPECT_EQ(files->deliver(message).outcome, delivery_outcome::delivered); // sent again: replaces itself
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        ++count;
        EXPECT_EQ(entry.path().extension(), ".eml");
        std::ifstream in(entry.path());
        std::stringstream content;
        content << in.rdbuf();
        EXPECT_EQ(content.str(), message.content);
    }
    EXPECT_EQ(count, 1);
    std::filesystem::remove_all(folder);
}

TEST(SmtpTransport, RefusesOtherSchemesAndHidesPasswords)
{
    EXPECT_THROW(smtp_transport("http://mail.example", std::chrono::seconds(5)), std::invalid_argument);
    EXPECT_EQ(without_credentials("smtp://user:secret@mail.example:587"), "smtp://mail.example:587");
    EXPECT_EQ(smtp_transport("smtps://user:secret@mail.example", std::chrono::seconds(5))->description(),
              "smtps://mail.example");
}

TEST(SmtpTransport, ConnectionRefusedIsTemporary)
{
    // Port 1 on the loopback: nothing listens there.
    auto smtp = smtp_transport("smtp://127.0.0.1:1", std::chrono::seconds(5));
    auto result = smtp->deliver({"a@b.example", "c@d.example", "<x@b>", "Subject: x\r\n\r\nbody\r\n"});
    EXPECT_EQ(result.outcome, delivery_outcome::temporary_failure) << result.detail;
}

} // namespace
} // namespace pswnet::mail
