// A ZIP archive built in memory with libzip: text entries deflated, files stored as they are (documents and PDFs
// are compressed already).
#pragma once

#include <deque>
#include <string>

namespace pswnet::data_rights {

class archive {
public:
    // The content is kept until written: it must stay as it is.
    void add_text(std::string path, std::string content);
    void add_file(std::string path, std::string content);

    // The whole archive; the entries' content is let go once written, before the bytes are copied out. Throws
    // std::runtime_error when libzip fails.
    std::string write() &&;

private:
    struct entry {
        std::string path;
        std::string content;
        bool compress = false;
    };
    std::deque<entry> entries_;
};

} // namespace pswnet::data_rights
