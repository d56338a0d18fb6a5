// Single sign-on's records: the identity providers network administrators add, the sign-ins under way, and the
// access requests of people a provider vouches for who have no account yet.
#pragma once

#include "core/principal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::identity::single_sign_on {

struct provider_organisation {
    std::int64_t organisation_id = 0;
    std::string name;
    std::optional<std::string> tenant_id; // Microsoft Entra ID's tenant of this organisation
};

struct identity_provider {
    std::int64_t id = 0;
    std::string name;
    std::string issuer;
    std::string client_id;
    std::vector<std::string> domains;
    std::vector<provider_organisation> organisations;
    std::string created_at;
};

// What an administrator sets; the secret may be left out of a change to keep the current one.
struct provider_settings {
    std::string name;
    std::string issuer;
    std::string client_id;
    std::optional<std::string> client_secret;
    std::vector<std::string> domains;
    std::vector<provider_organisation> organisations; // names are not read
};

// The provider as the sign-in uses it, with its secret.
struct provider_credentials {
    identity_provider provider;
    std::string client_secret;
};

struct sign_in_attempt {
    std::string state_hash;
    std::string binding_hash;
    std::int64_t provider_id = 0;
    std::string nonce;
    std::string code_verifier;
    std::string return_to;
    std::string email; // as the person gave it
};

struct access_request {
    std::int64_t id = 0;
    std::string email;
    std::string display_name;
    std::string provider_name;
    std::string requested_at;
};

// A member whose council sign-ins stopped, or whom the provider refused: perhaps a leaver.
struct possible_leaver {
    std::int64_t user_id = 0;
    std::string display_name;
    std::string email;
    std::string provider_name;
    std::string last_signed_in_at;
    std::optional<std::string> refused_at;
    std::optional<std::string> refusal; // the provider's error code
};

// Someone a provider vouched for: who they are there, and who they claim to be.
struct external_person {
    std::int64_t provider_id = 0;
    std::string subject;
    std::string email;
    std::string display_name;
    std::int64_t organisation_id = 0;
};

} // namespace pswnet::identity::single_sign_on
