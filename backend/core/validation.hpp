// Field checks that every capability words alike: each writes its fault into field_errors under the field's name,
// so that a request with several faults hears of all of them in one 422.
#pragma once

#include "core/error.hpp"

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet::validation {

using choices = std::initializer_list<std::string_view>;

inline constexpr choices sectors{"children", "adults", "both"};

bool one_of(std::string_view value, choices allowed) noexcept;

// "children, adults or both": the allowed values as an error message lists them.
std::string in_words(choices allowed);

// The value must be one of the allowed ones: "must be children, adults or both".
void check_choice(field_errors& errors, const std::string& field, std::string_view value, choices allowed);

// Text that must not be blank and may have at most max_characters characters.
void check_text(field_errors& errors, const std::string& field, std::string_view value, std::size_t max_characters);

// Optional text of at most max_characters characters.
void check_length(field_errors& errors, const std::string& field, std::string_view value, std::size_t max_characters);

// Whether a request gave a field, for check_required.
struct given {
    std::string_view field;
    bool present = false;
};

// Each field not given is "required", in the order listed.
void check_required(field_errors& errors, std::initializer_list<given> fields);

// At most max_tags tags, each normalised (text::normalise_tag); returns them in order without repeats.
std::vector<std::string> checked_tags(field_errors& errors, const std::vector<std::string>& tags, std::size_t max_tags);

} // namespace pswnet::validation
