// The words inside an uploaded file, for search: PDF through pdftotext (poppler-utils), DOCX, PPTX, XLSX, ODT and
// ODS from their XML, CSV, plain text and Markdown as they are. Bounded in time and size: a compressed document
// that expands beyond the limits (a zip bomb) is refused.
#pragma once

#include "core/sizes.hpp"

#include <string>
#include <string_view>

namespace pswnet::library {

inline constexpr std::size_t max_extracted_text = 400 * kib; // what search indexes
inline constexpr std::size_t max_expanded_bytes = 64 * mib;  // all XML parts of a document, uncompressed

struct extracted_text {
    std::string text;
    bool extracted = false; // false when the type carries no text or the file could not be read
};

// The text is valid UTF-8 without NUL characters (invalid bytes become U+FFFD), at most max_extracted_text bytes.
// Throws api_error 422 (field "body") for a document that expands beyond max_expanded_bytes.
extracted_text extract_text(std::string_view content, const std::string& content_type);

// Cuts text to max_extracted_text bytes without splitting a UTF-8 character.
void cut_to_limit(std::string& text);

// Text between XML tags, entities decoded, a line break after each paragraph-like element. Exposed for tests.
std::string xml_text(std::string_view xml);

// Runs pdftotext on the content. Exposed for tests.
extracted_text pdf_text(std::string_view content);

// The text of the named parts of a zip container held in memory. Exposed for tests.
extracted_text office_text(std::string_view content, const std::string& content_type);

} // namespace pswnet::library
