// Sentences match the web client's notifications page, so that an email and the app say the same thing.
#include "notifications/email_content.hpp"

#include "core/text.hpp"

namespace pswnet::notifications {
namespace {

constexpr std::size_t max_excerpt_bytes = 1500;

std::string quoted(const std::string& title)
{
    return "\u201c" + title + "\u201d";
}

std::string paragraphs_html(const std::string& text)
{
    std::string html;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find("\n\n", start);
        auto paragraph = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!text::blank(paragraph)) {
            std::string escaped = html_escape(paragraph);
            std::string with_breaks;
            for (char c : escaped)
                with_breaks += c == '\n' ? std::string("<br>") : std::string(1, c);
            html += "<p style=\"margin:0 0 20px 0\">" + with_breaks + "</p>\n";
        }
        if (end == std::string::npos)
            break;
        start = end + 2;
    }
    return html;
}

std::string link_html(const std::string& href, const std::string& text)
{
    return "<a href=\"" + html_escape(href) + "\" style=\"color:#1d70b8\">" + html_escape(text) + "</a>";
}

// One column, system font, 19px body: GOV.UK Notify's plain layout, readable on a phone and by a screen reader.
std::string page_html(const std::string& title, const std::string& body, const std::string& footer)
{
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
           html_escape(title) +
           "</title></head>\n"
           "<body style=\"margin:0;padding:0;font-family:Helvetica,Arial,sans-serif;font-size:19px;line-height:1.3;"
           "color:#0b0c0c;background:#ffffff\">\n"
           "<div style=\"max-width:580px;margin:0 auto;padding:20px\">\n"
           "<p style=\"margin:0 0 20px 0;padding-bottom:10px;border-bottom:10px solid #1d70b8;font-weight:bold\">"
           "PSW Network</p>\n" +
           body + footer + "</div>\n</body></html>\n";
}

std::string footer_html(const email_links& links, const std::string& why)
{
    return "<hr style=\"border:0;border-top:1px solid #b1b4b6;margin:30px 0 20px 0\">\n"
           "<p style=\"margin:0 0 15px 0;font-size:16px;color:#505a5f\">" +
           html_escape(why) + " " + link_html(links.settings, "Change your notification settings") + ". " +
           link_html(links.unsubscribe, "Stop emails like this") + ".</p>\n";
}

std::string footer_text(const email_links& links, const std::string& why)
{
    return "\n\n---\n" + why + "\nChange your notification settings: " + links.settings +
           "\nStop emails like this: " + links.unsubscribe + "\n";
}

} // namespace

std::string html_escape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string headline(const std::string& kind, const std::string& title, const std::optional<actor>& by)
{
    auto who = by ? by->display_name : std::string("Someone");
    if (kind == "resource_endorsed")
        return (by ? by->organisation.name : std::string("Another organisation")) + " uses " + title;
    if (kind == "consultation_published")
        return "Consultation open: " + title;
    if (kind == "consultation_reminder")
        return "Reminder: " + title + " closes soon";
    if (kind == "consultation_closing")
        return "Closing within 3 days: " + title;
    if (kind == "consultation_outcome")
        return "You said, we did: " + title;
    if (kind == "reply")
        return who + " replied to " + quoted(title);
    if (kind == "mention")
        return who + " mentioned you in " + quoted(title);
    if (kind == "answer_accepted")
        return who + " accepted an answer to " + quoted(title);
    if (kind == "audience_question")
        return who + " asked your area a question: " + quoted(title);
    if (kind == "resource_discussed")
        return who + " started a discussion about a resource you shared: " + quoted(title);
    if (kind == "announcement")
        return who + " posted an announcement: " + quoted(title);
    if (kind == "group_discussion")
        return who + " started a discussion in your group: " + quoted(title);
    if (kind == "access_request" || kind == "group_membership" || kind == "meeting" || kind == "meeting_reminder" ||
        kind == "group_action")
        return title; // "Nia Newcomer asks to join Southwark", "Cancelled: North West network (Tuesday ...)"
    return "New activity in " + quoted(title);
}

email_text notification_email(const notice& n, const std::optional<actor>& by, const std::string& recipient_name,
                              const email_links& links, bool can_reply)
{
    email_text mail;
    mail.subject = headline(n.kind, n.about.title, by);
    auto excerpt = std::string(text::cut_utf8(n.excerpt, max_excerpt_bytes));
    if (excerpt.size() < n.excerpt.size())
        excerpt += "\u2026";
    std::string source = by ? by->display_name + " (" + by->organisation.name + ")" : std::string();
    const std::string why = "You get this email because of your PSW Network notification settings.";
    const std::string open = n.about.type == "thread"               ? "Read it on PSW Network"
                             : n.about.type == "consultation"       ? "Open the consultation"
                             : n.about.type == "access_request"     ? "Approve or decline the request"
                             : n.about.type == "group_join_request" ? "Approve or decline the request"
                             : n.about.type == "group"              ? "Open the group"
                                                                    : "Open the resource";

    mail.text = "Dear " + recipient_name + ",\n\n" + mail.subject + ".\n";
    if (!excerpt.empty())
        mail.text += "\n" + (source.empty() ? std::string() : source + " wrote:\n\n") + excerpt + "\n";
    mail.text += "\n" + open + ": " + links.item + "\n";
    if (can_reply)
        mail.text += "\nReply to this email to answer in the discussion. Your reply is posted under your name.\n";
    mail.text += footer_text(links, why);

    std::string body = "<p style=\"margin:0 0 20px 0\">Dear " + html_escape(recipient_name) + ",</p>\n" +
                       "<h1 style=\"font-size:27px;line-height:1.1;margin:0 0 20px 0\">" + html_escape(mail.subject) +
                       "</h1>\n";
    if (!excerpt.empty()) {
        if (!source.empty())
            body += "<p style=\"margin:0 0 10px 0\">" + html_escape(source) + " wrote:</p>\n";
        body += "<blockquote style=\"margin:0 0 20px 0;padding:0 0 0 15px;border-left:10px solid #b1b4b6\">\n" +
                paragraphs_html(excerpt) + "</blockquote>\n";
    }
    body += "<p style=\"margin:0 0 20px 0\">" + link_html(links.item, open) + "</p>\n";
    if (can_reply)
        body += "<p style=\"margin:0 0 20px 0\">Reply to this email to answer in the discussion. Your reply is "
                "posted under your name.</p>\n";
    mail.html = page_html(mail.subject, body, footer_html(links, why));
    return mail;
}

email_text access_approved_email(const std::string& organisation, const std::string& sign_in_link)
{
    email_text mail;
    mail.subject = "Your PSW Network account is ready";
    mail.text = "The administrators of " + organisation +
                " approved your account on PSW Network, the network of Principal Social Workers.\n\nSign in with "
                "your council account: " +
                sign_in_link + "\n";
    std::string body = "<h1 style=\"font-size:27px;line-height:1.1;margin:0 0 20px 0\">" + html_escape(mail.subject) +
                       "</h1>\n<p style=\"margin:0 0 20px 0\">The administrators of " + html_escape(organisation) +
                       " approved your account on PSW Network, the network of Principal Social Workers.</p>\n"
                       "<p style=\"margin:0 0 20px 0\">" +
                       link_html(sign_in_link, "Sign in with your council account") + "</p>\n";
    mail.html = page_html(mail.subject, body, "");
    return mail;
}

email_text invitation_email(const std::string& organisation, const std::string& link)
{
    email_text mail;
    mail.subject = "You are invited to PSW Network";
    mail.text = "You have been invited to join PSW Network, the network of Principal Social Workers, for " +
                organisation + ".\n\nAccept the invitation within 7 days: " + link +
                "\n\nThe link works once. If you did not expect this invitation, you can ignore this email.\n";
    std::string body = "<h1 style=\"font-size:27px;line-height:1.1;margin:0 0 20px 0\">" + html_escape(mail.subject) +
                       "</h1>\n<p style=\"margin:0 0 20px 0\">You have been invited to join PSW Network, the network "
                       "of Principal Social Workers, for " +
                       html_escape(organisation) + ".</p>\n<p style=\"margin:0 0 20px 0\">" +
                       link_html(link, "Accept the invitation") +
                       " within 7 days.</p>\n<p style=\"margin:0 0 20px 0\">The link works once. If you did not "
                       "expect this invitation, you can ignore this email.</p>\n";
    mail.html = page_html(mail.subject, body, "");
    return mail;
}

email_text account_email(const account_message& message)
{
    email_text mail;
    mail.subject = message.subject;
    mail.text = "Dear " + message.recipient_name + ",\n\n";
    std::string body = "<p style=\"margin:0 0 20px 0\">Dear " + html_escape(message.recipient_name) + ",</p>\n" +
                       "<h1 style=\"font-size:27px;line-height:1.1;margin:0 0 20px 0\">" +
                       html_escape(message.subject) + "</h1>\n";
    for (const auto& paragraph : message.paragraphs) {
        mail.text += paragraph + "\n\n";
        body += paragraphs_html(paragraph);
    }
    if (!message.action_link.empty()) {
        mail.text += message.action_text + ": " + message.action_link + "\n\n";
        body += "<p style=\"margin:0 0 20px 0\">" + link_html(message.action_link, message.action_text) + "</p>\n";
    }
    for (const auto& paragraph : message.closing) {
        mail.text += paragraph + "\n\n";
        body += paragraphs_html(paragraph);
    }
    mail.text.pop_back();
    mail.html = page_html(mail.subject, body, "");
    return mail;
}

email_text refused_reply_email(const std::string& recipient_name, const std::string& original_subject,
                               const std::string& reason, const std::string& thread_link)
{
    email_text mail;
    mail.subject = "Your reply was not posted: " + original_subject;
    mail.text = "Dear " + recipient_name + ",\n\nYour reply by email was not posted to the discussion.\n\n" + reason +
                "\n\nYou can answer on PSW Network instead: " + thread_link + "\n";
    std::string body =
        "<p style=\"margin:0 0 20px 0\">Dear " + html_escape(recipient_name) + ",</p>\n" +
        "<h1 style=\"font-size:27px;line-height:1.1;margin:0 0 20px 0\">Your reply was not posted</h1>\n" +
        paragraphs_html(reason) + "<p style=\"margin:0 0 20px 0\">" +
        link_html(thread_link, "Answer on PSW Network instead") + ".</p>\n";
    mail.html = page_html(mail.subject, body, "");
    return mail;
}

email_text digest_email(const std::string& period, const std::string& recipient_name,
                        const std::vector<digest_section>& sections, const email_links& links)
{
    email_text mail;
    mail.subject = "Your " + period + " PSW Network summary";
    const std::string why = "You get this " + period + " summary because of your PSW Network notification settings.";
    mail.text = "Dear " + recipient_name + ",\n\nHere is what happened on PSW Network for you.\n";
    std::string body = "<p style=\"margin:0 0 20px 0\">Dear " + html_escape(recipient_name) + ",</p>\n" +
                       "<h1 style=\"font-size:27px;line-height:1.1;margin:0 0 20px 0\">" + html_escape(mail.subject) +
                       "</h1>\n";
    for (const auto& section : sections) {
        mail.text += "\n" + section.heading + "\n" + std::string(section.heading.size(), '-') + "\n";
        body += "<h2 style=\"font-size:22px;margin:30px 0 15px 0\">" + html_escape(section.heading) +
                "</h2>\n<ul style=\"margin:0 0 20px 0;padding-left:20px\">\n";
        for (const auto& line : section.lines) {
            mail.text += "* " + line.text + "\n  " + line.link + "\n";
            body += "<li style=\"margin-bottom:10px\">" + link_html(line.link, line.text) + "</li>\n";
        }
        body += "</ul>\n";
    }
    mail.text += footer_text(links, why);
    mail.html = page_html(mail.subject, body, footer_html(links, why));
    return mail;
}

} // namespace pswnet::notifications
