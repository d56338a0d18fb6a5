// The parts every import layout shares: telling the layouts apart, reading a cell, checking a period.
#include "benchmarking/import_file.hpp"

#include "benchmarking/csv_reader.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

namespace pswnet::benchmarking {
namespace {

constexpr std::array suppression_symbols{"c", "u", "x", "z", "low"};

std::string_view trim(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

std::string lower(std::string_view text)
{
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

[[noreturn]] void reject_file(std::string message)
{
    throw api_error(errc::validation_failed, "The file cannot be imported", {{"body", std::move(message)}});
}

} // namespace

std::string_view to_string(import_format f) noexcept
{
    return f == import_format::dfe_csww ? "dfe_csww" : "long";
}

std::optional<import_format> parse_import_format(std::string_view text) noexcept
{
    if (text == "dfe_csww")
        return import_format::dfe_csww;
    if (text == "long")
        return import_format::long_values;
    return std::nullopt;
}

bool is_period(std::string_view text) noexcept
{
    auto digits = [&](std::size_t from, std::size_t n) {
        return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                           text.begin() + static_cast<std::ptrdiff_t>(from + n),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    if (text.size() == 4)
        return digits(0, 4);
    return text.size() == 7 && digits(0, 4) && text.substr(4, 2) == "-Q" && text[6] >= '1' && text[6] <= '4';
}

cell read_cell(std::string_view text)
{
    text = trim(text);
    cell result;
    if (text.empty()) {
        result.kind = cell::blank;
        return result;
    }
    auto symbol = lower(text);
    if (std::find(suppression_symbols.begin(), suppression_symbols.end(), symbol) != suppression_symbols.end()) {
        result.kind = cell::suppressed;
        result.symbol = std::move(symbol);
        return result;
    }
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc{} && end == text.data() + text.size() && std::isfinite(value)) {
        result.kind = cell::number;
        result.value = value;
    }
    return result;
}

std::string trimmed(std::string_view text)
{
    return std::string(trim(text));
}

import_file read_import_file(std::string_view text, std::optional<import_format> format,
                             const import_directory& directory)
{
    if (!is_valid_utf8(text))
        reject_file("must be UTF-8 text");
    csv_reader reader(text);
    std::vector<std::string> header;
    try {
        if (!reader.next(header))
            reject_file("is empty: it must be a CSV file with a header row");
    } catch (const csv_error& e) {
        reject_file(e.what());
    }
    for (auto& name : header)
        name = lower(trim(name));
    // A column named twice would give each row two figures for one metric (or two years, two codes): which is
    // meant cannot be told, and the database refuses to write one figure twice in one statement.
    std::set<std::string_view> columns;
    for (const auto& name : header)
        if (!name.empty() && !columns.insert(name).second)
            reject_file("names the column " + name.substr(0, 64) + " twice");
    auto has = [&](std::string_view name) { return std::find(header.begin(), header.end(), name) != header.end(); };
    bool looks_csww = has("time_period") && has("geographic_level") && has("new_la_code") && has("la_name");
    bool looks_long = header == std::vector<std::string>{"organisation_code", "period", "metric_key", "value"};
    if (!format)
        format = looks_csww   ? std::optional(import_format::dfe_csww)
                 : looks_long ? std::optional(import_format::long_values)
                              : std::nullopt;
    if (!format)
        reject_file("must be the DfE children's social work workforce CSV (a header starting time_period, "
                    "time_identifier, geographic_level) or the long layout (header organisation_code,period,"
                    "metric_key,value)");
    if (*format == import_format::dfe_csww && !looks_csww)
        reject_file("does not have the DfE layout's columns time_period, geographic_level, new_la_code and la_name");
    if (*format == import_format::long_values && !looks_long)
        reject_file("must have the header organisation_code,period,metric_key,value");

    import_file file;
    file.format = *format;
    try {
        if (*format == import_format::dfe_csww)
            read_csww_rows(reader, header, directory, file);
        else
            read_long_rows(reader, header, directory, file);
    } catch (const csv_error& e) {
        reject_file(e.what());
    }
    return file;
}

} // namespace pswnet::benchmarking
