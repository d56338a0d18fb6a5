#include "data_rights/archive.hpp"

#include <zip.h>

#include <memory>
#include <stdexcept>

namespace pswnet::data_rights {
namespace {

struct source_deleter {
    void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using source_ptr = std::unique_ptr<zip_source_t, source_deleter>;

[[noreturn]] void fail(const char* what, zip_error_t* error)
{
    std::string message = std::string(what) + ": " + zip_error_strerror(error);
    zip_error_fini(error);
    throw std::runtime_error(message);
}

std::string read_all(zip_source_t* buffer)
{
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer, &stat) < 0 || zip_source_open(buffer) < 0)
        fail("could not read the archive", zip_source_error(buffer));
    std::string bytes(stat.size, '\0');
    auto read = zip_source_read(buffer, bytes.data(), bytes.size());
    zip_source_close(buffer);
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size)
        throw std::runtime_error("could not read the whole archive");
    return bytes;
}

} // namespace

void archive::add_text(std::string path, std::string content)
{
    entries_.push_back({std::move(path), std::move(content), true});
}

void archive::add_file(std::string path, std::string content)
{
    entries_.push_back({std::move(path), std::move(content), false});
}

std::string archive::write() &&
{
    zip_error_t error;
    zip_error_init(&error);
    source_ptr buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!buffer)
        fail("could not start the archive", &error);
    zip_t* zip = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
    if (!zip)
        fail("could not start the archive", &error);
    zip_source_keep(buffer.get()); // the archive frees its source when closed: the bytes are read after
    for (const auto& e : entries_) {
        zip_source_t* content = zip_source_buffer(zip, e.content.data(), e.content.size(), 0);
        zip_int64_t index = content ? zip_file_add(zip, e.path.c_str(), content, ZIP_FL_ENC_UTF_8) : -1;
        if (index < 0) {
            if (content)
                zip_source_free(content);
            zip_discard(zip);
            throw std::runtime_error("could not add " + e.path + " to the archive");
        }
        if (zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), e.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
                                     0) < 0) {
            zip_discard(zip);
            throw std::runtime_error("could not choose the compression of " + e.path);
        }
    }
    if (zip_close(zip) < 0) {
        std::string message = std::string("could not write the archive: ") + zip_strerror(zip);
        zip_discard(zip);
        throw std::runtime_error(message);
    }
    entries_.clear();
    return read_all(buffer.get());
}

} // namespace pswnet::data_rights
