// Static file serving from an in-memory copy of the webclient build.
#include "net/static_files.hpp"

#include "core/crypto.hpp"
#include "core/sizes.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace pswnet {
namespace {

constexpr std::uintmax_t max_file_size = 20 * mib;

std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

bool is_page_route(std::string_view path)
{
    auto last = path.substr(path.rfind('/') + 1);
    return last.find('.') == std::string_view::npos;
}

} // namespace

std::string_view content_type_for(std::string_view extension) noexcept
{
    static constexpr std::pair<std::string_view, std::string_view> types[]{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".map", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".jpg", "image/jpeg"},
        {".woff", "font/woff"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
    };
    for (const auto& [ext, type] : types)
        if (ext == extension)
            return type;
    return "application/octet-stream";
}

static_files::static_files(const std::filesystem::path& root)
{
    if (!std::filesystem::is_regular_file(root / "index.html"))
        throw std::runtime_error("the static folder " + root.string() + " has no index.html; build the webclient");
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file() || entry.file_size() > max_file_size)
            continue;
        auto relative = "/" + std::filesystem::relative(entry.path(), root).generic_string();
        file f;
        f.body = read_file(entry.path());
        f.content_type = std::string(content_type_for(entry.path().extension().string()));
        f.etag = "\"" + crypto::sha256_hex(f.body).substr(0, 32) + "\"";
        f.immutable = relative.rfind("/assets/", 0) == 0;
        files_.emplace(std::move(relative), std::move(f));
    }
}

std::optional<response> static_files::serve(const request& req, std::string_view path) const
{
    if (path == "/")
        path = "/index.html";
    if (auto it = files_.find(path); it != files_.end())
        return respond(req, it->second);
    if (is_page_route(path))
        return respond(req, files_.find(std::string_view("/index.html"))->second);
    return std::nullopt;
}

response static_files::respond(const request& req, const file& f) const
{
    if (req[http::field::if_none_match] == f.etag) {
        response res{http::status::not_modified, req.version()};
        res.set(http::field::etag, f.etag);
        return res;
    }
    response res{http::status::ok, req.version()};
    res.set(http::field::content_type, f.content_type);
    res.set(http::field::etag, f.etag);
    res.set(http::field::cache_control, f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    res.body() = f.body;
    res.prepare_payload();
    return res;
}

} // namespace pswnet
