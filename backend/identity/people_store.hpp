// SQL of who is who: an organisation's listed members, and whether members who are not listed hold its Principal
// Social Worker posts.
#pragma once

#include "core/net.hpp"
#include "db/pool.hpp"
#include "identity/model.hpp"

namespace pswnet::identity {

struct listed_people {
    std::vector<person_card> listed; // by name; active accounts only
    bool unlisted_children_psw = false;
    bool unlisted_adults_psw = false;
};

class people_store {
public:
    explicit people_store(db::pool& pool) : pool_(pool) {}

    awaitable<listed_people> people_of(std::int64_t organisation_id);

private:
    db::pool& pool_;
};

} // namespace pswnet::identity
