// The DfE "Children's social work workforce" layout: one row per area and reporting year, one column per indicator.
// National and Regional rows become reference figures; a local-authority row becomes figures of the authority, or of
// both authorities of a joint return ("A / B" with codes "X / Y"). Authorities the directory does not know (abolished,
// or not yet created) are rejected with their code and name rather than matched by guesswork.
#include "benchmarking/csv_reader.hpp"
#include "benchmarking/import_file.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace pswnet::benchmarking {
namespace {

std::vector<std::string> split_joint(std::string_view text)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        auto slash = text.find('/', start);
        parts.push_back(trimmed(text.substr(start, slash == std::string_view::npos ? slash : slash - start)));
        if (slash == std::string_view::npos)
            return parts;
        start = slash + 1;
    }
}

std::string upper(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

bool is_area_code(const std::string& code, std::string_view prefixes)
{
    if (code.size() != 9 || code[0] != 'E')
        return false;
    if (!std::all_of(code.begin() + 1, code.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    for (std::size_t i = 0; i + 1 < prefixes.size(); i += 3)
        if (code.compare(1, 2, prefixes.substr(i, 2)) == 0)
            return true;
    return false;
}

struct columns {
    std::size_t period, level, country_code, country_name, region_code, region_name, la_number, la_code, la_name;
    std::vector<std::pair<std::size_t, std::string>> metrics; // column, metric key
};

columns locate(const std::vector<std::string>& header, const import_directory& directory)
{
    auto at = [&](std::string_view name) {
        auto found = std::find(header.begin(), header.end(), name);
        return found == header.end() ? header.size() : static_cast<std::size_t>(found - header.begin());
    };
    columns c{at("time_period"), at("geographic_level"), at("country_code"), at("country_name"), at("region_code"),
              at("region_name"), at("old_la_code"),      at("new_la_code"),  at("la_name"),      {}};
    for (std::size_t i = 0; i < header.size(); ++i)
        if (directory.metric_keys.contains(header[i]))
            c.metrics.emplace_back(i, header[i]);
    return c;
}

} // namespace

void read_csww_rows(csv_reader& reader, const std::vector<std::string>& header, const import_directory& directory,
                    import_file& file)
{
    const auto cols = locate(header, directory);
    auto field = [&](const std::vector<std::string>& row, std::size_t column) {
        return column < row.size() ? trimmed(row[column]) : std::string();
    };
    std::map<std::pair<std::string, std::string>, std::int64_t> first_row; // (area or organisation, period) -> row
    std::vector<std::string> row;
    while (reader.next(row)) {
        ++file.rows_read;
        const auto line = reader.line();
        auto reject = [&](std::string code, std::string name, std::string reason) {
            file.rejected.push_back({line, std::move(code), std::move(name), std::move(reason)});
        };
        const auto level = field(row, cols.level);
        const bool local = level == "Local authority";
        const auto code = field(row, local ? cols.la_code : level == "Regional" ? cols.region_code : cols.country_code);
        const auto name = field(row, local ? cols.la_name : level == "Regional" ? cols.region_name : cols.country_name);
        if (row.size() != header.size()) {
            reject(code, name,
                   "has " + std::to_string(row.size()) + " fields where the header has " +
                       std::to_string(header.size()));
            continue;
        }
        const auto period = field(row, cols.period);
        if (period.size() != 4 || !is_period(period)) {
            reject(code, name, "time_period '" + period.substr(0, 40) + "' is not a year such as 2023");
            continue;
        }

        // Every figure of the row is read before anything of it is kept, so a bad cell rejects the whole row.
        std::vector<std::pair<std::string, cell>> cells;
        std::string bad_cell;
        for (const auto& [column, key] : cols.metrics) {
            auto c = read_cell(row[column]);
            if (c.kind == cell::invalid && bad_cell.empty())
                bad_cell = key + " holds '" + trimmed(row[column]).substr(0, 40) +
                           "', which is neither a number nor one of c, u, x, z, low";
            if (c.kind == cell::number || c.kind == cell::suppressed)
                cells.emplace_back(key, std::move(c));
        }
        if (!bad_cell.empty()) {
            reject(code, name, bad_cell);
            continue;
        }
        // A second row for the same area and year is rejected: which of the two is right cannot be told.
        auto first_seen = [&](const std::vector<std::string>& areas) -> bool {
            for (const auto& area : areas)
                if (auto it = first_row.find(std::pair(area, period)); it != first_row.end()) {
                    reject(code, name,
                           "repeats " + area + " for " + period + " (first on row " + std::to_string(it->second) + ")");
                    return false;
                }
            for (const auto& area : areas)
                first_row.emplace(std::pair(area, period), line);
            return true;
        };

        if (level == "National" || level == "Regional") {
            const auto area = upper(code);
            if (!is_area_code(area, level == "National" ? "92" : "12 13")) {
                reject(code, name,
                       level == "National" ? "country_code must be England's code, E92000001"
                                           : "region_code must be an E12 region or E13 London code");
                continue;
            }
            if (!first_seen({area}))
                continue;
            for (auto& [key, c] : cells)
                file.reference_values.push_back({area, name, key, period,
                                                 c.kind == cell::number ? std::optional(c.value) : std::nullopt,
                                                 c.kind == cell::suppressed ? std::optional(c.symbol) : std::nullopt});
            ++file.reference_rows;
            file.periods.insert(period);
            continue;
        }
        if (!local) {
            reject(code, name,
                   "geographic_level '" + level.substr(0, 40) + "' is not National, Regional or Local authority");
            continue;
        }

        const auto codes = split_joint(code);
        const auto names = split_joint(name);
        const auto numbers = split_joint(field(row, cols.la_number));
        std::vector<const organisation_ref*> authorities;
        std::string unknown;
        for (std::size_t i = 0; i < codes.size(); ++i) {
            auto found = directory.authorities_by_code.find(upper(codes[i]));
            if (found != directory.authorities_by_code.end()) {
                authorities.push_back(&found->second);
                continue;
            }
            if (numbers.size() == codes.size() && !numbers[i].empty()) {
                auto same_number = directory.authorities_by_dfe_number.find(numbers[i]);
                if (same_number != directory.authorities_by_dfe_number.end()) {
                    authorities.push_back(&same_number->second);
                    continue;
                }
            }
            if (!unknown.empty())
                unknown += " and ";
            unknown += (codes[i].empty() ? std::string("(no code)") : codes[i]) +
                       (codes.size() == names.size() ? " (" + names[i] + ")" : std::string()) +
                       (numbers.size() == codes.size() ? ", DfE number " + numbers[i] + "," : std::string());
        }
        if (!unknown.empty()) {
            reject(code, name,
                   unknown + " is not a local authority in the directory (abolished, or not yet "
                             "created), so its figures were not imported");
            continue;
        }
        std::vector<std::string> authority_codes;
        authority_codes.reserve(authorities.size());
        for (const auto* a : authorities)
            authority_codes.push_back(a->code);
        // "X / X", or an old code and its successor's DfE number: one authority cannot be both halves of a return.
        auto sorted = authority_codes;
        std::sort(sorted.begin(), sorted.end());
        if (auto twice = std::adjacent_find(sorted.begin(), sorted.end()); twice != sorted.end()) {
            reject(code, name, "names " + *twice + " twice in one joint return");
            continue;
        }
        if (!first_seen(authority_codes))
            continue;
        const bool joint = authorities.size() > 1;
        for (const auto* a : authorities)
            for (auto& [key, c] : cells)
                file.values.push_back({a->id, key, period,
                                       c.kind == cell::number ? std::optional(c.value) : std::nullopt,
                                       c.kind == cell::suppressed ? std::optional(c.symbol) : std::nullopt,
                                       joint ? std::optional(name) : std::nullopt});
        if (joint)
            ++file.joint_rows;
        file.periods.insert(period);
    }
}

} // namespace pswnet::benchmarking
