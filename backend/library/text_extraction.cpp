// Choosing how to read a file's text, and reading XML.
#include "library/text_extraction.hpp"

#include "core/text.hpp"
#include "core/utf8.hpp"

#include <cstdlib>

namespace pswnet::library {
void cut_to_limit(std::string& text)
{
    text.resize(text::cut_utf8(text, max_extracted_text).size());
}

namespace {

void append_utf8(std::string& out, unsigned long code)
{
    if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return;
    if (code < 0x80)
        out.push_back(static_cast<char>(code));
    else if (code < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (code >> 6)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (code >> 12)));
        out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (code >> 18)));
        out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
}

bool ends_paragraph(std::string_view tag)
{
    // </w:p> (Word), </a:p> (PowerPoint), </text:p> and </text:h> (OpenDocument), </si> and </row> (Excel)
    for (std::string_view end : {"/w:p", "/a:p", "/text:p", "/text:h", "/si", "/row", "/table:table-row"})
        if (tag == end)
            return true;
    return false;
}

} // namespace

std::string xml_text(std::string_view xml)
{
    std::string out;
    std::size_t i = 0;
    while (i < xml.size() && out.size() < max_extracted_text) {
        char c = xml[i];
        if (c == '<') {
            auto close = xml.find('>', i);
            if (close == std::string_view::npos)
                break;
            auto tag = xml.substr(i + 1, close - i - 1);
            tag = tag.substr(0, tag.find_first_of(" \t\r\n"));
            if (ends_paragraph(tag))
                out.push_back('\n');
            else if (tag == "w:tab" || tag == "w:tab/" || tag == "text:tab" || tag == "text:tab/" || tag == "/c")
                out.push_back('\t');
            i = close + 1;
        } else if (c == '&') {
            auto semi = xml.find(';', i);
            if (semi == std::string_view::npos || semi - i > 10) {
                out.push_back('&');
                ++i;
                continue;
            }
            auto entity = xml.substr(i + 1, semi - i - 1);
            if (entity == "amp")
                out.push_back('&');
            else if (entity == "lt")
                out.push_back('<');
            else if (entity == "gt")
                out.push_back('>');
            else if (entity == "quot")
                out.push_back('"');
            else if (entity == "apos")
                out.push_back('\'');
            else if (entity.starts_with("#x") || entity.starts_with("#X"))
                append_utf8(out, std::strtoul(std::string(entity.substr(2)).c_str(), nullptr, 16));
            else if (entity.starts_with("#"))
                append_utf8(out, std::strtoul(std::string(entity.substr(1)).c_str(), nullptr, 10));
            i = semi + 1;
        } else {
            out.push_back(c);
            ++i;
        }
    }
    cut_to_limit(out);
    return out;
}

extracted_text extract_text(std::string_view content, const std::string& content_type)
{
    extracted_text result;
    if (content_type == "application/pdf")
        result = pdf_text(content);
    else if (content_type.starts_with("application/vnd."))
        result = office_text(content, content_type);
    else if (content_type.starts_with("text/"))
        result = {std::string(content.substr(0, max_extracted_text)), true};
    // The text goes into a PostgreSQL text column, which refuses invalid UTF-8 and NUL characters, and files are
    // not always UTF-8: a CSV saved by Excel on Windows is Windows-1252, XML parts can hold any bytes.
    result.text = valid_utf8(result.text);
    cut_to_limit(result.text);
    return result;
}

} // namespace pswnet::library
