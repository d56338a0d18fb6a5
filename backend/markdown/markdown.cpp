// cmark-gfm in its default safe mode (no CMARK_OPT_UNSAFE): raw HTML becomes a comment and javascript:, vbscript:,
// file: and data: links (other than images) are emptied by cmark itself.
#include "markdown/markdown.hpp"

#include "core/text.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>

namespace pswnet::markdown {
namespace {

void register_extensions_once()
{
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

std::string add_link_rel(std::string html)
{
    // With raw HTML disabled, "<a href=" can only come from cmark's own link rendering.
    static constexpr std::string_view from = "<a href=\"";
    static constexpr std::string_view to = "<a rel=\"nofollow noopener\" href=\"";
    std::string out;
    out.reserve(html.size() + 64);
    std::size_t pos = 0;
    while (true) {
        auto found = html.find(from, pos);
        if (found == std::string::npos) {
            out.append(html, pos);
            return out;
        }
        out.append(html, pos, found - pos);
        out.append(to);
        pos = found + from.size();
    }
}

} // namespace

std::string to_html(std::string_view text)
{
    register_extensions_once();
    const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
    std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(options), cmark_parser_free);
    for (const char* name : {"table", "strikethrough", "autolink", "tasklist"})
        if (auto* extension = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser.get(), extension);
    cmark_parser_feed(parser.get(), text.data(), text.size());
    std::unique_ptr<cmark_node, decltype(&cmark_node_free)> document(cmark_parser_finish(parser.get()),
                                                                     cmark_node_free);
    char* rendered = cmark_render_html(document.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
    std::string html(rendered);
    free(rendered); // allocated by cmark with malloc
    return add_link_rel(std::move(html));
}

std::string to_plain_text(std::string_view text, std::size_t max_length)
{
    auto html = to_html(text);
    std::string plain;
    bool in_tag = false;
    for (char c : html) {
        if (c == '<')
            in_tag = true;
        else if (c == '>') {
            in_tag = false;
            if (!plain.empty() && plain.back() != ' ')
                plain.push_back(' ');
        } else if (!in_tag)
            plain.push_back(c == '\n' ? ' ' : c);
    }
    while (!plain.empty() && plain.back() == ' ')
        plain.pop_back();
    if (plain.size() > max_length) {
        plain.resize(text::cut_utf8(plain, max_length).size());
        plain += "…";
    }
    return plain;
}

} // namespace pswnet::markdown
