// Fuzzes text extraction from uploads in process: DOCX, XLSX, PPTX, ODT and ODS read with libzip from memory,
// their XML through xml_text, and plain text, CSV and Markdown as they are. Not PDF: pdftotext is a child process.
// Input: one byte choosing the content type, then the file.
// Beyond "no crash": extraction either returns text or refuses a zip bomb with one 422 naming "body"; the text is
// at most max_extracted_text bytes of valid UTF-8 without NUL characters (it is stored in a PostgreSQL text column
// for search, which refuses anything else); xml_text of the raw bytes keeps to the same limit.
#include "core/error.hpp"
#include "core/utf8.hpp"
#include "fuzz_support.hpp"
#include "library/text_extraction.hpp"

#include <array>
#include <string>

namespace {

namespace library = pswnet::library;
using pswnet::fuzz::expect;

void check_text(const std::string& text)
{
    expect(text.size() <= library::max_extracted_text, "extracted text is within max_extracted_text");
    expect(pswnet::is_valid_utf8(text), "extracted text is valid UTF-8");
    expect(text.find('\0') == std::string::npos, "extracted text has no NUL characters");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    static const std::array<std::string, 9> types{
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "text/plain",
        "text/csv",
        "text/markdown",
        "image/png",
    };
    const auto& type = types[data[0] % types.size()];
    const auto content = pswnet::fuzz::as_text(data + 1, size - 1);
    try {
        auto result = library::extract_text(content, type);
        expect(result.extracted || result.text.empty(), "no text from a file that could not be read");
        expect(result.extracted || type == "image/png" || type.starts_with("application/"),
               "text files are always read");
        check_text(result.text);
    } catch (const pswnet::api_error& e) {
        expect(e.code() == pswnet::errc::validation_failed && e.errors().size() == 1 && e.errors()[0].field == "body",
               "a zip bomb is one 422 naming body");
        expect(type.starts_with("application/vnd."), "only zip containers can be bombs");
    }
    if (type.starts_with("application/vnd.")) {
        auto xml = library::xml_text(content);
        expect(xml.size() <= library::max_extracted_text, "xml_text is within max_extracted_text");
    }
    return 0;
}
