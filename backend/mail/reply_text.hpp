// What a person wrote in a reply by email, without what their mail client added: the quoted message (lines that
// start with ">", and everything after "On ... wrote:", an Outlook "From:" block or "-----Original Message-----"),
// and their signature (after a "-- " line). Pure functions, tested alone.
#pragma once

#include <string>
#include <string_view>

namespace pswnet::mail {

std::string new_text_of_reply(std::string_view text);

// Text of an HTML body: tags dropped, block ends as line breaks, the common entities decoded.
std::string html_to_text(std::string_view html);

} // namespace pswnet::mail
