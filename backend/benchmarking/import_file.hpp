// Reading an import file into figures: the DfE children's social work workforce layout, or the long layout
// (organisation_code, period, metric_key, value). Pure: the caller supplies the directory and the metric keys.
// Problems with the whole file are api_errors naming "body"; problems with a row reject that row with a reason.
#pragma once

#include "core/sizes.hpp"

#include "benchmarking/model.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet::benchmarking {

struct import_directory {
    std::map<std::string, organisation_ref, std::less<>> authorities_by_code; // upper-case ONS code
    // Authorities keep their DfE number when the ONS recodes them (Barnsley E08000016 -> E08000038, North
    // Yorkshire and Somerset on becoming unitary); abolished or merged ones get a new number.
    std::map<std::string, organisation_ref, std::less<>> authorities_by_dfe_number;
    std::set<std::string, std::less<>> metric_keys;
};

struct imported_value {
    std::int64_t organisation_id = 0;
    std::string metric_key, period;
    std::optional<double> value;
    std::optional<std::string> suppression;
    std::optional<std::string> joint_with;
};

struct imported_reference_value {
    std::string area_code, area_name, metric_key, period;
    std::optional<double> value;
    std::optional<std::string> suppression;
};

struct import_file {
    import_format format = import_format::dfe_csww;
    std::int64_t rows_read = 0;
    std::int64_t reference_rows = 0;
    std::int64_t joint_rows = 0;
    std::vector<imported_value> values;
    std::vector<imported_reference_value> reference_values;
    std::vector<rejected_row> rejected;
    std::set<std::string> periods;
};

inline constexpr std::size_t max_import_bytes = 20 * mib;

std::string_view to_string(import_format f) noexcept;
std::optional<import_format> parse_import_format(std::string_view text) noexcept;

// The format named, or the one the header row shows.
import_file read_import_file(std::string_view text, std::optional<import_format> format,
                             const import_directory& directory);

// A cell of a figure: a number, a suppression symbol (c, u, x, z, low), blank, or neither.
struct cell {
    enum kind { number, suppressed, blank, invalid } kind = invalid;
    double value = 0;
    std::string symbol;
};
cell read_cell(std::string_view text);

bool is_period(std::string_view text) noexcept;

// The text without leading and trailing spaces and tabs.
std::string trimmed(std::string_view text);

// Implementations of each layout, called by read_import_file after it has read the header.
class csv_reader;
void read_csww_rows(csv_reader& reader, const std::vector<std::string>& header, const import_directory& directory,
                    import_file& file);
void read_long_rows(csv_reader& reader, const std::vector<std::string>& header, const import_directory& directory,
                    import_file& file);

} // namespace pswnet::benchmarking
