// Pattern matching with std::regex over ASCII text. Each pattern is anchored on word boundaries so that longer
// numbers (reference numbers, phone numbers) are not misread as NHS numbers; the boundary after a match is a
// lookahead, not consumed, so it can be the boundary before the next one ("1234567890 9434765919": an invalid
// ten-digit number must not hide the NHS number after it). Every repetition is bounded:
// libstdc++'s regex engine recurses once per repeated character, and an unbounded one over a 50,000-character
// body overflows the stack.
#include "personal_data/guard.hpp"

#include "core/error.hpp"

#include <iterator>
#include <regex>

namespace pswnet::personal_data {
namespace {

std::string digits_of(std::string_view text)
{
    std::string digits;
    for (char c : text)
        if (c >= '0' && c <= '9')
            digits.push_back(c);
    return digits;
}

std::string masked(std::string_view match)
{
    auto digits = digits_of(match);
    auto tail = digits.size() >= 3 ? digits.substr(digits.size() - 3) : std::string{};
    return "…" + (tail.empty() ? std::string(match.substr(match.size() > 2 ? match.size() - 2 : 0)) : tail);
}

void find_all(std::string_view text, const std::regex& pattern, auto&& on_match)
{
    std::string owned(text);
    for (auto it = std::sregex_iterator(owned.begin(), owned.end(), pattern); it != std::sregex_iterator(); ++it)
        on_match(*it);
}

const std::regex& nhs_pattern()
{
    static const std::regex r(R"((^|[^0-9])([0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4})(?=$|[^0-9]))");
    return r;
}

const std::regex& ni_pattern()
{
    // Two prefix letters (D, F, I, Q, U, V never; O never second), six digits, a suffix A-D.
    static const std::regex r(
        R"((^|[^A-Za-z0-9])([A-CEGHJ-PR-TW-Za-ceghj-pr-tw-z][A-CEGHJ-NPR-TW-Za-ceghj-npr-tw-z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-Da-d])(?=$|[^A-Za-z0-9]))");
    return r;
}

const std::regex& date_of_birth_pattern()
{
    static const std::regex r(
        R"((dob|d\.o\.b\.?|date of birth|born( on)?)[:\s]{0,3}([0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}|[0-9]{1,2}(st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6} [0-9]{4}))",
        std::regex::icase);
    return r;
}

const std::regex& postcode_pattern()
{
    static const std::regex r(
        R"((^|[^A-Za-z0-9])([A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2})(?=$|[^A-Za-z0-9]))");
    return r;
}

const std::regex& phone_pattern()
{
    static const std::regex r(R"((^|[^0-9+])((\+44 ?(\(0\) ?)?|0)[1-37]( ?[0-9]){8,9})(?=$|[^0-9]))");
    return r;
}

} // namespace

bool is_valid_nhs_number(std::string_view text)
{
    auto digits = digits_of(text);
    if (digits.size() != 10)
        return false;
    int sum = 0;
    for (int i = 0; i < 9; ++i)
        sum += (digits[static_cast<std::size_t>(i)] - '0') * (10 - i);
    int check = 11 - (sum % 11);
    if (check == 11)
        check = 0;
    if (check == 10)
        return false;
    return check == digits[9] - '0';
}

std::vector<finding> scan(std::string_view text, std::string_view field)
{
    std::vector<finding> found;
    auto add = [&](std::string kind, std::string_view match, severity s) {
        found.push_back({std::move(kind), std::string(field), masked(match), s});
    };
    find_all(text, nhs_pattern(), [&](const std::smatch& m) {
        if (is_valid_nhs_number(m[2].str()))
            add("nhs_number", m[2].str(), severity::refuse);
    });
    find_all(text, ni_pattern(), [&](const std::smatch& m) { add("ni_number", m[2].str(), severity::refuse); });
    find_all(text, date_of_birth_pattern(),
             [&](const std::smatch& m) { add("date_of_birth", m[3].str(), severity::warn); });
    find_all(text, postcode_pattern(), [&](const std::smatch& m) { add("postcode", m[2].str(), severity::warn); });
    find_all(text, phone_pattern(), [&](const std::smatch& m) { add("phone_number", m[2].str(), severity::warn); });
    return found;
}

namespace {

std::string describe(const finding& f)
{
    if (f.kind == "nhs_number")
        return "contains what looks like an NHS number (" + f.excerpt +
               "). Remove it: never post information about people who use services.";
    if (f.kind == "ni_number")
        return "contains what looks like a National Insurance number (" + f.excerpt +
               "). Remove it: never post information about people who use services.";
    if (f.kind == "date_of_birth")
        return "may contain a date of birth (" + f.excerpt + "). Check it is not about a person who uses services.";
    if (f.kind == "postcode")
        return "contains a full postcode (" + f.excerpt + "). Check it is not a person's address.";
    return "contains a phone number (" + f.excerpt + "). Check it is not a person's number.";
}

} // namespace

std::vector<finding> scan_fields(const std::vector<field_text>& fields)
{
    std::vector<finding> findings;
    for (const auto& [field, text] : fields) {
        auto found = scan(text, field);
        findings.insert(findings.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    }
    return findings;
}

void enforce(const std::vector<finding>& findings, bool confirmed)
{
    std::vector<field_error> refused, warnings;
    for (const auto& f : findings)
        (f.severity == severity::refuse ? refused : warnings).push_back({f.field, describe(f), f.kind});
    if (!refused.empty()) {
        api_error e(errc::validation_failed,
                    "This contains information that identifies a person who uses services, so it was not saved.",
                    std::move(refused));
        e.type = "/problems/personal-data";
        throw e;
    }
    if (!warnings.empty() && !confirmed) {
        api_error e(errc::validation_failed,
                    "This may contain personal information. Check it, then confirm to post it.", std::move(warnings));
        e.type = "/problems/personal-data-warning";
        throw e;
    }
}

} // namespace pswnet::personal_data
