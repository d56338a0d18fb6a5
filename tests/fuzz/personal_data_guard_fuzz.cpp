// Fuzzes the personal-data guard: scan() with its five patterns, and enforce().
// Input: one byte (its low bit: the author has confirmed the warnings), then the text.
// Beyond "no crash": every finding is of a known kind, names the field and shows only a masked excerpt; every
// valid NHS number that stands alone in the text (3-3-4 digits, optionally spaced or hyphenated, not part of a
// longer number) is found, counted by an independent reading of the text rather than the regex; and enforce()
// refuses exactly when something must be refused, or warned about and not confirmed.
#include "core/error.hpp"
#include "fuzz_support.hpp"
#include "personal_data/guard.hpp"

#include <set>
#include <string>

namespace {

namespace personal_data = pswnet::personal_data;
using pswnet::fuzz::expect;

bool digit(char c)
{
    return c >= '0' && c <= '9';
}

// The length of the NHS-number-shaped token starting at text[at], or 0.
std::size_t nhs_shape(std::string_view text, std::size_t at)
{
    std::size_t i = at;
    for (int group : {3, 3, 4}) {
        for (int k = 0; k < group; ++k, ++i)
            if (i >= text.size() || !digit(text[i]))
                return 0;
        if (group != 4 && i < text.size() && (text[i] == ' ' || text[i] == '-'))
            ++i;
    }
    return i < text.size() && digit(text[i]) ? 0 : i - at;
}

std::size_t valid_nhs_numbers(std::string_view text)
{
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (digit(text[i]) && (i == 0 || !digit(text[i - 1]))) {
            if (auto length = nhs_shape(text, i)) {
                count += personal_data::is_valid_nhs_number(text.substr(i, length)) ? 1 : 0;
                i += length;
                continue;
            }
        }
        ++i;
    }
    return count;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const bool confirmed = (data[0] & 1) != 0;
    const auto text = pswnet::fuzz::as_text(data + 1, size - 1);

    const auto findings = personal_data::scan(text, "body");
    static const std::set<std::string> kinds{"nhs_number", "ni_number", "date_of_birth", "postcode", "phone_number"};
    bool refuse = false;
    bool warn = false;
    std::size_t nhs_numbers = 0;
    for (const auto& f : findings) {
        expect(kinds.contains(f.kind), "a finding is of a known kind");
        expect(f.field == "body", "a finding names the field");
        expect(f.excerpt.starts_with("…") && f.excerpt.size() <= std::string_view("…").size() + 3,
               "an excerpt shows at most three characters");
        expect((f.severity == personal_data::severity::refuse) == (f.kind == "nhs_number" || f.kind == "ni_number"),
               "NHS and NI numbers are refused, the rest are warnings");
        refuse = refuse || f.severity == personal_data::severity::refuse;
        warn = warn || f.severity == personal_data::severity::warn;
        nhs_numbers += f.kind == "nhs_number" ? 1 : 0;
    }
    expect(nhs_numbers == valid_nhs_numbers(text), "every valid NHS number standing alone is found");

    try {
        personal_data::enforce(findings, confirmed);
        expect(!refuse && (!warn || confirmed), "enforce() refuses what must be refused");
    } catch (const pswnet::api_error& e) {
        expect(e.code() == pswnet::errc::validation_failed, "a refusal is a 422");
        expect(refuse ? e.type == "/problems/personal-data"
                      : warn && !confirmed && e.type == "/problems/personal-data-warning",
               "enforce() refuses only what must be refused, with the right problem type");
    }
    return 0;
}
