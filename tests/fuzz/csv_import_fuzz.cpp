// Fuzzes the benchmarking import: the CSV reader, and read_import_file with the DfE (csww) and long layouts against
// a small directory (the authorities of tests/fixtures/benchmarking, with their DfE numbers).
// Input: one byte choosing the format (none: detected from the header, dfe_csww or long), then the file.
// Beyond "no crash": the CSV reader's records survive a round trip (written back with every field quoted, they read
// the same) and its line numbers never go back; the import either returns a report or refuses the whole file
// with one 422 naming "body"; it reads every record after the header; each row is either rejected (with a reason)
// or kept; every kept figure names a known metric, a valid period that the report lists, a known authority or an
// England/region/London code, and a finite number or a suppression symbol; and no figure is there twice for the
// same authority (or area), metric and period, which the database's upsert would refuse.
#include "benchmarking/csv_reader.hpp"
#include "benchmarking/import_file.hpp"
#include "core/error.hpp"
#include "fuzz_support.hpp"

#include <cmath>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace {

namespace bm = pswnet::benchmarking;
using pswnet::fuzz::expect;

const bm::import_directory& directory()
{
    static const bm::import_directory d = [] {
        bm::import_directory dir;
        const std::vector<std::tuple<std::int64_t, std::string, std::string, std::string>> authorities{
            {1, "Southampton", "E06000045", "852"},
            {2, "Wiltshire", "E06000054", "865"},
            {3, "Southwark", "E09000028", "210"},
            {4, "Kingston upon Thames", "E09000021", "314"},
            {5, "Richmond upon Thames", "E09000027", "318"},
            {6, "County Durham", "E06000047", "840"},
            {7, "Barnsley", "E08000038", "370"},
            {8, "Darlington", "E06000005", "841"}};
        for (const auto& [id, name, code, number] : authorities) {
            dir.authorities_by_code.emplace(code, pswnet::organisation_ref{id, name, code});
            dir.authorities_by_dfe_number.emplace(number, pswnet::organisation_ref{id, name, code});
        }
        dir.metric_keys = {"inpost_fte",   "turnover_rate_fte", "agency_rate_fte",    "vacancy_rate_fte",
                           "caseload_fte", "absence_rate_fte",  "adults_vacancy_rate"};
        return dir;
    }();
    return d;
}

std::string quoted(const std::vector<std::string>& record)
{
    std::string line;
    for (std::size_t i = 0; i < record.size(); ++i) {
        line += i == 0 ? "\"" : ",\"";
        for (char c : record[i])
            line += c == '"' ? std::string("\"\"") : std::string(1, c);
        line += '"';
    }
    return line + "\r\n";
}

// All records, or nullopt when a quote is never closed. Checks line numbers and progress on the way.
std::optional<std::vector<std::vector<std::string>>> records_of(std::string_view text)
{
    bm::csv_reader reader(text);
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> fields;
    std::int64_t last_line = 0;
    try {
        while (reader.next(fields)) {
            expect(!fields.empty(), "a record has at least one field");
            expect(reader.line() > last_line, "each record starts on a later line");
            expect(reader.progress() >= 0.0 && reader.progress() <= 1.0, "progress is from 0 to 1");
            last_line = reader.line();
            records.push_back(fields);
        }
    } catch (const bm::csv_error&) {
        return std::nullopt;
    }
    expect(reader.progress() == 1.0, "the reader reaches the end");
    return records;
}

void check_csv(std::string_view text)
{
    auto records = records_of(text);
    if (!records)
        return;
    std::string written;
    for (const auto& record : *records)
        written += quoted(record);
    auto again = records_of(written);
    expect(again && *again == *records, "records written back with quotes read the same");
}

bool is_area_code(const std::string& code)
{
    return code.size() == 9 && (code.starts_with("E92") || code.starts_with("E12") || code.starts_with("E13"));
}

void check_figure(const std::string& metric, const std::string& period, const std::optional<double>& value,
                  const std::optional<std::string>& suppression, const bm::import_file& file)
{
    expect(directory().metric_keys.contains(metric), "every figure is of a known metric");
    expect(bm::is_period(period) && file.periods.contains(period), "every figure's period is valid and listed");
    expect(value.has_value() != suppression.has_value(), "a figure is a number or a suppression, not both");
    expect(!value || std::isfinite(*value), "numbers are finite");
    static const std::set<std::string> symbols{"c", "u", "x", "z", "low"};
    expect(!suppression || symbols.contains(*suppression), "suppressions are c, u, x, z or low");
}

void check_import(std::string_view text, std::optional<bm::import_format> format)
{
    bm::import_file file;
    try {
        file = bm::read_import_file(text, format, directory());
    } catch (const pswnet::api_error& e) {
        expect(e.code() == pswnet::errc::validation_failed && e.errors().size() == 1 && e.errors()[0].field == "body",
               "a file that cannot be imported is one 422 naming body");
        return;
    } catch (const std::exception& e) {
        pswnet::fuzz::fail(std::string("the import threw something other than api_error: ") + e.what());
    }
    auto records = records_of(text);
    expect(records && !records->empty(), "an imported file has a header");
    expect(file.rows_read == static_cast<std::int64_t>(records->size()) - 1, "every record after the header is read");
    expect(!format || file.format == *format, "the format asked for is the one read");

    std::int64_t last = 0;
    for (const auto& r : file.rejected) {
        expect(r.row >= 2 && r.row >= last, "rejected rows are after the header, in order");
        expect(!r.reason.empty(), "a rejected row says why");
        last = r.row;
    }
    const auto kept = file.rows_read - static_cast<std::int64_t>(file.rejected.size());
    expect(kept >= 0, "no row is both kept and rejected");
    expect(file.reference_rows >= 0 && file.joint_rows >= 0 && file.reference_rows + file.joint_rows <= kept,
           "reference and joint rows are among the rows kept");
    if (file.format == bm::import_format::long_values)
        expect(static_cast<std::int64_t>(file.values.size() + file.reference_values.size()) == kept &&
                   static_cast<std::int64_t>(file.reference_values.size()) == file.reference_rows,
               "each kept long row is one figure");

    std::set<std::int64_t> ids;
    for (const auto& [number, authority] : directory().authorities_by_dfe_number)
        ids.insert(authority.id);
    std::set<std::tuple<std::int64_t, std::string, std::string>> seen_values;
    for (const auto& v : file.values) {
        expect(ids.contains(v.organisation_id), "every figure is of an authority in the directory");
        check_figure(v.metric_key, v.period, v.value, v.suppression, file);
        expect(seen_values.emplace(v.organisation_id, v.metric_key, v.period).second,
               "no authority has two figures for one metric and period");
    }
    std::set<std::tuple<std::string, std::string, std::string>> seen_areas;
    for (const auto& v : file.reference_values) {
        expect(is_area_code(v.area_code), "reference figures are of England, a region or Inner/Outer London");
        check_figure(v.metric_key, v.period, v.value, v.suppression, file);
        expect(seen_areas.emplace(v.area_code, v.metric_key, v.period).second,
               "no area has two figures for one metric and period");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const auto text = pswnet::fuzz::as_text(data + 1, size - 1);
    check_csv(text);
    const std::optional<bm::import_format> formats[] = {std::nullopt, bm::import_format::dfe_csww,
                                                        bm::import_format::long_values};
    check_import(text, formats[data[0] % 3]);
    auto c = bm::read_cell(text.substr(0, 64));
    expect(c.kind != bm::cell::number || std::isfinite(c.value), "a number cell is finite");
    return 0;
}
