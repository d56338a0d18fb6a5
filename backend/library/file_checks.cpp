// File names and types. libmagic's handle is not thread-safe, so each call opens its own (cheap next to the
// upload it checks).
#include "library/file_checks.hpp"

#include "core/text.hpp"

#include <magic.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

namespace pswnet::library {
namespace {

constexpr std::array reserved_names{"CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3", "COM4",
                                    "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3",
                                    "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};

constexpr std::array allowed_types{
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "text/csv",
    "text/plain",
    "image/png",
    "image/jpeg",
};

std::string_view last_segment(std::string_view name)
{
    if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos)
        name.remove_prefix(slash + 1);
    return name;
}

// Cuts at most `limit` bytes without splitting a UTF-8 character.
void cut_utf8(std::string& text, std::size_t limit)
{
    text.resize(text::cut_utf8(text, limit).size());
}

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() &&
           std::equal(suffix.begin(), suffix.end(), text.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

} // namespace

// Without the characters that reorder or hide text: a name shown as "report\u202Efdp.exe" reads "reportexe.pdf".
// Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the marks U+200E, U+200F and
// U+061C, and C1 controls (U+0080-U+009F).
std::string without_bidi_controls(std::string_view text)
{
    std::string kept;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto rest = text.substr(i);
        auto b = [&](std::size_t at) { return at < rest.size() ? static_cast<unsigned char>(rest[at]) : 0u; };
        if (b(0) == 0xE2 && b(1) == 0x80 && ((b(2) >= 0xAA && b(2) <= 0xAE) || b(2) == 0x8E || b(2) == 0x8F)) {
            i += 2;
            continue;
        }
        if (b(0) == 0xE2 && b(1) == 0x81 && b(2) >= 0xA6 && b(2) <= 0xA9) {
            i += 2;
            continue;
        }
        if ((b(0) == 0xD8 && b(1) == 0x9C) || (b(0) == 0xC2 && b(1) >= 0x80 && b(1) <= 0x9F)) {
            i += 1;
            continue;
        }
        kept.push_back(text[i]);
    }
    return kept;
}

std::string display_filename(std::string_view original)
{
    const auto visible = without_bidi_controls(original);
    std::string name;
    for (unsigned char c : last_segment(visible))
        if (c >= 0x20 && c != 0x7F)
            name.push_back(static_cast<char>(c));
    cut_utf8(name, 255);
    return name;
}

std::string safe_filename(std::string_view original)
{
    const auto visible = without_bidi_controls(original);
    std::string name;
    for (unsigned char c : last_segment(visible)) {
        if (c < 0x20 || c == 0x7F)
            continue;
        name.push_back(std::string_view("<>:\"|?*").find(static_cast<char>(c)) == std::string_view::npos
                           ? static_cast<char>(c)
                           : '_');
    }
    while (!name.empty() && (name.front() == '.' || name.front() == ' '))
        name.erase(name.begin());
    // At most 200 bytes, and no trailing dot or space, which Windows drops, even where the cut leaves one.
    auto cut = [&name] {
        cut_utf8(name, 200);
        while (!name.empty() && (name.back() == '.' || name.back() == ' '))
            name.pop_back();
    };
    cut();
    auto stem = name.substr(0, name.find('.'));
    std::transform(stem.begin(), stem.end(), stem.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (std::find(reserved_names.begin(), reserved_names.end(), stem) != reserved_names.end()) {
        name.insert(name.begin(), '_');
        cut();
    }
    return name.empty() ? "file" : name;
}

std::optional<std::string> detect_type(std::string_view content, std::string_view filename)
{
    std::unique_ptr<std::remove_pointer_t<magic_t>, decltype(&magic_close)> cookie(
        magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR), &magic_close);
    if (!cookie || magic_load(cookie.get(), nullptr) != 0)
        return std::nullopt;
    const char* found = magic_buffer(cookie.get(), content.data(), content.size());
    if (!found)
        return std::nullopt;
    std::string type = found;
    if (std::find(allowed_types.begin(), allowed_types.end(), type) == allowed_types.end())
        return std::nullopt;
    if (type == "text/plain" &&
        (ends_with_ignoring_case(filename, ".md") || ends_with_ignoring_case(filename, ".markdown")))
        return "text/markdown";
    return type;
}

} // namespace pswnet::library
