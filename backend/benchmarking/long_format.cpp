// The long layout, for figures the DfE file does not carry (adults' services, local definitions):
// organisation_code,period,metric_key,value. Codes of England (E92), regions (E12) and Inner/Outer London (E13)
// become reference figures; any other code must be an organisation in the directory.
#include "benchmarking/csv_reader.hpp"
#include "benchmarking/import_file.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace pswnet::benchmarking {
namespace {

bool is_reference_area(const std::string& code)
{
    return code.size() == 9 && (code.starts_with("E92") || code.starts_with("E12") || code.starts_with("E13")) &&
           std::all_of(code.begin() + 1, code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

void read_long_rows(csv_reader& reader, const std::vector<std::string>& header, const import_directory& directory,
                    import_file& file)
{
    std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> first_row;
    std::vector<std::string> row;
    while (reader.next(row)) {
        ++file.rows_read;
        const auto line = reader.line();
        auto code = row.empty() ? std::string() : trimmed(row[0]);
        std::transform(code.begin(), code.end(), code.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        auto reject = [&](std::string name, std::string reason) {
            file.rejected.push_back({line, code, std::move(name), std::move(reason)});
        };
        if (row.size() != header.size()) {
            reject("", "has " + std::to_string(row.size()) + " fields where the header has " +
                           std::to_string(header.size()));
            continue;
        }
        const auto period = trimmed(row[1]);
        const auto key = trimmed(row[2]);
        auto found = directory.authorities_by_code.find(code);
        const bool reference = found == directory.authorities_by_code.end() && is_reference_area(code);
        const std::string name = found != directory.authorities_by_code.end() ? found->second.name : std::string();
        if (found == directory.authorities_by_code.end() && !reference) {
            reject("", "organisation_code '" + code.substr(0, 40) +
                           "' is not an organisation in the directory, "
                           "England (E92), a region (E12) or Inner/Outer London (E13)");
            continue;
        }
        if (!is_period(period)) {
            reject(name, "period '" + period.substr(0, 40) + "' must be a year (2024) or a quarter (2024-Q2)");
            continue;
        }
        if (!directory.metric_keys.contains(key)) {
            reject(name, "metric_key '" + key.substr(0, 64) +
                             "' is not in the metric catalogue; a network "
                             "administrator adds it first");
            continue;
        }
        auto c = read_cell(row[3]);
        if (c.kind == cell::blank || c.kind == cell::invalid) {
            reject(name, c.kind == cell::blank ? "value is blank: give a number or one of c, u, x, z, low"
                                               : "value '" + trimmed(row[3]).substr(0, 40) +
                                                     "' is neither a number nor one of c, u, x, z, low");
            continue;
        }
        auto [it, inserted] = first_row.emplace(std::tuple(code, period, key), line);
        if (!inserted) {
            reject(name, "repeats " + key + " for " + period + " (first on row " + std::to_string(it->second) + ")");
            continue;
        }
        std::optional<double> value = c.kind == cell::number ? std::optional(c.value) : std::nullopt;
        std::optional<std::string> symbol = c.kind == cell::suppressed ? std::optional(c.symbol) : std::nullopt;
        if (reference) {
            file.reference_values.push_back({code, code, key, period, value, symbol});
            ++file.reference_rows;
        } else
            file.values.push_back({found->second.id, key, period, value, symbol, std::nullopt});
        file.periods.insert(period);
    }
}

} // namespace pswnet::benchmarking
