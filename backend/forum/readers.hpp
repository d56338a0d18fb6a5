// Forum's published way for another capability to set who can read a thread, inside that capability's own
// transaction: the library narrows a resource's discussions to the resource's visibility, and widens them again.
#pragma once

#include "forum/model.hpp"

#include <pqxx/pqxx>

#include <cstdint>

namespace pswnet::forum {

void set_readers(pqxx::work& tx, std::int64_t thread_id, const thread_readers& readers);

} // namespace pswnet::forum
