// The one error type of the service: a typed code plus the details a client needs to correct its request.
#pragma once

#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet {

// Client errors first, then server errors. problem_for() maps each to one HTTP status.
enum class errc {
    bad_request,
    unauthenticated,
    invalid_credentials,
    forbidden,
    csrf_failed,
    not_found,
    method_not_allowed,
    conflict,
    gone,
    precondition_failed,
    payload_too_large,
    unsupported_media_type,
    validation_failed,
    rate_limited,
    headers_too_large,
    internal,
    unavailable,
};

struct field_error {
    std::string field;
    std::string message;
    std::string kind = {}; // optional machine-readable reason, e.g. "nhs_number"
};

class api_error : public std::exception {
public:
    api_error(errc code, std::string detail, std::vector<field_error> errors = {});

    errc code() const noexcept { return code_; }
    const std::string& detail() const noexcept { return detail_; }
    const std::vector<field_error>& errors() const noexcept { return errors_; }
    const char* what() const noexcept override { return detail_.c_str(); }

    std::optional<int> retry_after_seconds;
    std::string allow; // for method_not_allowed
    std::string type;  // a more specific problem type than the code's own, e.g. /problems/personal-data
    std::string title; // that type's own title, when it has one

private:
    errc code_;
    std::string detail_;
    std::vector<field_error> errors_;
};

struct problem_kind {
    int status;
    std::string_view type;
    std::string_view title;
};

problem_kind problem_for(errc code) noexcept;

// Collects field errors and throws one validation_failed error naming all of them.
class field_errors {
public:
    void add(std::string field, std::string message);
    bool empty() const noexcept { return errors_.empty(); }
    bool has(std::string_view field) const noexcept;
    const std::vector<field_error>& list() const noexcept { return errors_; }
    void throw_if_any(std::string_view detail = "Some fields are not valid") const;

private:
    std::vector<field_error> errors_;
};

} // namespace pswnet
