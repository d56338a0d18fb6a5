#include "identity/sign_in_policy.hpp"

#include "db/audit.hpp"
#include "db/statement.hpp"
#include "identity/policy.hpp"

namespace pswnet::identity {
namespace {

const db::statement policy_sql{"identity.sign_in_policy", R"sql(
SELECT rfc3339(p.two_factor_required_since), rfc3339(p.single_sign_on_required_since),
       EXISTS (SELECT 1 FROM identity_provider_organisations m WHERE m.organisation_id = $1)
FROM (SELECT $1::bigint AS organisation_id) o
LEFT JOIN organisation_sign_in_policies p ON p.organisation_id = o.organisation_id)sql"};

const db::statement change_sql{"identity.change_sign_in_policy", R"sql(
INSERT INTO organisation_sign_in_policies AS p (organisation_id, two_factor_required_since,
                                                 single_sign_on_required_since)
VALUES ($1, CASE WHEN $2 THEN now() END, CASE WHEN $3 THEN now() END)
ON CONFLICT (organisation_id) DO UPDATE SET
  two_factor_required_since = CASE WHEN $2 IS NULL THEN p.two_factor_required_since
                                   WHEN $2 THEN coalesce(p.two_factor_required_since, now()) END,
  single_sign_on_required_since = CASE WHEN $3 IS NULL THEN p.single_sign_on_required_since
                                       WHEN $3 THEN coalesce(p.single_sign_on_required_since, now()) END,
  updated_at = now())sql"};

std::optional<std::string> optional_text(const pqxx::field& f)
{
    return f.is_null() ? std::nullopt : std::optional(f.as<std::string>());
}

sign_in_policy read_policy(pqxx::transaction_base& tx, std::int64_t organisation_id)
{
    auto row = db::exec(tx, policy_sql, organisation_id).at(0);
    return {optional_text(row[0]), optional_text(row[1]), row[2].as<bool>()};
}

} // namespace

awaitable<void> sign_in_policies::check_manages(const principal& who, std::int64_t organisation_id)
{
    if (!co_await directory_.find(organisation_id))
        throw api_error(errc::not_found, "There is no such organisation.");
    if (!policy::may_manage_members(who, organisation_id))
        throw api_error(errc::forbidden, "Only the organisation's administrators can change how its people sign in.");
}

awaitable<sign_in_policy> sign_in_policies::policy(const principal& who, std::int64_t organisation_id)
{
    co_await check_manages(who, organisation_id);
    co_return co_await pool_.read(
        [organisation_id](pqxx::read_transaction& tx) { return read_policy(tx, organisation_id); });
}

awaitable<sign_in_policy> sign_in_policies::change(const principal& who, std::int64_t organisation_id,
                                                   sign_in_policy_change change, audit_context audit)
{
    co_await check_manages(who, organisation_id);
    co_return co_await pool_.write([=, audit = std::move(audit)](pqxx::work& tx) {
        if (change.single_sign_on_required.value_or(false) &&
            !read_policy(tx, organisation_id).single_sign_on_available)
            throw api_error(errc::validation_failed, "No identity provider signs in this organisation's people yet.",
                            {{"single_sign_on_required",
                              "can only be required once a network administrator has added your council's identity "
                              "provider"}});
        db::exec(tx, change_sql, organisation_id, change.two_factor_required, change.single_sign_on_required);
        if (change.two_factor_required)
            db::audit(tx, audit,
                      {*change.two_factor_required ? "organisation.two_factor_required"
                                                   : "organisation.two_factor_not_required",
                       "organisation", organisation_id});
        if (change.single_sign_on_required)
            db::audit(tx, audit,
                      {*change.single_sign_on_required ? "organisation.single_sign_on_required"
                                                       : "organisation.single_sign_on_not_required",
                       "organisation", organisation_id});
        return read_policy(tx, organisation_id);
    });
}

} // namespace pswnet::identity
