// Consultation access rules, unit-tested in tests/unit/consultations_test.cpp.
#include "consultations/policy.hpp"

namespace pswnet::consultations::policy {

bool is_office(const principal& who)
{
    return who.has(role::csw_office) || who.has(role::network_admin);
}

bool in_audience(const principal& who, const std::string& audience)
{
    return audience == "both" || who.sector == sector::both || to_string(who.sector) == audience;
}

bool may_see(const principal& who, const consultation& c)
{
    if (is_office(who))
        return true;
    return c.status != consultation_status::draft && in_audience(who, c.audience);
}

bool may_respond(const principal& who, const consultation& c)
{
    return !is_office(who) && c.status != consultation_status::draft && in_audience(who, c.audience);
}

bool told_of_notice(const principal& who, const std::string& audience, bool response_is_in, bool only_not_responded)
{
    return !is_office(who) && in_audience(who, audience) && !(only_not_responded && response_is_in);
}

} // namespace pswnet::consultations::policy
