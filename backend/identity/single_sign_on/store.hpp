// SQL of single sign-on: providers, sign-ins under way, linked identities and access requests.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"
#include "identity/single_sign_on/model.hpp"

namespace pswnet::identity::single_sign_on {

// An account found for a provider's sign-in.
struct linked_account {
    std::int64_t user_id = 0;
    std::int64_t organisation_id = 0;
    bool disabled = false;
};

class store {
public:
    explicit store(db::pool& pool) : pool_(pool) {}

    awaitable<std::vector<identity_provider>> providers();
    awaitable<std::optional<identity_provider>> provider(std::int64_t id);
    awaitable<std::optional<provider_credentials>> credentials(std::int64_t id);
    awaitable<std::optional<identity_provider>> provider_for_domain(std::string domain);
    // Conflicts (a domain or issuer another provider has) are 409s naming the field.
    awaitable<std::int64_t> add_provider(provider_settings settings, audit_context who);
    awaitable<void> change_provider(std::int64_t id, provider_settings settings, audit_context who);
    awaitable<void> remove_provider(std::int64_t id, audit_context who);

    awaitable<void> begin_attempt(sign_in_attempt attempt);
    // The attempt of this state, once: taken away whether or not it is still valid; none when expired or unknown.
    awaitable<std::optional<sign_in_attempt>> take_attempt(std::string state_hash);

    // The account of the provider's subject, or, to link, the account of the email address.
    awaitable<std::optional<linked_account>> account_of(std::int64_t provider_id, std::string subject);
    awaitable<std::optional<linked_account>> account_with_email(std::string email);
    awaitable<void> link(std::int64_t provider_id, std::string subject, std::int64_t user_id, audit_context who);
    // A sign-in clears any refusal; a refusal is kept against the account of the address the person gave.
    awaitable<void> record_sign_in(std::int64_t provider_id, std::string subject);
    awaitable<void> record_refusal(std::int64_t provider_id, std::string email, std::string error);
    // Active members who signed in with a provider but not for lapse_days, or whom it refused since.
    awaitable<std::vector<possible_leaver>> possible_leavers(std::int64_t organisation_id, int lapse_days);

    awaitable<void> request_access(external_person person, audit_context who);
    awaitable<std::vector<access_request>> access_requests(std::int64_t organisation_id);
    // Creates the member and links the identity, in one transaction; none when there is no such request.
    awaitable<std::optional<std::int64_t>> approve(std::int64_t organisation_id, std::int64_t request_id,
                                                   pswnet::sector sector, std::string sign_in_link, audit_context who);
    awaitable<bool> decline(std::int64_t organisation_id, std::int64_t request_id, audit_context who);

private:
    db::pool& pool_;
};

} // namespace pswnet::identity::single_sign_on
