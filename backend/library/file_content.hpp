// File content stored once per SHA-256, in chunks of 1 MiB (PostgreSQL's bytea is best kept small), and purged once
// only deleted resources refer to it. Runs inside the library store's transactions.
#pragma once

#include <pqxx/pqxx>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace pswnet::library::file_content {

// Stores the content under its SHA-256 unless it is stored already (a second upload of the same bytes only adds
// a version pointing at it), or revives it if it was purged.
void store(pqxx::work& tx, const std::string& sha256, std::string_view content);

std::string read(pqxx::transaction_base& tx, const std::string& sha256, std::int64_t size);

// Removes the content that only resources deleted more than `retention` ago refer to; returns how many distinct
// contents were purged.
int purge_deleted(pqxx::work& tx, std::chrono::hours retention);

} // namespace pswnet::library::file_content
