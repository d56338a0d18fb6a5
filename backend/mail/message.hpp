// An email as the service writes it, and its rendering to MIME (RFC 5322) with GMime: multipart/alternative with a
// plain-text and an HTML part, RFC 2047 subjects, and the headers that mail clients and servers rely on.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace pswnet::mail {

struct mailbox {
    std::string name; // may be empty
    std::string address;
};

struct outgoing_message {
    mailbox from;
    mailbox to;
    std::string subject;
    std::string text;                           // the plain-text part
    std::string html;                           // the HTML part; empty: plain text only
    std::string message_id;                     // with its angle brackets: <...@...>
    std::optional<std::string> reply_to;        // an address
    std::optional<std::string> in_reply_to;     // a Message-ID; also sent as References, so a thread groups together
    std::optional<std::string> unsubscribe_url; // List-Unsubscribe, with one-click List-Unsubscribe-Post (RFC 8058)
    std::chrono::system_clock::time_point date;
};

// CRLF line ends throughout, ready for SMTP.
std::string render_mime(const outgoing_message& message);

// "Name <address>" or a bare address. Throws std::invalid_argument when it holds no address.
mailbox parse_mailbox(const std::string& text);

// A fresh Message-ID in the sender's domain: <random@domain>.
std::string new_message_id(const std::string& from_address);

} // namespace pswnet::mail
