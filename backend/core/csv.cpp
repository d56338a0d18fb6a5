// CSV cells and rows. Formula neutralisation follows OWASP's "CSV injection" advice, widened to the full-width
// forms that spreadsheets fold to their ASCII meaning and to white space before them.
#include "core/csv.hpp"

#include <array>
#include <charconv>

namespace pswnet::csv {
namespace {

// UTF-8 of the characters to look past before the first meaningful one: ASCII white space, no-break space,
// ideographic space.
constexpr std::array<std::string_view, 8> blanks{" ", "\t", "\r", "\n", "\v", "\f", "\xC2\xA0", "\xE3\x80\x80"};

// = + - @ and their full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20).
constexpr std::array<std::string_view, 8> formula_starts{
    "=", "+", "-", "@", "\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"};

bool starts_with_any(std::string_view text, const auto& prefixes, std::size_t* length = nullptr)
{
    for (auto prefix : prefixes)
        if (text.starts_with(prefix)) {
            if (length)
                *length = prefix.size();
            return true;
        }
    return false;
}

bool runs_as_formula(std::string_view value)
{
    if (value.starts_with('\t') || value.starts_with('\r'))
        return true;
    std::size_t blank = 0;
    while (starts_with_any(value, blanks, &blank))
        value.remove_prefix(blank);
    return starts_with_any(value, formula_starts);
}

std::string quoted_if_needed(std::string value)
{
    if (value.find_first_of(",\"\r\n") == std::string::npos)
        return value;
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"')
            quoted.push_back('"');
        quoted.push_back(c);
    }
    quoted.push_back('"');
    return quoted;
}

} // namespace

std::string text(std::string_view value)
{
    std::string cell;
    if (runs_as_formula(value))
        cell.push_back('\'');
    cell.append(value);
    return quoted_if_needed(std::move(cell));
}

std::string number(std::optional<double> value)
{
    if (!value)
        return {};
    std::array<char, 64> buffer{};
    auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), *value);
    return std::string(buffer.data(), end);
}

std::string integer(std::optional<long long> value)
{
    return value ? std::to_string(*value) : std::string();
}

writer::writer() : out_("\xEF\xBB\xBF")
{
}

void writer::row(std::initializer_list<std::string> cells)
{
    row(std::vector<std::string>(cells));
}

void writer::row(const std::vector<std::string>& cells)
{
    bool first = true;
    for (const auto& cell : cells) {
        if (!first)
            out_.push_back(',');
        out_ += cell;
        first = false;
    }
    out_ += "\r\n";
}

} // namespace pswnet::csv
