// Who is who at an organisation, for any signed-in member: the members who chose to be listed, and who holds its
// Principal Social Worker posts (for a local authority), a post nobody holds showing as vacant.
#pragma once

#include "directory/service.hpp"
#include "identity/people_store.hpp"

namespace pswnet::identity {

// Children's then adults' services: listed when a listed member holds the post, unlisted when only members who
// are not listed hold it, vacant otherwise. Pure, for unit tests.
std::vector<psw_holding> psw_roles_of(const listed_people& people);

class who_is_who {
public:
    who_is_who(people_store& people, directory::service& directory) : people_(people), directory_(directory) {}

    // not_found for an unknown organisation.
    awaitable<organisation_people> people(const principal& who, std::int64_t organisation_id);

private:
    people_store& people_;
    directory::service& directory_;
};

} // namespace pswnet::identity
