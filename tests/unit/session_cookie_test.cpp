// Session credentials: cookie and bearer parsing, cookie attributes, CSRF tokens.
#include "net/session_cookie.hpp"

#include "core/crypto.hpp"

#include <gtest/gtest.h>

namespace pswnet {
namespace {

TEST(SessionCookie, BearerWinsOverCookie)
{
    request req;
    req.set(http::field::authorization, "Bearer tok-1");
    req.set(http::field::cookie, "pswnet_session=tok-2");
    auto c = session_credential(req);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->token, "tok-1");
    EXPECT_EQ(c->kind, credential_kind::bearer);
}

TEST(SessionCookie, FindsEitherCookieNameAmongOthers)
{
    request req;
    req.set(http::field::cookie, "theme=dark; __Host-pswnet_session=abc; other=1");
    auto c = session_credential(req);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->token, "abc");
    EXPECT_EQ(c->kind, credential_kind::cookie);
}

TEST(SessionCookie, NoCredentialWithoutCookieOrBearer)
{
    request req;
    req.set(http::field::cookie, "xpswnet_session=abc");
    EXPECT_FALSE(session_credential(req));
}

TEST(SessionCookie, SecureCookieUsesHostPrefix)
{
    auto secure = session_cookie("t", true, std::chrono::seconds(60));
    EXPECT_EQ(secure.rfind("__Host-pswnet_session=t;", 0), 0u);
    EXPECT_NE(secure.find("; Secure"), std::string::npos);
    EXPECT_NE(secure.find("HttpOnly"), std::string::npos);
    EXPECT_NE(secure.find("SameSite=Lax"), std::string::npos);
    EXPECT_NE(secure.find("Path=/"), std::string::npos);
    auto plain = session_cookie("t", false, std::chrono::seconds(60));
    EXPECT_EQ(plain.rfind("pswnet_session=t;", 0), 0u);
    EXPECT_EQ(plain.find("Secure"), std::string::npos);
}

TEST(SessionCookie, CsrfTokenIsBoundToTheSessionToken)
{
    crypto::initialise();
    auto a = crypto::random_token();
    auto b = crypto::random_token();
    EXPECT_EQ(csrf_token_for(a), csrf_token_for(a));
    EXPECT_NE(csrf_token_for(a), csrf_token_for(b));
    EXPECT_NE(csrf_token_for(a), a);
}

} // namespace
} // namespace pswnet
