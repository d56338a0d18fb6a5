// Identity's types: users, sessions, invitations.
#pragma once

#include "core/principal.hpp"
#include "directory/model.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::identity {

// Whether a person is their organisation's Principal Social Worker, and for which services ("no" in the API).
enum class psw_role { none, children, adults, both };
std::string_view to_string(psw_role value) noexcept;
std::optional<psw_role> parse_psw_role(std::string_view text) noexcept;
bool holds_psw_role_for(psw_role held, sector services) noexcept; // both holds children's and adults'

struct user {
    std::int64_t id = 0;
    std::string email;
    std::string display_name;
    std::int64_t organisation_id = 0;
    pswnet::sector sector = sector::both;
    std::vector<role> roles;
    bool disabled = false;
    std::string created_at;
    std::string job_title;    // empty when not given
    std::string ask_me_about; // empty when not given
    bool listed = false;      // shown on the organisation's page to signed-in members
    psw_role principal_social_worker = psw_role::none;
};

// GET /me: the user with their organisation.
struct profile {
    identity::user user;
    organisation_ref organisation;
};

// A new session: the token is given to the client once and stored only as a hash.
struct signed_in_session {
    std::string token;
    std::string expires_at;
    identity::profile profile;
    std::vector<std::string> recovery_codes; // of the authenticator this sign-in turned on, shown this once
};

// The browser a sign-in comes from: its User-Agent and its device cookie's token (net/session_cookie.hpp).
struct client_device {
    std::string user_agent;
    std::string token;
};

struct credentials {
    std::string email;
    std::string password;
    std::optional<std::string> code; // the second factor: an authenticator's code or a recovery code
};

struct invitation_request {
    std::string email;
    std::int64_t organisation_id = 0;
    std::vector<role> roles;
    pswnet::sector sector = sector::both;
};

struct invitation {
    std::int64_t id = 0;
    std::string email;
    std::int64_t organisation_id = 0;
    pswnet::sector sector = sector::both;
    std::vector<role> roles;
    std::string expires_at;
    std::string created_at;
    std::optional<std::string> accepted_at;
};

struct invitation_preview {
    std::string email;
    organisation_ref organisation;
    pswnet::sector sector = sector::both;
    std::vector<role> roles;
    std::string expires_at;
};

struct acceptance {
    std::string display_name;
    std::string password;
};

struct new_user {
    std::string email;
    std::string display_name;
    std::string password;
    std::int64_t organisation_id = 0;
    pswnet::sector sector = sector::both;
    std::vector<role> roles;
};

// PATCH /me: fields left out stay as they are.
struct profile_update {
    std::optional<std::string> display_name;
    std::optional<std::string> job_title;
    std::optional<pswnet::sector> sector;
    std::optional<std::string> ask_me_about;
    std::optional<bool> listed;
    std::optional<psw_role> principal_social_worker;
};

// A listed member, as every signed-in member sees them on the organisation's page.
struct person_card {
    std::int64_t id = 0;
    std::string display_name;
    std::string job_title;
    pswnet::sector sector = sector::both;
    std::string ask_me_about;
    psw_role principal_social_worker = psw_role::none;
};

// Who holds the Principal Social Worker post for one of children's or adults' services.
struct psw_holding {
    pswnet::sector services = sector::children;
    enum class state { listed, unlisted, vacant } held = state::vacant;
    std::vector<person_card> holders; // the listed holders
};

struct organisation_people {
    std::vector<psw_holding> psw_roles; // children's, adults'; none for an organisation that is not an authority
    std::vector<person_card> items;
};

// A place where the person is signed in, for GET /me/sessions.
struct session_summary {
    std::int64_t id = 0;
    std::string device; // "Chrome on Windows"
    std::string client_address;
    std::string created_at;
    std::string last_seen_at;
    bool current = false;
};

// A new authenticator for a person to add to their app: the secret in base32 and the otpauth URI of its QR code.
struct authenticator_setup {
    std::string secret;
    std::string otpauth_uri;
};

// GET /me/two-factor: whether it is on, and whether (and by when) the person must turn it on.
struct two_factor_status {
    bool enabled = false;
    std::optional<std::string> enabled_at;
    enum class requirement { none, role, organisation } required_by = requirement::none;
    std::optional<std::string> setup_deadline; // when required and not on
    int recovery_codes_left = 0;
};

// An organisation's sign-in policy, as its administrators set it.
struct sign_in_policy {
    std::optional<std::string> two_factor_required_since;
    std::optional<std::string> single_sign_on_required_since;
    bool single_sign_on_available = false; // an identity provider signs in this organisation's people
};

// A change of policy: what is left out stays as it is.
struct sign_in_policy_change {
    std::optional<bool> two_factor_required;
    std::optional<bool> single_sign_on_required;
};

struct member_page {
    std::vector<user> items;
    std::optional<std::int64_t> next_after_id;
};

inline constexpr std::size_t min_password_length = 12;
inline constexpr std::size_t max_password_length = 1024;
inline constexpr auto invitation_lifetime = std::chrono::hours(24 * 7);
inline constexpr auto password_reset_lifetime = std::chrono::hours(1);
inline constexpr auto email_change_lifetime = std::chrono::hours(24);
inline constexpr std::size_t max_job_title_length = 100;    // characters
inline constexpr std::size_t max_ask_me_about_length = 300; // characters

} // namespace pswnet::identity
