// The CSV reader. Blank lines are skipped; a record's fields are copied out, so the text is read only once.
#include "benchmarking/csv_reader.hpp"

namespace pswnet::benchmarking {

csv_reader::csv_reader(std::string_view text) : text_(text)
{
    if (text_.starts_with("\xEF\xBB\xBF"))
        at_ = 3;
}

double csv_reader::progress() const noexcept
{
    return text_.empty() ? 1.0 : static_cast<double>(at_) / static_cast<double>(text_.size());
}

bool csv_reader::next(std::vector<std::string>& fields)
{
    fields.clear();
    // Skip blank lines between records.
    while (at_ < text_.size() && (text_[at_] == '\n' || text_[at_] == '\r')) {
        if (text_[at_] == '\n')
            ++next_line_;
        ++at_;
    }
    if (at_ >= text_.size())
        return false;
    record_line_ = next_line_;
    std::string field;
    bool quoted = false;
    while (at_ < text_.size()) {
        char c = text_[at_++];
        if (quoted) {
            if (c == '"') {
                if (at_ < text_.size() && text_[at_] == '"') {
                    field.push_back('"');
                    ++at_;
                } else
                    quoted = false;
            } else {
                if (c == '\n')
                    ++next_line_;
                field.push_back(c);
            }
        } else if (c == '"' && field.empty())
            quoted = true;
        else if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && at_ < text_.size() && text_[at_] == '\n')
                ++at_;
            ++next_line_;
            break;
        } else
            field.push_back(c);
    }
    if (quoted)
        throw csv_error("a quoted field that begins on line " + std::to_string(record_line_) + " is never closed");
    fields.push_back(std::move(field));
    return true;
}

} // namespace pswnet::benchmarking
