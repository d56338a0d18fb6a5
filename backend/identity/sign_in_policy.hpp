// How an organisation's people must sign in, as its administrators (and network administrators) set it: whether
// they need two-factor authentication, and whether they must use the council's identity provider instead of a
// password. No HTTP and no JSON here.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"
#include "directory/service.hpp"
#include "identity/model.hpp"

namespace pswnet::identity {

class sign_in_policies {
public:
    sign_in_policies(db::pool& pool, directory::service& directory) : pool_(pool), directory_(directory) {}

    awaitable<sign_in_policy> policy(const principal& who, std::int64_t organisation_id);
    // Requiring single sign-on needs an identity provider that serves the organisation (a 422 otherwise). Requiring
    // either again keeps its first date: two-factor's grace period does not start over.
    awaitable<sign_in_policy> change(const principal& who, std::int64_t organisation_id, sign_in_policy_change change,
                                     audit_context audit);

private:
    awaitable<void> check_manages(const principal& who, std::int64_t organisation_id);

    db::pool& pool_;
    directory::service& directory_;
};

// Problem type of a password sign-in refused because the person's organisation requires single sign-on (401).
inline constexpr std::string_view single_sign_on_required_type = "/problems/single-sign-on-required";

} // namespace pswnet::identity
