// Managing single sign-on: network administrators add, change and remove identity providers (each is checked by
// fetching its discovery document and keys); an organisation's administrators approve or decline the people a
// provider vouched for who have no account yet. No HTTP and no JSON here.
#pragma once

#include "core/audit_context.hpp"
#include "directory/service.hpp"
#include "identity/single_sign_on/provider_documents.hpp"
#include "identity/single_sign_on/store.hpp"

namespace pswnet::identity::single_sign_on {

class administration {
public:
    administration(single_sign_on::store& store, provider_documents& documents, directory::service& directory,
                   std::chrono::days lapse)
        : store_(store), documents_(documents), directory_(directory), lapse_(lapse)
    {
    }

    awaitable<std::vector<identity_provider>> providers(const principal& who);
    awaitable<identity_provider> provider(const principal& who, std::int64_t id);
    // 422 naming each field that is wrong, the issuer among them when its discovery document or keys cannot be
    // fetched or used; 409 when a domain, the issuer or a tenant id is another provider's.
    awaitable<identity_provider> add(const principal& who, provider_settings settings, audit_context audit);
    awaitable<identity_provider> change(const principal& who, std::int64_t id, provider_settings settings,
                                        audit_context audit);
    awaitable<void> remove(const principal& who, std::int64_t id, audit_context audit);
    // For the command line (`pswnet idp add`): no caller to authorise.
    awaitable<identity_provider> add_from_command_line(provider_settings settings, audit_context audit);

    awaitable<std::vector<access_request>> access_requests(const principal& who, std::int64_t organisation_id);
    // Creates a member of the organisation, linked to the provider's identity, and emails them.
    awaitable<std::int64_t> approve(const principal& who, std::int64_t organisation_id, std::int64_t request_id,
                                    pswnet::sector sector, const std::string& origin, audit_context audit);
    awaitable<void> decline(const principal& who, std::int64_t organisation_id, std::int64_t request_id,
                            audit_context audit);

    // Members who may have left: their council sign-ins stopped for the lapse period (--single-sign-on-lapse-days),
    // or their provider refused them since their last sign-in. For the organisation's administrators.
    awaitable<std::vector<possible_leaver>> possible_leavers(const principal& who, std::int64_t organisation_id);
    std::chrono::days lapse() const noexcept { return lapse_; }

private:
    awaitable<provider_settings> checked(provider_settings settings, bool secret_required);
    awaitable<void> check_manages_members(const principal& who, std::int64_t organisation_id);

    single_sign_on::store& store_;
    provider_documents& documents_;
    directory::service& directory_;
    std::chrono::days lapse_;
};

} // namespace pswnet::identity::single_sign_on
