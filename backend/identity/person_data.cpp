#include "identity/person_data.hpp"

#include "db/statement.hpp"
#include "identity/store.hpp"

namespace pswnet::identity::person_data {
namespace {

const db::statement held_sql{"identity.held_about", R"sql(
SELECT jsonb_build_object(
  'account', (SELECT jsonb_build_object(
      'id', u.id, 'email', u.email, 'display_name', u.display_name, 'job_title', u.job_title,
      'ask_me_about', u.ask_me_about, 'sector', u.sector, 'roles', to_jsonb(u.roles),
      'organisation', o.name, 'listed_on_organisation_page', u.listed,
      'principal_social_worker', u.principal_social_worker, 'created_at', rfc3339(u.created_at),
      'two_factor_on_since', (SELECT rfc3339(t.confirmed_at) FROM two_factor_authenticators t
                              WHERE t.user_id = u.id),
      'signs_in_with', coalesce((SELECT jsonb_agg(jsonb_build_object(
          'provider', p.name, 'linked_at', rfc3339(e.linked_at), 'last_signed_in_at', rfc3339(e.last_signed_in_at))
          ORDER BY p.name)
        FROM external_identities e JOIN identity_providers p ON p.id = e.provider_id WHERE e.user_id = u.id), '[]'))
    FROM users u JOIN organisation_directory o ON o.id = u.organisation_id WHERE u.id = $1),
  'sessions', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'signed_in_at', rfc3339(s.created_at), 'last_used_at', rfc3339(s.last_seen_at),
      'ended_at', rfc3339(s.revoked_at), 'expires_at', rfc3339(s.expires_at),
      'browser', s.user_agent, 'address', s.client_address) ORDER BY s.id)
    FROM sessions s WHERE s.user_id = $1), '[]'),
  'invitations_sent', coalesce((SELECT jsonb_agg(jsonb_build_object(
      'roles', to_jsonb(i.roles), 'sent_at', rfc3339(i.created_at), 'accepted', i.accepted_at IS NOT NULL)
      ORDER BY i.id)
    FROM invitations i WHERE i.invited_by = $1), '[]'))::text)sql"}; // not the addresses: they are others' data

const db::statement erase_sql{"identity.erase", R"sql(
UPDATE users u
SET email = 'erased-' || u.id || '@erased.invalid',
    display_name = left('A former member of ' || o.name, 100),
    password_hash = '', job_title = '', ask_me_about = '', listed = false, principal_social_worker = 'no',
    roles = ARRAY['member'], disabled_at = coalesce(u.disabled_at, now()), erased_at = now()
FROM organisation_directory o
WHERE u.id = $1 AND o.id = u.organisation_id AND u.erased_at IS NULL)sql"};

const db::statement forget_sessions_sql{"identity.forget_sessions", R"sql(
UPDATE sessions SET user_agent = NULL, client_address = NULL, device_hash = NULL WHERE user_id = $1)sql"};

// Invitations to the person's address (the one they accepted, and any still out) carry it; the invitations they
// sent are to other people.
const db::statement forget_invitations_sql{"identity.forget_invitations_to", R"sql(
UPDATE invitations SET email = 'erased-' || $1::bigint || '@erased.invalid'
WHERE accepted_user_id = $1 OR email = (SELECT email FROM users WHERE id = $1))sql"};

// Failed sign-ins are counted under keys that name the address.
const db::statement forget_throttle_sql{"identity.forget_sign_in_failures", R"sql(
DELETE FROM login_throttle
WHERE starts_with(key, 'account:' || (SELECT email FROM users WHERE id = $1) || ' ')
   OR key = 'two-factor user:' || $1::bigint)sql"};

// Locks every active network administrator, in one order: of two deleting their accounts at once, the second sees
// the first gone. Roles are read here, not from the caller's cached session.
const db::statement network_admins_sql{"identity.lock_network_admins", R"sql(
SELECT id FROM users WHERE disabled_at IS NULL AND 'network_admin' = ANY(roles) ORDER BY id FOR UPDATE)sql"};

const db::statement forget_authenticator_sql{"identity.forget_authenticator",
                                             "DELETE FROM two_factor_authenticators WHERE user_id = $1"};

const db::statement forget_recovery_codes_sql{"identity.forget_recovery_codes",
                                              "DELETE FROM two_factor_recovery_codes WHERE user_id = $1"};

const db::statement forget_external_identities_sql{"identity.forget_external_identities",
                                                   "DELETE FROM external_identities WHERE user_id = $1"};

const db::statement forget_links_sql{"identity.forget_account_links", "DELETE FROM account_tokens WHERE user_id = $1"};

} // namespace

nlohmann::json held_about(pqxx::transaction_base& tx, std::int64_t user_id)
{
    return nlohmann::json::parse(db::exec(tx, held_sql, user_id).at(0)[0].as<std::string>());
}

bool only_network_admin(pqxx::work& tx, std::int64_t user_id)
{
    bool is_one = false;
    bool others = false;
    for (const auto& row : db::exec(tx, network_admins_sql))
        (row[0].as<std::int64_t>() == user_id ? is_one : others) = true;
    return is_one && !others;
}

bool forget(pqxx::work& tx, std::int64_t user_id)
{
    end_sessions(tx, user_id);
    db::exec(tx, forget_sessions_sql, user_id);
    db::exec(tx, forget_invitations_sql, user_id);
    db::exec(tx, forget_throttle_sql, user_id);
    db::exec(tx, forget_links_sql, user_id);
    db::exec(tx, forget_authenticator_sql, user_id);
    db::exec(tx, forget_recovery_codes_sql, user_id);
    db::exec(tx, forget_external_identities_sql, user_id);
    return db::exec(tx, erase_sql, user_id).affected_rows() == 1;
}

} // namespace pswnet::identity::person_data
