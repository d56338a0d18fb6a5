// The one table from error codes to HTTP statuses.
#include "core/error.hpp"

#include <gtest/gtest.h>

namespace pswnet {
namespace {

TEST(ErrorMapping, EveryCodeHasItsStatus)
{
    const std::vector<std::pair<errc, int>> expected{
        {errc::bad_request, 400},
        {errc::unauthenticated, 401},
        {errc::invalid_credentials, 401},
        {errc::forbidden, 403},
        {errc::csrf_failed, 403},
        {errc::not_found, 404},
        {errc::method_not_allowed, 405},
        {errc::conflict, 409},
        {errc::gone, 410},
        {errc::precondition_failed, 412},
        {errc::payload_too_large, 413},
        {errc::unsupported_media_type, 415},
        {errc::validation_failed, 422},
        {errc::rate_limited, 429},
        {errc::headers_too_large, 431},
        {errc::internal, 500},
        {errc::unavailable, 503},
    };
    for (auto [code, status] : expected) {
        auto kind = problem_for(code);
        EXPECT_EQ(kind.status, status);
        EXPECT_EQ(kind.type.rfind("/problems/", 0), 0u);
        EXPECT_FALSE(kind.title.empty());
    }
}

TEST(ErrorMapping, ClientErrorsComeBeforeServerErrors)
{
    EXPECT_LT(problem_for(errc::headers_too_large).status, 500);
    EXPECT_GE(problem_for(errc::internal).status, 500);
}

TEST(FieldErrors, CollectsEveryFieldAndThrowsOnce)
{
    field_errors errors;
    errors.add("email", "is required");
    errors.add("roles[0]", "must be a role");
    try {
        errors.throw_if_any();
        FAIL();
    } catch (const api_error& e) {
        EXPECT_EQ(e.code(), errc::validation_failed);
        ASSERT_EQ(e.errors().size(), 2u);
        EXPECT_EQ(e.errors()[1].field, "roles[0]");
    }
}

TEST(FieldErrors, NothingToThrowWhenEmpty)
{
    field_errors errors;
    EXPECT_NO_THROW(errors.throw_if_any());
}

} // namespace
} // namespace pswnet
