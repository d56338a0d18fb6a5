// A resource's endorsements as both library stores read them: the organisations that use it, by name.
#pragma once

#include "library/model.hpp"

#include <pqxx/pqxx>

#include <cstdint>
#include <vector>

namespace pswnet::library {

std::vector<endorsement> read_endorsements(pqxx::transaction_base& tx, std::int64_t resource_id);

} // namespace pswnet::library
