// What benchmarking holds about a person, for their data export: the local figures they entered or shared for their
// organisation. Nothing is forgotten when they delete their account: the figures are their organisation's.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <cstdint>

namespace pswnet::benchmarking::person_data {

// {"local_figures_saved": [...]}
nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id);

} // namespace pswnet::benchmarking::person_data
