// What the access log may show of a path: never a token.
#include "net/access_log.hpp"

#include <gtest/gtest.h>

namespace pswnet {
namespace {

const std::string token = "Zm9vYmFyYmF6cXV4LXRva2VuLXRoYXQtaXMtbG9uZy1lbm91Z2g";

TEST(AccessLog, LogsTokenRoutesAsTheirTemplate)
{
    EXPECT_EQ(loggable_path("/api/v1/invitations/{token}/accept", "/api/v1/invitations/" + token + "/accept"),
              "/api/v1/invitations/{token}/accept");
}

TEST(AccessLog, MasksTokenLikeSegmentsOfOtherPaths)
{
    EXPECT_EQ(loggable_path("static", "/invitations/" + token), "/invitations/{redacted}");
    EXPECT_EQ(loggable_path("unmatched", "/api/v1/nothing/" + token + "/x"), "/api/v1/nothing/{redacted}/x");
}

TEST(AccessLog, KeepsOrdinaryPaths)
{
    EXPECT_EQ(loggable_path("/api/v1/threads/{id}", "/api/v1/threads/42"), "/api/v1/threads/42");
    EXPECT_EQ(loggable_path("static", "/library/resources/7/practice-framework"),
              "/library/resources/7/practice-framework");
    EXPECT_EQ(loggable_path("static", "/"), "/");
}

} // namespace
} // namespace pswnet
