// JSON of benchmarking's types, as the API contract (schemas/openapi.yaml) describes them.
#pragma once

#include "benchmarking/import_file.hpp"
#include "benchmarking/model.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace pswnet::benchmarking {

std::string_view to_string(polarity p) noexcept;
std::optional<polarity> parse_polarity(std::string_view text) noexcept;
std::string_view to_string(group_kind g) noexcept;
std::optional<group_kind> parse_group(std::string_view text) noexcept;
std::string period_label(const std::string& period);

nlohmann::json to_json(const metric& m);
nlohmann::json to_json(const figure& f);
nlohmann::json to_json(const reference_figure& r);
nlohmann::json to_json(const member& m);
nlohmann::json to_json(const comparison& c);
nlohmann::json to_json(const trend& t);
nlohmann::json to_json(const dashboard& d);
nlohmann::json to_json(const period_summary& p);
nlohmann::json to_json(const import_report& r);
nlohmann::json to_json(const period_figures& p);

// Rows of an import as the store sends them to jsonb_to_recordset.
nlohmann::json to_json(const imported_value& v);
nlohmann::json to_json(const imported_reference_value& v);

// The parts of a report kept in benchmark_imports.report (the rest are columns).
nlohmann::json stored_json(const import_report& r);
import_report from_stored_json(const nlohmann::json& j);

} // namespace pswnet::benchmarking
