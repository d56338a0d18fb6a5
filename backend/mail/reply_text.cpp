#include "mail/reply_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <sstream>
#include <vector>

namespace pswnet::mail {
namespace {

std::string trim(std::string_view text)
{
    auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos)
        return {};
    auto end = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(begin, end - begin + 1));
}

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// The line where a mail client starts quoting the message being answered.
bool starts_quote(const std::string& line)
{
    static const std::regex on_wrote(R"(^\s*On\s.+wrote:\s*$)", std::regex::icase);
    auto l = lower(trim(line));
    if (l.starts_with("-----original message-----") || l.starts_with("________________________________"))
        return true;
    if (l.starts_with("from:") && l.find('@') != std::string::npos)
        return true; // Outlook's header block of the quoted message
    return std::regex_match(line, on_wrote);
}

} // namespace

std::string new_text_of_reply(std::string_view text)
{
    std::vector<std::string> kept;
    std::istringstream lines{std::string(text)};
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line == "-- " || line == "--" || starts_quote(line))
            break;
        if (trim(line).starts_with(">"))
            continue;
        kept.push_back(line);
    }
    std::string out;
    for (const auto& l : kept)
        out += l + "\n";
    return trim(out);
}

std::string html_to_text(std::string_view html)
{
    std::string out;
    std::size_t i = 0;
    while (i < html.size()) {
        if (html[i] == '<') {
            auto end = html.find('>', i);
            if (end == std::string_view::npos)
                break;
            auto tag = lower(html.substr(i + 1, end - i - 1));
            auto name = tag.substr(0, tag.find_first_of(" /\t\r\n", 1));
            if (name == "br" || name == "/p" || name == "/div" || name == "/li" || name == "/tr" || name == "/h1" ||
                name == "/h2" || name == "/h3")
                out += '\n';
            if (name == "style" || name == "script" || name == "blockquote") {
                // Their content is not the person's words (a quoted reply sits in a blockquote).
                auto close = lower(html.substr(end)).find("</" + name);
                i = close == std::string::npos ? html.size() : end + close;
                auto after = html.find('>', i);
                i = after == std::string_view::npos ? html.size() : after + 1;
                continue;
            }
            i = end + 1;
            continue;
        }
        if (html[i] == '&') {
            static constexpr std::array<std::pair<std::string_view, char>, 6> entities{
                {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&nbsp;", ' '}}};
            bool decoded = false;
            for (const auto& [entity, c] : entities)
                if (html.substr(i, entity.size()) == entity) {
                    out += c;
                    i += entity.size();
                    decoded = true;
                    break;
                }
            if (decoded)
                continue;
        }
        out += html[i] == '\r' ? ' ' : html[i];
        ++i;
    }
    // Source line breaks inside HTML are not the author's; collapse runs of blank lines.
    std::string collapsed;
    int newlines = 0;
    for (char c : out) {
        if (c == '\n') {
            if (++newlines <= 2)
                collapsed += c;
        } else {
            newlines = 0;
            collapsed += c;
        }
    }
    return trim(collapsed);
}

} // namespace pswnet::mail
