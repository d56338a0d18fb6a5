// The snippet escaper.
#include "core/snippet.hpp"

namespace pswnet {

std::string snippet_html(std::string_view marked)
{
    std::string html;
    html.reserve(marked.size() + 32);
    for (char c : marked) {
        switch (c) {
        case '&':
            html += "&amp;";
            break;
        case '<':
            html += "&lt;";
            break;
        case '>':
            html += "&gt;";
            break;
        case '"':
            html += "&quot;";
            break;
        case '\'':
            html += "&#39;";
            break;
        case '\x01':
            html += "<mark>";
            break;
        case '\x02':
            html += "</mark>";
            break;
        default:
            html.push_back(c);
        }
    }
    return html;
}

} // namespace pswnet
