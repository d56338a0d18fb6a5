#include "notifications/model_json.hpp"

#include "core/optional_json.hpp"

#include <array>

namespace pswnet::notifications {
namespace {

constexpr std::array<const char*, 8> weekdays{"",         "monday", "tuesday",  "wednesday",
                                              "thursday", "friday", "saturday", "sunday"};

} // namespace

nlohmann::json to_json(const notification& n)
{
    nlohmann::json by;
    if (n.by)
        by = {{"id", n.by->id},
              {"display_name", n.by->display_name},
              {"organisation", pswnet::to_json(n.by->organisation)}};
    return {
        {"id", n.id},
        {"kind", n.kind},
        {"subject", {{"type", n.about.type}, {"id", n.about.id}, {"title", n.about.title}, {"link", n.about.link}}},
        {"post_id", or_null(n.post_id)},
        {"actor", by},
        {"created_at", n.created_at},
        {"read", n.read},
    };
}

nlohmann::json to_json(const settings& s)
{
    auto kinds = nlohmann::json::array();
    for (const auto& k : s.kinds) {
        const auto* info = find_kind(k.kind);
        kinds.push_back({{"kind", k.kind},
                         {"label", info ? std::string(info->label) : k.kind},
                         {"group", info ? std::string(info->group) : std::string()},
                         {"delivery", std::string(to_string(k.delivery))},
                         {"default", info ? std::string(to_string(info->default_delivery)) : std::string("off")},
                         {"fixed", info && info->fixed}});
    }
    return {{"kinds", std::move(kinds)},
            {"digest", {{"hour", s.digest_hour}, {"day", weekdays.at(static_cast<std::size_t>(s.digest_weekday))}}}};
}

nlohmann::json to_json(const outbox_entry& e)
{
    return {{"id", e.id},
            {"recipient", e.recipient},
            {"subject", e.subject},
            {"kind", e.kind},
            {"status", e.status},
            {"attempts", e.attempts},
            {"created_at", e.created_at},
            {"sent_at", or_null(e.sent_at)},
            {"next_attempt_at", or_null(e.next_attempt_at)},
            {"last_error", or_null(e.last_error)}};
}

std::optional<int> parse_weekday(std::string_view name)
{
    for (std::size_t day = 1; day < weekdays.size(); ++day)
        if (name == weekdays.at(day))
            return static_cast<int>(day);
    return std::nullopt;
}

} // namespace pswnet::notifications
