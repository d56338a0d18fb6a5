// The mapping from error codes to HTTP problem types: the only place that decides a failure's status.
#include "core/error.hpp"

#include <algorithm>

namespace pswnet {

api_error::api_error(errc code, std::string detail, std::vector<field_error> errors)
    : code_(code), detail_(std::move(detail)), errors_(std::move(errors))
{
}

problem_kind problem_for(errc code) noexcept
{
    switch (code) {
    case errc::bad_request:
        return {400, "/problems/bad-request", "The request is malformed"};
    case errc::unauthenticated:
        return {401, "/problems/unauthenticated", "You need to sign in"};
    case errc::invalid_credentials:
        return {401, "/problems/invalid-credentials", "The email address or password is not right"};
    case errc::forbidden:
        return {403, "/problems/forbidden", "You do not have permission to do this"};
    case errc::csrf_failed:
        return {403, "/problems/csrf", "The request could not be verified"};
    case errc::not_found:
        return {404, "/problems/not-found", "Not found"};
    case errc::method_not_allowed:
        return {405, "/problems/method-not-allowed", "Method not allowed"};
    case errc::conflict:
        return {409, "/problems/conflict", "This conflicts with the current state"};
    case errc::gone:
        return {410, "/problems/gone", "This is no longer available"};
    case errc::precondition_failed:
        return {412, "/problems/precondition-failed", "Someone else changed this in the meantime"};
    case errc::payload_too_large:
        return {413, "/problems/payload-too-large", "The request body is too large"};
    case errc::unsupported_media_type:
        return {415, "/problems/unsupported-media-type", "The request body has an unsupported media type"};
    case errc::validation_failed:
        return {422, "/problems/validation", "Some fields are not valid"};
    case errc::rate_limited:
        return {429, "/problems/rate-limited", "Too many attempts"};
    case errc::headers_too_large:
        return {431, "/problems/headers-too-large", "The request headers are too large"};
    case errc::internal:
        return {500, "/problems/internal", "Sorry, there is a problem with the service"};
    case errc::unavailable:
        return {503, "/problems/unavailable", "The service is temporarily unavailable"};
    }
    return {500, "/problems/internal", "Sorry, there is a problem with the service"};
}

void field_errors::add(std::string field, std::string message)
{
    errors_.push_back({std::move(field), std::move(message)});
}

bool field_errors::has(std::string_view field) const noexcept
{
    return std::any_of(errors_.begin(), errors_.end(), [field](const field_error& e) { return e.field == field; });
}

void field_errors::throw_if_any(std::string_view detail) const
{
    if (!errors_.empty())
        throw api_error(errc::validation_failed, std::string(detail), errors_);
}

} // namespace pswnet
