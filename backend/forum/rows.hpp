// Column lists and row readers shared by the discussion stores, so every query returns threads and posts in one
// shape.
#pragma once

#include "forum/model.hpp"

#include <pqxx/pqxx>

namespace pswnet::forum::rows {

// thread_column_count columns; $1 must be the viewer's user id (for "subscribed"). Needs "FROM threads t JOIN
// people a ...".
extern const char* const thread_columns;
inline constexpr pqxx::row::size_type thread_column_count = 23;
extern const char* const thread_from;
// 17 columns; $2 must be the viewer's user id (for "my_reactions"). Needs "FROM posts p JOIN people pa ...".
extern const char* const post_columns;
extern const char* const post_from;

// For a pqxx::row, or a db::pipelined_row (a statement sent with its transaction's BEGIN or COMMIT).
template <class Row> thread_summary read_thread(const Row& row, pqxx::row::size_type at = 0);
template <class Row> post read_post(const Row& row, pqxx::row::size_type at = 0);
template <class Row> author read_author(const Row& row, pqxx::row::size_type at);

std::vector<std::string> split(const std::string& text, char separator = ',');
std::string join(const std::vector<std::string>& values, char separator = ',');

} // namespace pswnet::forum::rows
