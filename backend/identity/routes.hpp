// HTTP routes of identity: sign-in, sessions, invitations, members (routes.cpp); account self-service
// (account_routes.cpp); two-factor authentication (two_factor_routes.cpp); an organisation's sign-in policy
// (sign_in_policy_routes.cpp). Single sign-on's are in single_sign_on/routes.cpp.
#pragma once

#include "identity/account_service.hpp"
#include "identity/service.hpp"
#include "identity/sign_in_policy.hpp"
#include "identity/single_sign_on/sign_in.hpp"
#include "identity/two_factor_service.hpp"
#include "identity/who_is_who.hpp"
#include "net/router.hpp"

namespace pswnet::identity {

void add_routes(router& r, service& identity, single_sign_on::sign_in& council_sign_in);
void add_account_routes(router& r, account_service& accounts);
void add_who_is_who_routes(router& r, who_is_who& people);             // who_is_who_routes.cpp
void add_two_factor_routes(router& r, two_factor_service& two_factor); // two_factor_routes.cpp
void add_sign_in_policy_routes(router& r, sign_in_policies& policies); // sign_in_policy_routes.cpp

} // namespace pswnet::identity
