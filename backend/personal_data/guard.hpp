// Finds data about people who use services in text written for the network: NHS numbers and National Insurance
// numbers are refused outright; dates of birth, full postcodes and phone numbers need the author's confirmation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pswnet::personal_data {

enum class severity { refuse, warn };

struct finding {
    std::string kind;    // nhs_number, ni_number, date_of_birth, postcode, phone_number
    std::string field;   // which field of the request, e.g. "body"
    std::string excerpt; // masked, safe to show and to log
    pswnet::personal_data::severity severity;
};

std::vector<finding> scan(std::string_view text, std::string_view field);

// A field of a request and its text, as scan_fields takes them.
struct field_text {
    std::string field;
    std::string_view text;
};

// What scan finds in each of the fields, in order.
std::vector<finding> scan_fields(const std::vector<field_text>& fields);

// Throws api_error 422 (/problems/personal-data) for a refused finding, or (/problems/personal-data-warning)
// for warnings when the author has not confirmed them.
void enforce(const std::vector<finding>& findings, bool confirmed);

// Exposed for tests.
bool is_valid_nhs_number(std::string_view ten_digits);

} // namespace pswnet::personal_data
