// Reads RFC 4180 CSV from text held in memory: quoted fields with commas, doubled quotes and line breaks, CRLF or
// LF line ends, and a UTF-8 byte-order mark or none.
#pragma once

#include "core/utf8.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet::benchmarking {

class csv_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class csv_reader {
public:
    explicit csv_reader(std::string_view text);

    // The next record into fields; false at the end. csv_error for a quote that is never closed.
    bool next(std::vector<std::string>& fields);

    // The line on which the last record began (the first line is 1).
    std::int64_t line() const noexcept { return record_line_; }

    // How far through the text the reader is, from 0 to 1.
    double progress() const noexcept;

private:
    std::string_view text_;
    std::size_t at_ = 0;
    std::int64_t next_line_ = 1;
    std::int64_t record_line_ = 0;
};

} // namespace pswnet::benchmarking
