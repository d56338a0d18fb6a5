// What the library holds about a person, for their data export: the resources they shared, the files they uploaded
// (with their content, for the archive) and the adoptions they recorded. Nothing is forgotten when they delete their
// account: what they shared is the network's record, attributed to a former member.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <cstdint>
#include <string>
#include <vector>

namespace pswnet::library::person_data {

struct uploaded_file {
    std::int64_t resource_id = 0;
    int version = 0;
    std::string filename; // safe to save under
    std::string sha256;
    std::int64_t size = 0;
    std::string uploaded_at;
};

// {"resources_shared": [...], "adoptions_recorded": [...]}
nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id);

// Every file version they uploaded, oldest first, deleted resources' included while their content is kept.
std::vector<uploaded_file> files_uploaded(pqxx::transaction_base& tx, std::int64_t user_id);

std::string content_of(pqxx::transaction_base& tx, const uploaded_file& file);

} // namespace pswnet::library::person_data
