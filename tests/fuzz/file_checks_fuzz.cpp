// Fuzzes the checks on an uploaded file before it is stored: its type by content (libmagic), and the names it is
// shown and saved under.
// Input: one byte giving the file name's length, the name, then the content.
// Beyond "no crash": detect_type answers only one of the allowed types (Markdown only for a .md or .markdown name);
// display_filename is at most 255 bytes with no path and no control characters; safe_filename is never empty, at
// most 200 bytes, with no path, control characters or characters Windows forbids, no leading or trailing dot or
// space, and never a reserved device name; both stay valid UTF-8 when the name is.
#include "core/utf8.hpp"
#include "fuzz_support.hpp"
#include "library/file_checks.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

namespace {

namespace library = pswnet::library;
using pswnet::fuzz::expect;

bool has_control_or_path(const std::string& name)
{
    return std::any_of(name.begin(), name.end(), [](char ch) {
        auto c = static_cast<unsigned char>(ch);
        return c < 0x20 || c == 0x7F || c == '/' || c == '\\';
    });
}

void check_names(std::string_view original)
{
    const bool utf8 = pswnet::is_valid_utf8(original);

    auto shown = library::display_filename(original);
    expect(shown.size() <= 255, "a display name is at most 255 bytes");
    expect(!has_control_or_path(shown), "a display name has no path or control characters");
    expect(!utf8 || pswnet::is_valid_utf8(shown), "a display name of a UTF-8 name is UTF-8");

    auto saved = library::safe_filename(original);
    expect(!saved.empty() && saved.size() <= 200, "a saved name is 1 to 200 bytes");
    expect(!has_control_or_path(saved), "a saved name has no path or control characters");
    expect(saved.find_first_of("<>:\"|?*") == std::string::npos, "a saved name has no character Windows forbids");
    expect(saved.front() != '.' && saved.front() != ' ' && saved.back() != '.' && saved.back() != ' ',
           "a saved name does not begin or end with a dot or a space");
    expect(!utf8 || pswnet::is_valid_utf8(saved), "a saved name of a UTF-8 name is UTF-8");
    auto stem = saved.substr(0, saved.find('.'));
    std::transform(stem.begin(), stem.end(), stem.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    static const std::set<std::string> reserved{"CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3", "COM4",
                                                "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3",
                                                "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};
    expect(!reserved.contains(stem), "a saved name is never a reserved device name");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const auto rest = pswnet::fuzz::as_text(data + 1, size - 1);
    const auto name = rest.substr(0, data[0]);
    const auto content = rest.substr(name.size());

    check_names(name);

    auto type = library::detect_type(content, name);
    static const std::set<std::string> allowed{
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "text/csv",
        "text/plain",
        "text/markdown",
        "image/png",
        "image/jpeg",
    };
    if (type) {
        expect(allowed.contains(*type), "only allowed types are detected");
        if (*type == "text/markdown") {
            std::string lower(name);
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            expect(lower.ends_with(".md") || lower.ends_with(".markdown"), "Markdown only by its name");
        }
    }
    return 0;
}
