#include "app/demo_content.hpp"

#include "app/demo_files.hpp"
#include "core/embedded_file.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>
#include <regex>

namespace pswnet {

std::vector<embedded_file> demo_content_files(); // generated from app/demo_content.json

namespace {

using nlohmann::json;

constexpr const char* demo_password = "demo-password-2026";

// What a step's placeholders stand for: ids saved by earlier steps, people, organisations and days.
struct replay_state {
    std::map<std::string, std::int64_t> saved;
    std::map<std::string, std::int64_t> people;
    std::map<std::string, std::int64_t> organisations; // by code
};

// The day, or the moment to the minute, N days from now, in UTC: near enough to London's for demo content.
std::string utc_text(int days_from_now, const char* format)
{
    const auto when =
        std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + std::chrono::days(days_from_now));
    std::tm tm{};
    gmtime_r(&when, &tm);
    char text[32];
    std::strftime(text, sizeof text, format, &tm);
    return text;
}

// "{key}", "{person:key}", "{organisation:CODE}", "{date:+N}" (YYYY-MM-DD) or "{moment:-N}" (RFC 3339): a number or a string.
json resolved(const std::string& token, const replay_state& state)
{
    static const std::regex days(R"(^(date|moment):([+-]\d+)$)");
    std::smatch m;
    if (std::regex_match(token, m, days)) {
        const int n = std::stoi(m[2].str());
        return utc_text(n, m[1].str() == "date" ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:00Z");
    }
    auto find = [&](const std::map<std::string, std::int64_t>& in, const std::string& key) {
        auto it = in.find(key);
        if (it == in.end())
            throw std::runtime_error("demo content: nothing is known as {" + token + "}");
        return it->second;
    };
    if (token.rfind("person:", 0) == 0)
        return find(state.people, token.substr(7));
    if (token.rfind("organisation:", 0) == 0)
        return find(state.organisations, token.substr(13));
    return find(state.saved, token);
}

// Strings that are exactly "{...}" become what they stand for, in objects and arrays alike.
json filled(const json& value, const replay_state& state)
{
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        if (text.size() > 2 && text.front() == '{' && text.back() == '}')
            return resolved(text.substr(1, text.size() - 2), state);
        return value;
    }
    json out = value;
    if (value.is_object() || value.is_array())
        for (auto& item : out)
            item = filled(item, state);
    return out;
}

std::string filled_path(std::string path, const replay_state& state)
{
    static const std::regex placeholder(R"(\{([^}]+)\})");
    std::string out;
    std::smatch m;
    while (std::regex_search(path, m, placeholder)) {
        auto value = resolved(m[1].str(), state);
        out += m.prefix().str() +
               (value.is_string() ? value.get<std::string>() : std::to_string(value.get<std::int64_t>()));
        path = m.suffix().str();
    }
    return out + path;
}

struct call {
    http::verb method;
    std::string path;
    std::string body;
    std::string content_type;
    std::string filename; // for an upload
};

// One API call as `who`, through the router in-process; the answer's JSON (null when it has none).
awaitable<json> replay(application& app, const principal& who, const call& c)
{
    request req{c.method, c.path, 11};
    req.set(http::field::content_type, c.content_type);
    if (!c.filename.empty())
        req.set("X-Filename", c.filename);
    req.body() = c.body;
    req.prepare_payload();
    auto match = app.router.match(c.method, c.path);
    if (!match.route)
        throw std::runtime_error("demo content: no route for " + c.path);
    request_context ctx{req, "seed-demo", "127.0.0.1", "http://localhost:8080", false, match.route->path, match.params,
                        {},  who,         {}};
    response res;
    try {
        res = co_await match.route->handler(ctx);
    } catch (const api_error& e) {
        std::string details;
        for (const auto& f : e.errors())
            details += " " + f.field + ": " + f.message + ";";
        throw std::runtime_error("demo content: " + c.path + " was refused: " + e.what() + details);
    }
    if (res.result_int() >= 300)
        throw std::runtime_error("demo content: " + c.path + " answered " + std::to_string(res.result_int()));
    co_return res.body().empty() ? json(nullptr) : json::parse(res.body());
}

call call_of(const json& step, const replay_state& state)
{
    call c{http::string_to_verb(step.at("method").get<std::string>()),
           filled_path(step.at("path"), state),
           {},
           "application/json",
           {}};
    if (auto file = step.find("file"); file != step.end()) {
        const auto format = file->at("format").get<std::string>();
        c.body = demo_files::make(format, {file->at("title"), file->at("paragraphs").get<std::vector<std::string>>()});
        c.content_type = "application/octet-stream";
        c.filename = file->at("filename");
    } else if (auto body = step.find("body"); body != step.end()) {
        c.body = filled(*body, state).dump();
    }
    return c;
}

// Adds the content's people; false when any of them was there already (the content is seeded).
awaitable<bool> add_people(application& app, const json& people, replay_state& state)
{
    bool all_new = true;
    for (const auto& p : people) {
        const auto code = p.at("organisation").get<std::string>();
        auto organisation = co_await app.directory.find_by_code_or_id(code);
        if (!organisation)
            throw std::runtime_error("demo content: no organisation " + code);
        state.organisations[code] = organisation->id;
        std::vector<role> roles;
        for (const auto& r : p.at("roles"))
            roles.push_back(parse_role(r.get<std::string>()).value());
        try {
            state.people[p.at("key")] =
                co_await app.identity.add_user({p.at("email"), p.at("display_name"), demo_password, organisation->id,
                                                parse_sector(p.at("sector").get<std::string>()).value(), roles},
                                               {std::nullopt, "seed-demo", "local"});
        } catch (const api_error& e) {
            if (e.code() != errc::conflict)
                throw;
            all_new = false;
        }
    }
    co_return all_new;
}

} // namespace

awaitable<int> seed_demo_content(application& app, std::map<std::string, std::int64_t> people)
{
    const auto files = demo_content_files();
    const auto content = json::parse(files.at(0).content);
    replay_state state{{}, std::move(people), {}};
    if (!co_await add_people(app, content.at("people"), state)) {
        spdlog::info("demo content: already there");
        co_return 0;
    }
    // The organisations the steps name by code ("{organisation:E09000028}").
    static const std::regex named(R"(\{organisation:([A-Z0-9-]+)\})");
    const auto text = content.at("steps").dump();
    for (auto it = std::sregex_iterator(text.begin(), text.end(), named); it != std::sregex_iterator(); ++it) {
        const auto code = (*it)[1].str();
        auto organisation = co_await app.directory.find_by_code_or_id(code);
        if (!organisation)
            throw std::runtime_error("demo content: no organisation " + code);
        state.organisations[code] = organisation->id;
    }
    int replayed = 0;
    for (const auto& step : content.at("steps")) {
        auto who = co_await app.identity.acting_as(state.people.at(step.at("as").get<std::string>()));
        if (!who)
            throw std::runtime_error("demo content: " + step.at("as").get<std::string>() + " cannot act");
        auto answer = co_await replay(app, *who, call_of(step, state));
        if (auto save = step.find("save"); save != step.end())
            state.saved[save->get<std::string>()] = answer.at("id").get<std::int64_t>();
        ++replayed;
    }
    spdlog::info("demo content: {} people and {} steps", state.people.size(), replayed);
    co_return replayed;
}

} // namespace pswnet
