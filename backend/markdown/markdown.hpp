// Markdown from users rendered to safe HTML with cmark-gfm: raw HTML is never passed through, unsafe link
// schemes are dropped, and every link gets rel="nofollow noopener".
#pragma once

#include <string>
#include <string_view>

namespace pswnet::markdown {

std::string to_html(std::string_view text);

// Plain text for notifications and search snippets: the rendered HTML without its tags.
std::string to_plain_text(std::string_view text, std::size_t max_length);

} // namespace pswnet::markdown
