// An email that arrives (a reply by email, delivered by the MTA on standard input), read with GMime: who sent it,
// to which addresses, whether a machine wrote it, and its text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pswnet::mail {

struct incoming_message {
    std::string from_address; // lower case
    std::string subject;
    std::string message_id;              // with angle brackets, or empty
    std::vector<std::string> recipients; // Delivered-To, X-Original-To, To and Cc addresses, lower case
    bool automatic = false;              // an auto-reply, a bounce or a list message: never answered
    std::string text;                    // the text/plain part, or the text/html part as text
};

// Throws std::invalid_argument when the bytes are not a message at all.
incoming_message parse_incoming(std::string_view raw);

} // namespace pswnet::mail
