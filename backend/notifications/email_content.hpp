// The words of each email, as plain text and as plain, accessible HTML in the style of GOV.UK Notify: one column,
// the system font, real headings and links that say where they go. Pure functions, so that they are tested alone.
#pragma once

#include "notifications/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pswnet::notifications {

struct email_text {
    std::string subject;
    std::string text;
    std::string html;
};

struct email_links {
    std::string item;        // the subject's page, absolute
    std::string settings;    // the notification settings page, absolute
    std::string unsubscribe; // stops this kind (or digests) by email, absolute
};

// "Amira Khan replied to “Title”": the sentence for a notification, also the email's subject.
std::string headline(const std::string& kind, const std::string& title, const std::optional<actor>& by);

email_text notification_email(const notice& n, const std::optional<actor>& by, const std::string& recipient_name,
                              const email_links& links, bool can_reply);

struct digest_line {
    std::string text; // the headline
    std::string link; // absolute
};

struct digest_section {
    std::string heading;
    std::vector<digest_line> lines;
};

email_text digest_email(const std::string& period, const std::string& recipient_name,
                        const std::vector<digest_section>& sections, const email_links& links);

// To someone without an account yet: no settings or unsubscribe links, since there is nothing to unsubscribe from.
email_text invitation_email(const std::string& organisation, const std::string& link);
// An organisation's administrators approved the account someone asked for by signing in with their council.
email_text access_approved_email(const std::string& organisation, const std::string& sign_in_link);

// About the person's own account (a password reset link, a new sign-in): always sent, whatever the notification
// settings, so it has no unsubscribe link. The paragraphs come first, then the action link, then the closing
// paragraphs (what to do if it was not them).
struct account_message {
    std::string subject;
    std::string recipient_name;
    std::vector<std::string> paragraphs;
    std::string action_link; // absolute; none when empty
    std::string action_text;
    std::vector<std::string> closing;
};
email_text account_email(const account_message& message);

// To someone whose reply by email was not posted: why, and where to answer instead.
email_text refused_reply_email(const std::string& recipient_name, const std::string& original_subject,
                               const std::string& reason, const std::string& thread_link);

std::string html_escape(std::string_view text);

} // namespace pswnet::notifications
