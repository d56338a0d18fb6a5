#include "identity/single_sign_on/store.hpp"

#include "core/error.hpp"
#include "db/audit.hpp"
#include "db/statement.hpp"
#include "identity/store.hpp"
#include "notifications/notify.hpp"
#include "notifications/outbox.hpp"

#include <nlohmann/json.hpp>

namespace pswnet::identity::single_sign_on {
namespace {

constexpr auto provider_columns = R"sql(
  p.id, p.name, p.issuer, p.client_id, rfc3339(p.created_at),
  coalesce((SELECT jsonb_agg(d.domain ORDER BY d.domain) FROM identity_provider_domains d
            WHERE d.provider_id = p.id), '[]')::text,
  coalesce((SELECT jsonb_agg(jsonb_build_object('id', o.id, 'name', o.name, 'tenant_id', m.tenant_id)
                             ORDER BY o.name)
            FROM identity_provider_organisations m JOIN organisation_directory o ON o.id = m.organisation_id
            WHERE m.provider_id = p.id), '[]')::text,
  p.client_secret
FROM identity_providers p)sql";

const db::statement providers_sql{"sso.providers", std::string("SELECT") + provider_columns + " ORDER BY p.name, p.id"};
const db::statement provider_sql{"sso.provider", std::string("SELECT") + provider_columns + " WHERE p.id = $1"};
const db::statement provider_for_domain_sql{"sso.provider_for_domain", std::string("SELECT") + provider_columns + R"sql(
  JOIN identity_provider_domains d ON d.provider_id = p.id WHERE d.domain = $1)sql"};

const db::statement insert_provider_sql{"sso.insert_provider", R"sql(
INSERT INTO identity_providers (name, issuer, client_id, client_secret) VALUES ($1, $2, $3, $4) RETURNING id)sql"};
const db::statement update_provider_sql{"sso.update_provider", R"sql(
UPDATE identity_providers
SET name = $2, issuer = $3, client_id = $4, client_secret = coalesce($5, client_secret), updated_at = now()
WHERE id = $1 RETURNING id)sql"};
const db::statement clear_domains_sql{"sso.clear_domains",
                                      "DELETE FROM identity_provider_domains WHERE provider_id = $1"};
const db::statement clear_organisations_sql{"sso.clear_organisations",
                                            "DELETE FROM identity_provider_organisations WHERE provider_id = $1"};
const db::statement insert_domain_sql{"sso.insert_domain",
                                      "INSERT INTO identity_provider_domains (provider_id, domain) VALUES ($1, $2)"};
const db::statement insert_organisation_sql{"sso.insert_organisation", R"sql(
INSERT INTO identity_provider_organisations (provider_id, organisation_id, tenant_id) VALUES ($1, $2, $3))sql"};
const db::statement delete_provider_sql{"sso.delete_provider",
                                        "DELETE FROM identity_providers WHERE id = $1 RETURNING id"};

const db::statement forget_expired_attempts_sql{"sso.forget_expired_attempts",
                                                "DELETE FROM single_sign_on_attempts WHERE expires_at < now()"};
const db::statement begin_attempt_sql{"sso.begin_attempt", R"sql(
INSERT INTO single_sign_on_attempts (state_hash, binding_hash, provider_id, nonce, code_verifier, return_to,
                                     email, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, now() + interval '10 minutes'))sql"};
const db::statement take_attempt_sql{"sso.take_attempt", R"sql(
DELETE FROM single_sign_on_attempts WHERE state_hash = $1
RETURNING binding_hash, provider_id, nonce, code_verifier, return_to, expires_at > now(), email)sql"};

const db::statement account_of_sql{"sso.account_of", R"sql(
SELECT u.id, u.organisation_id, u.disabled_at IS NOT NULL
FROM external_identities e JOIN users u ON u.id = e.user_id
WHERE e.provider_id = $1 AND e.subject = $2)sql"};
const db::statement account_with_email_sql{"sso.account_with_email", R"sql(
SELECT id, organisation_id, disabled_at IS NOT NULL FROM users WHERE email = $1)sql"};
const db::statement link_sql{"sso.link", R"sql(
INSERT INTO external_identities (provider_id, subject, user_id) VALUES ($1, $2, $3)
ON CONFLICT (provider_id, subject) DO NOTHING)sql"};
const db::statement record_sign_in_sql{"sso.record_sign_in", R"sql(
UPDATE external_identities SET last_signed_in_at = now(), refused_at = NULL, refusal = NULL
WHERE provider_id = $1 AND subject = $2)sql"};

// The provider refused the account of the address the person gave (only an account it signed in before).
const db::statement record_refusal_sql{"sso.record_refusal", R"sql(
UPDATE external_identities e SET refused_at = now(), refusal = $3
FROM users u
WHERE e.provider_id = $1 AND u.id = e.user_id AND u.email = $2 AND u.disabled_at IS NULL)sql"};

const db::statement possible_leavers_sql{"sso.possible_leavers", R"sql(
SELECT u.id, u.display_name, u.email, p.name, rfc3339(e.last_signed_in_at), rfc3339(e.refused_at), e.refusal
FROM external_identities e
JOIN users u ON u.id = e.user_id
JOIN identity_providers p ON p.id = e.provider_id
WHERE u.organisation_id = $1 AND u.disabled_at IS NULL
  AND (e.refused_at IS NOT NULL OR e.last_signed_in_at < now() - make_interval(days => $2))
ORDER BY e.refused_at DESC NULLS LAST, e.last_signed_in_at, u.id
LIMIT 500)sql"};

const db::statement request_access_sql{"sso.request_access", R"sql(
INSERT INTO access_requests (provider_id, subject, organisation_id, email, display_name)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (provider_id, subject) DO UPDATE
SET organisation_id = excluded.organisation_id, email = excluded.email, display_name = excluded.display_name
RETURNING id, xmax = 0)sql"};
const db::statement organisation_admins_sql{"sso.organisation_admins", R"sql(
SELECT id FROM users
WHERE organisation_id = $1 AND 'org_admin' = ANY (roles) AND disabled_at IS NULL ORDER BY id)sql"};
const db::statement organisation_name_sql{"sso.organisation_name",
                                          "SELECT name FROM organisation_directory WHERE id = $1"};
const db::statement access_requests_sql{"sso.access_requests", R"sql(
SELECT r.id, r.email, r.display_name, p.name, rfc3339(r.requested_at)
FROM access_requests r JOIN identity_providers p ON p.id = r.provider_id
WHERE r.organisation_id = $1 ORDER BY r.requested_at, r.id LIMIT 200)sql"};
const db::statement take_request_sql{"sso.take_request", R"sql(
DELETE FROM access_requests WHERE id = $1 AND organisation_id = $2
RETURNING provider_id, subject, email, display_name,
          (SELECT name FROM organisation_directory WHERE id = $2))sql"};

// A decided request is no longer news to the administrators told of it.
void withdraw_notices(pqxx::work& tx, std::int64_t request_id)
{
    notifications::withdraw(tx, "access_request", request_id, notifications::holders(tx, "access_request", request_id));
}

identity_provider read_provider(const pqxx::row& row)
{
    identity_provider p;
    p.id = row[0].as<std::int64_t>();
    p.name = row[1].as<std::string>();
    p.issuer = row[2].as<std::string>();
    p.client_id = row[3].as<std::string>();
    p.created_at = row[4].as<std::string>();
    p.domains = nlohmann::json::parse(row[5].as<std::string>()).get<std::vector<std::string>>();
    for (const auto& o : nlohmann::json::parse(row[6].as<std::string>()))
        p.organisations.push_back(
            {o["id"].get<std::int64_t>(), o["name"].get<std::string>(),
             o["tenant_id"].is_string() ? std::optional(o["tenant_id"].get<std::string>()) : std::nullopt});
    return p;
}

linked_account read_account(const pqxx::row& row)
{
    return {row[0].as<std::int64_t>(), row[1].as<std::int64_t>(), row[2].as<bool>()};
}

void write_mappings(pqxx::work& tx, std::int64_t id, const provider_settings& settings)
{
    db::exec(tx, clear_domains_sql, id);
    db::exec(tx, clear_organisations_sql, id);
    for (const auto& domain : settings.domains)
        db::exec(tx, insert_domain_sql, id, domain);
    for (const auto& o : settings.organisations)
        db::exec(tx, insert_organisation_sql, id, o.organisation_id, o.tenant_id);
}

// A unique index names what another provider already has.
[[noreturn]] void conflict(const pqxx::unique_violation& e)
{
    std::string what = e.what();
    if (what.find("identity_provider_domains_domain_key") != std::string::npos)
        throw api_error(errc::conflict, "Another identity provider already signs people in for one of these domains.",
                        {{"domains", "another identity provider already has one of these domains"}});
    if (what.find("identity_providers_issuer_key") != std::string::npos)
        throw api_error(errc::conflict, "An identity provider with this issuer already exists.",
                        {{"issuer", "another identity provider has this issuer"}});
    throw api_error(errc::conflict, "Two organisations have the same tenant id.",
                    {{"organisations", "each organisation needs its own tenant id"}});
}

} // namespace

awaitable<std::vector<identity_provider>> store::providers()
{
    return pool_.read([](pqxx::read_transaction& tx) {
        std::vector<identity_provider> list;
        for (const auto& row : db::exec(tx, providers_sql))
            list.push_back(read_provider(row));
        return list;
    });
}

awaitable<std::optional<identity_provider>> store::provider(std::int64_t id)
{
    return pool_.read([id](pqxx::read_transaction& tx) -> std::optional<identity_provider> {
        auto rows = db::exec(tx, provider_sql, id);
        return rows.empty() ? std::nullopt : std::optional(read_provider(rows[0]));
    });
}

awaitable<std::optional<provider_credentials>> store::credentials(std::int64_t id)
{
    return pool_.read([id](pqxx::read_transaction& tx) -> std::optional<provider_credentials> {
        auto rows = db::exec(tx, provider_sql, id);
        if (rows.empty())
            return std::nullopt;
        return provider_credentials{read_provider(rows[0]), rows[0][7].as<std::string>()};
    });
}

awaitable<std::optional<identity_provider>> store::provider_for_domain(std::string domain)
{
    return pool_.read([domain = std::move(domain)](pqxx::read_transaction& tx) -> std::optional<identity_provider> {
        auto rows = db::exec(tx, provider_for_domain_sql, domain);
        return rows.empty() ? std::nullopt : std::optional(read_provider(rows[0]));
    });
}

awaitable<std::int64_t> store::add_provider(provider_settings settings, audit_context who)
{
    return pool_.write([settings = std::move(settings), who = std::move(who)](pqxx::work& tx) {
        try {
            auto id = db::exec(tx, insert_provider_sql, settings.name, settings.issuer, settings.client_id,
                               settings.client_secret.value_or(""))
                          .at(0)[0]
                          .as<std::int64_t>();
            write_mappings(tx, id, settings);
            db::audit(tx, who, {"identity_provider.added", "identity_provider", id});
            return id;
        } catch (const pqxx::unique_violation& e) {
            conflict(e);
        }
    });
}

awaitable<void> store::change_provider(std::int64_t id, provider_settings settings, audit_context who)
{
    return pool_.write([id, settings = std::move(settings), who = std::move(who)](pqxx::work& tx) {
        try {
            if (db::exec(tx, update_provider_sql, id, settings.name, settings.issuer, settings.client_id,
                         settings.client_secret)
                    .empty())
                throw api_error(errc::not_found, "There is no such identity provider.");
            write_mappings(tx, id, settings);
            db::audit(tx, who, {"identity_provider.changed", "identity_provider", id});
        } catch (const pqxx::unique_violation& e) {
            conflict(e);
        }
    });
}

awaitable<void> store::remove_provider(std::int64_t id, audit_context who)
{
    return pool_.write([id, who = std::move(who)](pqxx::work& tx) {
        if (db::exec(tx, delete_provider_sql, id).empty())
            throw api_error(errc::not_found, "There is no such identity provider.");
        db::audit(tx, who, {"identity_provider.removed", "identity_provider", id});
    });
}

awaitable<void> store::begin_attempt(sign_in_attempt a)
{
    return pool_.write([a = std::move(a)](pqxx::work& tx) {
        db::exec(tx, forget_expired_attempts_sql);
        db::exec(tx, begin_attempt_sql, a.state_hash, a.binding_hash, a.provider_id, a.nonce, a.code_verifier,
                 a.return_to, a.email);
    });
}

awaitable<std::optional<sign_in_attempt>> store::take_attempt(std::string state_hash)
{
    return pool_.write([state_hash = std::move(state_hash)](pqxx::work& tx) -> std::optional<sign_in_attempt> {
        auto rows = db::exec(tx, take_attempt_sql, state_hash);
        if (rows.empty() || !rows[0][5].as<bool>())
            return std::nullopt;
        const auto& r = rows[0];
        return sign_in_attempt{state_hash,
                               r[0].as<std::string>(),
                               r[1].as<std::int64_t>(),
                               r[2].as<std::string>(),
                               r[3].as<std::string>(),
                               r[4].as<std::string>(),
                               r[6].as<std::string>()};
    });
}

awaitable<std::optional<linked_account>> store::account_of(std::int64_t provider_id, std::string subject)
{
    return pool_.read(
        [provider_id, subject = std::move(subject)](pqxx::read_transaction& tx) -> std::optional<linked_account> {
            auto rows = db::exec(tx, account_of_sql, provider_id, subject);
            return rows.empty() ? std::nullopt : std::optional(read_account(rows[0]));
        });
}

awaitable<std::optional<linked_account>> store::account_with_email(std::string email)
{
    return pool_.read([email = std::move(email)](pqxx::read_transaction& tx) -> std::optional<linked_account> {
        auto rows = db::exec(tx, account_with_email_sql, email);
        return rows.empty() ? std::nullopt : std::optional(read_account(rows[0]));
    });
}

awaitable<void> store::link(std::int64_t provider_id, std::string subject, std::int64_t user_id, audit_context who)
{
    return pool_.write([=, subject = std::move(subject), who = std::move(who)](pqxx::work& tx) {
        db::exec(tx, link_sql, provider_id, subject, user_id);
        db::audit(tx, who, {"user.identity_provider_linked", "user", user_id});
    });
}

awaitable<void> store::record_sign_in(std::int64_t provider_id, std::string subject)
{
    return pool_.write([provider_id, subject = std::move(subject)](pqxx::work& tx) {
        db::exec(tx, record_sign_in_sql, provider_id, subject);
    });
}

awaitable<void> store::record_refusal(std::int64_t provider_id, std::string email, std::string error)
{
    return pool_.write([provider_id, email = std::move(email), error = std::move(error)](pqxx::work& tx) {
        db::exec(tx, record_refusal_sql, provider_id, email, error);
    });
}

awaitable<std::vector<possible_leaver>> store::possible_leavers(std::int64_t organisation_id, int lapse_days)
{
    return pool_.read([organisation_id, lapse_days](pqxx::read_transaction& tx) {
        std::vector<possible_leaver> list;
        for (const auto& r : db::exec(tx, possible_leavers_sql, organisation_id, lapse_days)) {
            auto optional_text = [](const pqxx::field& f) {
                return f.is_null() ? std::nullopt : std::optional(f.as<std::string>());
            };
            list.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(),
                            r[3].as<std::string>(), r[4].as<std::string>(), optional_text(r[5]), optional_text(r[6])});
        }
        return list;
    });
}

awaitable<void> store::request_access(external_person person, audit_context who)
{
    return pool_.write([person = std::move(person), who = std::move(who)](pqxx::work& tx) {
        auto row = db::exec(tx, request_access_sql, person.provider_id, person.subject, person.organisation_id,
                            person.email, person.display_name)
                       .at(0);
        if (!row[1].as<bool>()) // a repeated sign-in, already asked
            return;
        db::audit(tx, who, {"access_request.created", "organisation", person.organisation_id});
        std::vector<std::int64_t> admins;
        for (const auto& admin : db::exec(tx, organisation_admins_sql, person.organisation_id))
            admins.push_back(admin[0].as<std::int64_t>());
        const auto organisation =
            db::exec(tx, organisation_name_sql, person.organisation_id).at(0)[0].as<std::string>();
        notifications::notify(
            tx,
            {.kind = "access_request",
             .about = {"access_request", row[0].as<std::int64_t>(),
                       (person.display_name.empty() ? person.email : person.display_name) + " asks to join " +
                           organisation,
                       "/organisations/" + std::to_string(person.organisation_id) + "#access-requests"}},
            admins);
    });
}

awaitable<std::vector<access_request>> store::access_requests(std::int64_t organisation_id)
{
    return pool_.read([organisation_id](pqxx::read_transaction& tx) {
        std::vector<access_request> list;
        for (const auto& r : db::exec(tx, access_requests_sql, organisation_id))
            list.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(),
                            r[3].as<std::string>(), r[4].as<std::string>()});
        return list;
    });
}

awaitable<std::optional<std::int64_t>> store::approve(std::int64_t organisation_id, std::int64_t request_id,
                                                      pswnet::sector sector, std::string sign_in_link,
                                                      audit_context who)
{
    return pool_.write([=, sign_in_link = std::move(sign_in_link),
                        who = std::move(who)](pqxx::work& tx) -> std::optional<std::int64_t> {
        auto rows = db::exec(tx, take_request_sql, request_id, organisation_id);
        if (rows.empty())
            return std::nullopt;
        withdraw_notices(tx, request_id);
        const auto& r = rows[0];
        new_user person{r[2].as<std::string>(), r[3].as<std::string>(), "", organisation_id, sector, {role::member}};
        if (email_in_use(tx, person.email))
            throw api_error(errc::conflict, "Someone with this email address already has an account.");
        // No password: the account signs in with its provider, or sets one with "forgotten your password".
        auto user_id = insert_user(tx, person, "");
        db::exec(tx, link_sql, r[0].as<std::int64_t>(), r[1].as<std::string>(), user_id);
        db::audit(tx, who, {"access_request.approved", "user", user_id});
        notifications::queued_email message;
        message.user_id = user_id;
        message.recipient = person.email;
        message.recipient_name = person.display_name;
        message.kind = "access_approved";
        message.content = notifications::access_approved_email(r[4].as<std::string>(), sign_in_link);
        notifications::enqueue(tx, message);
        return user_id;
    });
}

awaitable<bool> store::decline(std::int64_t organisation_id, std::int64_t request_id, audit_context who)
{
    return pool_.write([=, who = std::move(who)](pqxx::work& tx) {
        if (db::exec(tx, take_request_sql, request_id, organisation_id).empty())
            return false;
        withdraw_notices(tx, request_id);
        db::audit(tx, who, {"access_request.declined", "organisation", organisation_id});
        return true;
    });
}

} // namespace pswnet::identity::single_sign_on
