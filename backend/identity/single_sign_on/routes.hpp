// HTTP routes of single sign-on (routes.cpp).
#pragma once

#include "identity/service.hpp"
#include "identity/single_sign_on/administration.hpp"
#include "identity/single_sign_on/sign_in.hpp"
#include "net/router.hpp"

namespace pswnet::identity::single_sign_on {

void add_routes(router& r, sign_in& council_sign_in, administration& admin, identity::service& identity);

} // namespace pswnet::identity::single_sign_on
