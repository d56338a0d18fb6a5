// Who may see and do what in consultations. Responses are confidential: an authority's response is seen by its own
// people (an individual response by its author) and by the Chief Social Workers' offices and network
// administrators, never by other authorities.
#pragma once

#include "consultations/model.hpp"
#include "core/principal.hpp"

namespace pswnet::consultations::policy {

// csw_office or network_admin: runs consultations and reads every response.
bool is_office(const principal& who);

// The consultation's audience includes the user's sector.
bool in_audience(const principal& who, const std::string& audience);

// Drafts only to the office; published consultations to the office and to their audience.
bool may_see(const principal& who, const consultation& c);

// Members of the audience respond; the office does not.
bool may_respond(const principal& who, const consultation& c);

// Who is told of a consultation's notices (published, closing soon, its outcome): its audience's members, never the
// office; for a reminder (only_not_responded), only those whose response (their authority's, or their own for
// individual responses) is not in yet.
bool told_of_notice(const principal& who, const std::string& audience, bool response_is_in, bool only_not_responded);

} // namespace pswnet::consultations::policy
