// Fuzzes Markdown rendering (cmark-gfm with tables, strikethrough, autolinks and task lists) and the plain-text
// rendering used for notifications and snippets.
// Input: one byte giving the plain text's length limit, then the Markdown.
// Beyond "no crash": the HTML is valid UTF-8 and made only of the tags and attributes cmark itself writes (every
// "<" and ">" belongs to one of them: raw HTML never passes through), every link carries rel="nofollow noopener"
// and no href or src uses a javascript:, vbscript:, file: or (other than an image) data: URL; the plain text is
// valid UTF-8, has no tags, and is within its limit plus the ellipsis.
#include "core/utf8.hpp"
#include "fuzz_support.hpp"
#include "markdown/markdown.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

namespace {

using pswnet::fuzz::expect;
using pswnet::fuzz::fail;

bool lower_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

void check_url(std::string value)
{
    std::erase_if(value, [](char c) { return c == '\t' || c == '\n' || c == '\r'; });
    std::transform(value.begin(), value.end(), value.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (std::string_view scheme : {"javascript:", "vbscript:", "file:"})
        expect(!value.starts_with(scheme), "no javascript:, vbscript: or file: URL");
    if (value.starts_with("data:"))
        expect(value.starts_with("data:image/png") || value.starts_with("data:image/gif") ||
                   value.starts_with("data:image/jpeg") || value.starts_with("data:image/webp"),
               "no data: URL other than an image");
}

// Reads the tag starting at html[at] ("<"), checks it and returns the index after its ">".
std::size_t check_tag(const std::string& html, std::size_t at)
{
    static const std::string_view omitted = "<!-- raw HTML omitted -->";
    if (std::string_view(html).substr(at).starts_with(omitted))
        return at + omitted.size();
    static const std::set<std::string, std::less<>> tags{
        "p",  "blockquote", "ul",     "ol", "li",  "pre", "code",  "hr",    "br",    "h1", "h2", "h3", "h4",   "h5",
        "h6", "em",         "strong", "a",  "img", "del", "table", "thead", "tbody", "tr", "th", "td", "input"};
    static const std::set<std::string, std::less<>> attributes{
        "href", "title", "src", "alt", "class", "align", "start", "type", "checked", "disabled", "rel"};
    std::size_t i = at + 1;
    const bool closing = i < html.size() && html[i] == '/';
    if (closing)
        ++i;
    const auto name_start = i;
    while (i < html.size() && lower_alnum(html[i]))
        ++i;
    const std::string name = html.substr(name_start, i - name_start);
    if (!tags.contains(name))
        fail("a tag cmark does not write: " + html.substr(at, 40));
    bool first = true;
    while (!closing && i + 1 < html.size() && html[i] == ' ' && html[i + 1] != '/') {
        ++i;
        const auto attribute_start = i;
        while (i < html.size() && (lower_alnum(html[i]) || html[i] == '-'))
            ++i;
        const std::string attribute = html.substr(attribute_start, i - attribute_start);
        if (!attributes.contains(attribute))
            fail("an attribute cmark does not write: " + html.substr(at, 60));
        expect(html.compare(i, 2, "=\"") == 0, "attribute values are quoted");
        const auto value_start = i + 2;
        const auto value_end = html.find('"', value_start);
        expect(value_end != std::string::npos, "attribute values are closed");
        const std::string value = html.substr(value_start, value_end - value_start);
        expect(value.find_first_of("<>") == std::string::npos, "attribute values are escaped");
        if (attribute == "href" || attribute == "src")
            check_url(value);
        if (name == "a" && first)
            expect(attribute == "rel" && value == "nofollow noopener", "every link is rel=\"nofollow noopener\"");
        first = false;
        i = value_end + 1;
    }
    if (name == "a" && !closing)
        expect(!first, "every link has attributes");
    if (html.compare(i, 2, " /") == 0)
        i += 2;
    expect(i < html.size() && html[i] == '>', "a tag ends where its attributes do");
    return i + 1;
}

void check_html(const std::string& html)
{
    expect(pswnet::is_valid_utf8(html), "the HTML is valid UTF-8");
    std::size_t i = 0;
    while (i < html.size()) {
        if (html[i] == '<')
            i = check_tag(html, i);
        else {
            expect(html[i] != '>', "no > outside a tag");
            ++i;
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::size_t max_length = data[0];
    const auto text = pswnet::fuzz::as_text(data + 1, size - 1);

    check_html(pswnet::markdown::to_html(text));

    const auto plain = pswnet::markdown::to_plain_text(text, max_length);
    expect(pswnet::is_valid_utf8(plain), "plain text is valid UTF-8");
    expect(plain.find_first_of("<>") == std::string::npos, "plain text has no tags");
    expect(plain.size() <= max_length + std::string_view("…").size(), "plain text is within its limit");
    return 0;
}
