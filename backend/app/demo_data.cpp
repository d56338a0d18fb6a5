// Demo accounts, and the demo content. The people are invented; the organisations are real local authorities and
// offices.
#include "app/demo_data.hpp"

#include "app/demo_content.hpp"

#include <spdlog/spdlog.h>

namespace pswnet {
namespace {

struct demo_account {
    const char* key; // as the demo content names them
    const char* email;
    const char* display_name;
    const char* organisation_code;
    pswnet::sector sector;
    std::vector<role> roles;
};

const std::vector<demo_account>& demo_accounts()
{
    static const std::vector<demo_account> accounts{
        {"amira",
         "amira.children@southampton.demo.pswnet.uk",
         "Amira Holt",
         "E06000045",
         sector::children,
         {role::member}},
        {"tom", "tom.adults@wiltshire.demo.pswnet.uk", "Tom Ashdown", "E06000054", sector::adults, {role::member}},
        {"grace",
         "grace.admin@southwark.demo.pswnet.uk",
         "Grace Oduya",
         "E09000028",
         sector::both,
         {role::member, role::org_admin}},
        {"priya",
         "priya.office@ocsw-children.demo.pswnet.uk",
         "Priya Lomas",
         "OCSW-C",
         sector::children,
         {role::csw_office}},
        {"sam", "sam.admin@network.demo.pswnet.uk", "Sam Whitcombe", "PSWNET", sector::both, {role::network_admin}},
    };
    return accounts;
}

} // namespace

constexpr const char* demo_password = "demo-password-2026";

awaitable<int> seed_demo(application& app, bool with_content)
{
    int added = 0;
    std::map<std::string, std::int64_t> people;
    for (const auto& account : demo_accounts()) {
        auto organisation = co_await app.directory.find_by_code_or_id(account.organisation_code);
        if (!organisation)
            throw std::runtime_error(std::string("demo organisation missing: ") + account.organisation_code);
        bool there = false;
        try {
            people[account.key] = co_await app.identity.add_user(
                {account.email, account.display_name, demo_password, organisation->id, account.sector, account.roles},
                {std::nullopt, "seed-demo", "local"});
            ++added;
        } catch (const api_error& e) {
            if (e.code() != errc::conflict)
                throw;
            there = true;
        }
        if (there)
            people[account.key] = (co_await app.identity_store.find_login(account.email)).value().user_id;
    }
    spdlog::info("demo data: {} accounts added, {} already there", added,
                 static_cast<int>(demo_accounts().size()) - added);
    if (with_content)
        co_await seed_demo_content(app, std::move(people));
    co_return added;
}

} // namespace pswnet
