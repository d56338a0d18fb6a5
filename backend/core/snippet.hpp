// Search snippets: PostgreSQL's ts_headline marks matches with \x01 and \x02 in the stored text; this escapes the
// text for HTML and turns the marks into <mark> elements. Shared by every capability that searches.
#pragma once

#include <string>
#include <string_view>

namespace pswnet {

std::string snippet_html(std::string_view marked);

} // namespace pswnet
