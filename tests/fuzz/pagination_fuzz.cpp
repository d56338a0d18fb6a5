// Fuzzes cursor decoding and ?limit= of list endpoints (read_page_request, both cursor kinds).
// Input: one byte of flags, then "limit\ncursor" (each optional).
// Beyond "no crash": a request is either read or refused with one validation error (422 naming limit or cursor);
// what is read is in range (a limit from 1 to the maximum, a positive id, a time-like key of at most 40
// characters); and every cursor the service gives out (page_envelope) reads back as the same position.
#include "fuzz_support.hpp"
#include "net/pagination.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace {

using pswnet::cursor_kind;
using pswnet::fuzz::expect;

pswnet::page_request read(const pswnet::request& req, std::map<std::string, std::string, std::less<>> query,
                          int max_limit, cursor_kind kind)
{
    pswnet::request_context ctx{req, "", "", "", false, "/list", {}, std::move(query), {}, {}};
    return pswnet::read_page_request(ctx, 20, max_limit, kind);
}

bool time_like(const std::string& key)
{
    return !key.empty() && key.size() <= 40 && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == ':' || c == 'T' || c == 'Z' || c == '.';
    });
}

void round_trip(const pswnet::request& req, std::int64_t id, const std::string& key)
{
    if (id <= 0)
        return;
    auto page = pswnet::page_envelope(pswnet::http_json::json::array(), std::optional<std::int64_t>(id));
    auto back = read(req, {{"cursor", page["next_cursor"].get<std::string>()}}, 100, cursor_kind::id);
    expect(back.after_id == id, "an id cursor the service gave out reads back as the same id");
    if (!time_like(key))
        return;
    auto positioned = pswnet::page_envelope(pswnet::http_json::json::array(),
                                            std::optional<pswnet::keyset_position>(pswnet::keyset_position{key, id}));
    auto again = read(req, {{"cursor", positioned["next_cursor"].get<std::string>()}}, 100, cursor_kind::position);
    expect(again.after_position && again.after_position->key == key && again.after_position->id == id,
           "a position cursor the service gave out reads back as the same position");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const auto flags = data[0];
    const auto rest = pswnet::fuzz::as_text(data + 1, size - 1);
    const auto newline = rest.find('\n');
    const bool has_limit = (flags & 1) != 0;
    const int max_limit = (flags & 2) ? 100 : 50;
    std::map<std::string, std::string, std::less<>> query;
    if (has_limit)
        query.emplace("limit", std::string(rest.substr(0, newline)));
    if (newline != std::string_view::npos || !has_limit)
        query.emplace("cursor", std::string(newline == std::string_view::npos ? rest : rest.substr(newline + 1)));

    pswnet::request req;
    for (auto kind : {cursor_kind::id, cursor_kind::position}) {
        try {
            auto page = read(req, query, max_limit, kind);
            expect(page.limit >= 1 && page.limit <= max_limit, "the limit is from 1 to the maximum");
            expect(!page.after_id || *page.after_id > 0, "a cursor id is positive");
            expect(kind == cursor_kind::id || !page.after_id, "a position cursor gives no bare id");
            if (page.after_position) {
                expect(time_like(page.after_position->key), "a position's key is a time of at most 40 characters");
                expect(page.after_position->id > 0, "a position's id is positive");
            }
        } catch (const pswnet::api_error& e) {
            expect(e.code() == pswnet::errc::validation_failed && !e.errors().empty() &&
                       (e.errors()[0].field == "limit" || e.errors()[0].field == "cursor"),
                   "a bad limit or cursor is a 422 naming it");
        }
    }

    // Cursors the service itself writes, for positions made from the input.
    std::int64_t id = 0;
    std::memcpy(&id, data, std::min(size, sizeof id));
    std::string key;
    static constexpr std::string_view alphabet = "0123456789-:TZ.";
    for (std::size_t i = sizeof id; i < size && key.size() < 41; ++i)
        key.push_back(alphabet[data[i] % alphabet.size()]);
    round_trip(req, id, key);
    return 0;
}
