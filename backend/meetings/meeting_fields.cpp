#include "meetings/meeting_fields.hpp"

#include "core/time.hpp"
#include "core/validation.hpp"

#include <algorithm>

namespace pswnet::meetings {
namespace {

bool safe_link(const std::string& url)
{
    return url.rfind("https://", 0) == 0 && url.size() > 8 &&
           std::none_of(url.begin(), url.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

} // namespace

meeting_fields fields_of(const meeting& m, std::vector<std::int64_t> paper_ids)
{
    return {m.title, m.date, m.start_time, m.end_time, m.location, m.online_url, m.agenda, std::move(paper_ids)};
}

meeting_fields apply(const meeting_change& change, meeting_fields base, bool is_new, field_errors& errors)
{
    if (is_new)
        validation::check_required(errors, {{"title", change.title.has_value()},
                                            {"date", change.date.has_value()},
                                            {"start_time", change.start_time.has_value()},
                                            {"end_time", change.end_time.has_value()}});
    if (change.title) {
        validation::check_text(errors, "title", *change.title, max_title_length);
        base.title = *change.title;
    }
    if (change.date) {
        if (!time::is_calendar_date(*change.date))
            errors.add("date", "must be a real date, written like 2026-12-15");
        base.date = *change.date;
    }
    for (auto [field, given, kept] : {std::tuple{"start_time", &change.start_time, &base.start_time},
                                      std::tuple{"end_time", &change.end_time, &base.end_time}}) {
        if (!*given)
            continue;
        if (!time::is_clock_time(**given))
            errors.add(field, "must be a time of day written like 09:30 or 14:00");
        *kept = **given;
    }
    if (!errors.has("start_time") && !errors.has("end_time") && !base.start_time.empty() &&
        base.end_time <= base.start_time)
        errors.add(change.end_time ? "end_time" : "start_time", "must leave the meeting ending after it starts");
    if (change.location) {
        validation::check_length(errors, "location", *change.location, max_location_length);
        base.location = *change.location;
    }
    if (change.clear_online_url)
        base.online_url.reset();
    else if (change.online_url) {
        if (change.online_url->size() > max_url_length || !safe_link(*change.online_url))
            errors.add("online_url", "must be a link starting https://, with no spaces");
        base.online_url = *change.online_url;
    }
    if (base.location.find_first_not_of(" \t\r\n") == std::string::npos && !base.online_url && !errors.has("location"))
        errors.add("location", "or online_url is needed: say where the meeting is, or give its online link");
    if (change.agenda) {
        validation::check_length(errors, "agenda", *change.agenda, max_agenda_length);
        base.agenda = *change.agenda;
    }
    if (change.paper_ids) {
        if (change.paper_ids->size() > max_papers)
            errors.add("paper_ids", "must name at most " + std::to_string(max_papers) + " library resources");
        base.paper_ids.clear();
        for (auto id : *change.paper_ids)
            if (std::find(base.paper_ids.begin(), base.paper_ids.end(), id) == base.paper_ids.end())
                base.paper_ids.push_back(id);
    }
    return base;
}

bool moved(const meeting_fields& before, const meeting_fields& after)
{
    return before.date != after.date || before.start_time != after.start_time || before.end_time != after.end_time ||
           before.location != after.location || before.online_url != after.online_url;
}

} // namespace pswnet::meetings
