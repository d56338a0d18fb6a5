// One CSV writer for every export: RFC 4180 quoting, CRLF line ends, a byte-order mark so that Excel reads UTF-8,
// and text cells that a spreadsheet would run as a formula neutralised with a leading apostrophe.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet::csv {

// A text cell. Text that starts with = + - @ (or their full-width forms ＝ ＋ － ＠), a tab or a carriage return,
// also after leading white space, is prefixed with an apostrophe so that no spreadsheet evaluates it.
std::string text(std::string_view value);

// A number cell: the shortest text that reads back as the same double; empty when there is no value.
std::string number(std::optional<double> value);
std::string integer(std::optional<long long> value);

class writer {
public:
    writer();

    // Cells made by text(), number() or integer().
    void row(std::initializer_list<std::string> cells);
    void row(const std::vector<std::string>& cells);

    const std::string& str() const noexcept { return out_; }

private:
    std::string out_;
};

} // namespace pswnet::csv
