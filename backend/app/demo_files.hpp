// Small real documents for the demo library, made at seed time: a PDF, a Word document (DOCX) and an OpenDocument
// text (ODT) holding a title and paragraphs, each of which the library reads back for search.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pswnet::demo_files {

struct document {
    std::string title;
    std::vector<std::string> paragraphs;
};

// format: pdf, docx or odt; std::invalid_argument for another.
std::string make(std::string_view format, const document& doc);

// The MIME type of a format.
std::string_view content_type(std::string_view format);

} // namespace pswnet::demo_files
