// Checks on an uploaded file before anything is stored: a safe name to save it under, and its type decided by
// its content (libmagic), never by its name or the Content-Type the client sent.
#pragma once

#include "core/sizes.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace pswnet::library {

inline constexpr std::size_t max_file_bytes = 25 * mib;

// No directories, control characters, characters Windows forbids, leading dots or reserved device names; at most
// 200 bytes of UTF-8; "file" when nothing is left.
std::string safe_filename(std::string_view original);

// The original name as shown: the last path segment, control characters removed, at most 255 bytes. Empty when
// nothing is left.
std::string display_filename(std::string_view original);

// The text without bidirectional controls, invisible marks and C1 controls (both file names go through it).
std::string without_bidi_controls(std::string_view text);

// The allowed MIME type of the content (PDF, DOCX, XLSX, PPTX, ODT, ODS, CSV, plain text, Markdown, PNG, JPEG), or
// empty. Plain text named .md or .markdown is Markdown.
std::optional<std::string> detect_type(std::string_view content, std::string_view filename);

} // namespace pswnet::library
