// Field checks that every capability words alike.
#include "core/validation.hpp"

#include "core/text.hpp"

#include <algorithm>

namespace pswnet::validation {
namespace {

// 50000 as "50,000", as people write it.
std::string with_thousands(std::size_t n)
{
    auto digits = std::to_string(n);
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<std::size_t>(at), ",");
    return digits;
}

} // namespace

bool one_of(std::string_view value, choices allowed) noexcept
{
    return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

std::string in_words(choices allowed)
{
    std::string words;
    std::size_t index = 0;
    for (auto value : allowed) {
        if (index > 0)
            words += index + 1 == allowed.size() ? " or " : ", ";
        words += value;
        ++index;
    }
    return words;
}

void check_choice(field_errors& errors, const std::string& field, std::string_view value, choices allowed)
{
    if (!one_of(value, allowed))
        errors.add(field, "must be " + in_words(allowed));
}

void check_text(field_errors& errors, const std::string& field, std::string_view value, std::size_t max_characters)
{
    if (text::blank(value))
        errors.add(field, "must not be empty");
    else
        check_length(errors, field, value, max_characters);
}

void check_length(field_errors& errors, const std::string& field, std::string_view value, std::size_t max_characters)
{
    if (text::character_count(value) > max_characters)
        errors.add(field, "must be at most " + with_thousands(max_characters) + " characters");
}

void check_required(field_errors& errors, std::initializer_list<given> fields)
{
    for (const auto& [field, present] : fields)
        if (!present)
            errors.add(std::string(field), "is required");
}

std::vector<std::string> checked_tags(field_errors& errors, const std::vector<std::string>& tags, std::size_t max_tags)
{
    std::vector<std::string> normalised;
    if (tags.size() > max_tags)
        errors.add("tags", "must have at most " + std::to_string(max_tags) + " tags");
    for (std::size_t i = 0; i < tags.size() && i < max_tags; ++i) {
        auto tag = text::normalise_tag(tags[i]);
        if (!tag)
            errors.add("tags[" + std::to_string(i) + "]",
                       "must be 1 to " + std::to_string(text::max_tag_length) + " letters, digits, spaces or hyphens");
        else if (std::find(normalised.begin(), normalised.end(), *tag) == normalised.end())
            normalised.push_back(std::move(*tag));
    }
    return normalised;
}

} // namespace pswnet::validation
