// The built webclient, read into memory once at start and served with content types, ETags, long caching
// for hashed assets and index.html for client-side routes.
#pragma once

#include "net/request_context.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace pswnet {

class static_files {
public:
    // Reads every file below root; throws std::runtime_error when root has no index.html.
    explicit static_files(const std::filesystem::path& root);

    // A response for a GET or HEAD of path, or nullopt when nothing is there (and it is not a page route).
    std::optional<response> serve(const request& req, std::string_view path) const;

    std::size_t file_count() const noexcept { return files_.size(); }

private:
    struct file {
        std::string body;
        std::string content_type;
        std::string etag;
        bool immutable = false;
    };

    response respond(const request& req, const file& f) const;

    std::map<std::string, file, std::less<>> files_;
};

std::string_view content_type_for(std::string_view extension) noexcept;

} // namespace pswnet
