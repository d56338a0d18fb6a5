// Markdown rendering is safe: no raw HTML, no script links, links marked nofollow.
#include "markdown/markdown.hpp"

#include <gtest/gtest.h>

namespace pswnet::markdown {
namespace {

TEST(Markdown, RendersEmphasisListsAndTables)
{
    auto html = to_html("**bold**\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    EXPECT_NE(html.find("<strong>bold</strong>"), std::string::npos);
    EXPECT_NE(html.find("<li>one</li>"), std::string::npos);
    EXPECT_NE(html.find("<table>"), std::string::npos);
}

TEST(Markdown, RawHtmlNeverPassesThrough)
{
    auto html = to_html("<script>alert(1)</script> <img src=x onerror=alert(1)> <b>hi</b>");
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find("<b>"), std::string::npos);
}

TEST(Markdown, JavascriptLinksAreEmptied)
{
    auto html = to_html("[click](javascript:alert(1)) [data](data:text/html,hi)");
    EXPECT_EQ(html.find("javascript:"), std::string::npos);
    EXPECT_EQ(html.find("data:text"), std::string::npos);
}

TEST(Markdown, LinksGetNofollowNoopener)
{
    auto html = to_html("[DfE](https://www.gov.uk) and https://example.org");
    EXPECT_NE(html.find(R"(<a rel="nofollow noopener" href="https://www.gov.uk">DfE</a>)"), std::string::npos);
    EXPECT_NE(html.find(R"(<a rel="nofollow noopener" href="https://example.org">)"), std::string::npos);
    EXPECT_EQ(html.find("<a href="), std::string::npos);
}

TEST(Markdown, TextThatLooksLikeALinkTagStaysText)
{
    auto html = to_html("`<a href=\"x\">` and \\<a href=\"y\">");
    EXPECT_EQ(html.find("<a href=\"x\">"), std::string::npos);
    EXPECT_EQ(html.find("<a rel"), std::string::npos);
}

} // namespace
} // namespace pswnet::markdown
