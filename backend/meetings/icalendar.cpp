#include "meetings/icalendar.hpp"

#include "core/time.hpp"
#include "markdown/markdown.hpp"

#include <libical/ical.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace pswnet::meetings::icalendar {
namespace {

constexpr std::size_t max_description_length = 4000;

struct component_deleter {
    void operator()(icalcomponent* c) const noexcept { icalcomponent_free(c); }
};
using component = std::unique_ptr<icalcomponent, component_deleter>;

icaltimetype utc(const std::string& rfc3339)
{
    auto seconds = time::parse_rfc3339(rfc3339);
    if (!seconds)
        throw std::logic_error("a meeting's time is not RFC 3339: " + rfc3339);
    return icaltime_from_timet_with_zone(static_cast<time_t>(*seconds), 0, icaltimezone_get_utc_timezone());
}

icalproperty* x_property(const char* name, const std::string& value)
{
    auto* p = icalproperty_new_x(value.c_str());
    icalproperty_set_x_name(p, name);
    return p;
}

std::string page_of(const meeting& m, const links& where)
{
    return where.origin + "/groups/" + std::to_string(m.group.id) + "/meetings/" + std::to_string(m.id);
}

std::string description_of(const meeting& m, const links& where)
{
    std::string text = m.group.name + "\n";
    if (m.online_url)
        text += "Join online: " + *m.online_url + "\n";
    if (m.cancelled_at)
        text += "Cancelled" + (m.cancel_reason ? ": " + *m.cancel_reason : std::string(".")) + "\n";
    if (!m.agenda.empty())
        text += "\nAgenda\n" + markdown::to_plain_text(m.agenda, max_description_length) + "\n";
    text += "\nPapers, answers and minutes: " + page_of(m, where);
    return text;
}

icalcomponent* event_of(const meeting& m, const links& where)
{
    auto* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    const auto uid = "meeting-" + std::to_string(m.id) + "@" + where.uid_domain;
    icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
    icalcomponent_add_property(event, icalproperty_new_sequence(m.sequence));
    icalcomponent_add_property(event, icalproperty_new_dtstamp(utc(m.updated_at)));
    icalcomponent_add_property(event, icalproperty_new_dtstart(utc(m.starts_at)));
    icalcomponent_add_property(event, icalproperty_new_dtend(utc(m.ends_at)));
    icalcomponent_add_property(event, icalproperty_new_summary(m.title.c_str()));
    const auto location = !m.location.empty() ? m.location : m.online_url.value_or("");
    icalcomponent_add_property(event, icalproperty_new_location(location.c_str()));
    icalcomponent_add_property(event, icalproperty_new_description(description_of(m, where).c_str()));
    icalcomponent_add_property(event, icalproperty_new_url(page_of(m, where).c_str()));
    icalcomponent_add_property(event,
                               icalproperty_new_status(m.cancelled_at ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
    return event;
}

component calendar(icalproperty_method method)
{
    component cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
    icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//PSW Network//Meetings//EN"));
    icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal.get(), icalproperty_new_method(method));
    return cal;
}

std::string text_of(const component& cal)
{
    std::unique_ptr<char, decltype(&std::free)> text(icalcomponent_as_ical_string_r(cal.get()), &std::free);
    if (!text)
        throw std::runtime_error("libical could not write the calendar");
    return text.get();
}

} // namespace

std::string meeting_file(const meeting& m, const links& where)
{
    auto cal = calendar(m.cancelled_at ? ICAL_METHOD_CANCEL : ICAL_METHOD_PUBLISH);
    icalcomponent_add_component(cal.get(), event_of(m, where));
    return text_of(cal);
}

std::string feed(const std::vector<meeting>& meetings, const links& where)
{
    auto cal = calendar(ICAL_METHOD_PUBLISH);
    icalcomponent_add_property(cal.get(), x_property("X-WR-CALNAME", "PSW Network meetings"));
    icalcomponent_add_property(cal.get(), x_property("X-PUBLISHED-TTL", "PT1H"));
    auto* refresh = icalproperty_new_refreshinterval(icaldurationtype_from_int(3600));
    icalproperty_add_parameter(refresh, icalparameter_new_value(ICAL_VALUE_DURATION));
    icalcomponent_add_property(cal.get(), refresh);
    for (const auto& m : meetings)
        icalcomponent_add_component(cal.get(), event_of(m, where));
    return text_of(cal);
}

} // namespace pswnet::meetings::icalendar
