// Command implementations: serve, migrate, seed-demo, user add, import, routes, purge-deleted-files; the mail
// commands are in mail_commands.cpp.
#include "app/commands.hpp"

#include "app/application.hpp"
#include "app/command_line.hpp"
#include "app/demo_data.hpp"
#include "app/doctor.hpp"
#include "app/idp_commands.hpp"
#include "app/mail_commands.hpp"
#include "app/organisation_commands.hpp"
#include "app/server.hpp"
#include "benchmarking/import_file.hpp"
#include "benchmarking/model_json.hpp"
#include "db/migrations.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <sstream>

namespace pswnet {
namespace {

int migrate_command(application& app)
{
    auto connection = app.database.connect();
    int applied = db::migrate(*connection, db::bundled_migrations());
    std::cout << "applied " << applied << " migration(s); the database is at migration "
              << db::bundled_migrations().size() << std::endl;
    return 0;
}

int seed_demo_command(application& app, const std::vector<std::string>& args)
{
    const bool accounts_only = args.size() == 2 && args[1] == "--accounts-only";
    if (args.size() > 2 || (args.size() == 2 && !accounts_only))
        throw usage_error("usage: pswnet seed-demo [--accounts-only]");
    migrate_command(app);
    int added = run_to_completion(seed_demo(app, !accounts_only));
    std::cout << "added " << added << " demo account(s)" << std::endl;
    return 0;
}

int routes_command(application& app)
{
    auto routes = nlohmann::json::array();
    for (const auto& r : app.router.routes())
        routes.push_back({{"method", std::string(http::to_string(r.method))}, {"path", r.path}});
    std::cout << routes.dump(2) << std::endl;
    return 0;
}

int user_add_command(application& app, const std::vector<std::string>& args)
{
    identity::new_user user;
    std::string organisation;
    bool password_from_stdin = false;
    command_flags flags(args, 2);
    while (const auto* flag = flags.next()) {
        if (*flag == "--email")
            user.email = flags.value();
        else if (*flag == "--display-name")
            user.display_name = flags.value();
        else if (*flag == "--organisation")
            organisation = flags.value();
        else if (*flag == "--password-stdin")
            password_from_stdin = true;
        else if (*flag == "--role") {
            auto r = parse_role(flags.value());
            if (!r)
                throw usage_error("--role must be member, org_admin, csw_office, moderator or network_admin");
            user.roles.push_back(*r);
        } else if (*flag == "--sector") {
            auto s = parse_sector(flags.value());
            if (!s)
                throw usage_error("--sector must be children, adults or both");
            user.sector = *s;
        } else
            flags.unknown("user add");
    }
    if (user.email.empty() || organisation.empty() || user.roles.empty() || !password_from_stdin)
        throw usage_error("user add needs --email, --organisation, --role and --password-stdin");
    std::getline(std::cin, user.password);
    if (user.display_name.empty())
        user.display_name = user.email.substr(0, user.email.find('@'));

    migrate_command(app);
    auto found = run_to_completion(app.directory.find_by_code_or_id(organisation));
    if (!found)
        throw usage_error("there is no organisation with code or id " + organisation);
    user.organisation_id = found->id;
    try {
        auto id = run_to_completion(app.identity.add_user(std::move(user), {std::nullopt, "cli", "local"}));
        std::cout << "added user " << id << " to " << found->name << std::endl;
    } catch (const api_error& e) {
        return refused(e);
    }
    return 0;
}

// pswnet import csww|long FILE: the same import as POST /benchmarking/imports, as the command line's trusted user.
int import_command(application& app, const std::vector<std::string>& args)
{
    if (args.size() != 3 || (args[1] != "csww" && args[1] != "long"))
        throw usage_error("import needs a format and a file: pswnet import csww FILE, or pswnet import long FILE");
    std::ifstream in(args[2], std::ios::binary);
    if (!in)
        throw usage_error("cannot read " + args[2]);
    in.seekg(0, std::ios::end);
    if (static_cast<std::size_t>(in.tellg()) > benchmarking::max_import_bytes)
        throw usage_error(args[2] + " is larger than 20 MiB");
    in.seekg(0);
    std::ostringstream content;
    content << in.rdbuf();
    const auto body = content.str();
    auto connection = app.database.connect();
    db::migrate(*connection, db::bundled_migrations()); // quietly: standard output carries the report
    auto name = args[2].substr(args[2].find_last_of('/') + 1);
    try {
        auto report = run_to_completion(app.benchmarking.import(
            std::nullopt, {body, args[1] == "csww" ? "dfe_csww" : "long", name}, {std::nullopt, "cli", "local"}));
        std::cout << benchmarking::to_json(report).dump(2) << std::endl;
    } catch (const api_error& e) {
        return refused(e);
    }
    return 0;
}

// pswnet purge-deleted-files: what the server does every hour, at once (for operators and tests).
int purge_command(application& app)
{
    auto purged = run_to_completion(app.library.purge_deleted_files(app.config.deleted_file_retention));
    std::cout << "purged the content of " << purged << " file(s) of resources deleted more than "
              << app.config.deleted_file_retention.count() / 24 << " days ago" << std::endl;
    return 0;
}

} // namespace

int run_command(const parsed_command_line& command_line)
{
    const auto& args = command_line.arguments;
    if (command_line.help || args.empty()) {
        std::cout << usage_text();
        return args.empty() && !command_line.help ? 2 : 0;
    }
    try {
        application app(command_line.config);
        const auto& command = args[0];
        if (command == "serve")
            return serve(app);
        if (command == "migrate")
            return migrate_command(app);
        if (command == "seed-demo")
            return seed_demo_command(app, args);
        if (command == "routes")
            return routes_command(app);
        if (command == "import")
            return import_command(app, args);
        if (command == "purge-deleted-files")
            return purge_command(app);
        if (command == "digests")
            return digests_command(app, args);
        if (command == "doctor")
            return doctor_command(app);
        if (command == "reminders")
            return reminders_command(app, args);
        if (command == "mail")
            return mail_command(app, args);
        if (command == "idp")
            return idp_command(app, args);
        if (command == "organisation")
            return organisation_command(app, args);
        if (command == "user" && args.size() >= 2 && args[1] == "add")
            return user_add_command(app, args);
        throw usage_error("unknown command '" + command + "'; see pswnet --help");
    } catch (const usage_error& e) {
        std::cerr << "pswnet: " << e.what() << "\n";
        return 2;
    } catch (const db::migration_error& e) {
        spdlog::critical("migrations: {}", e.what());
        return 1;
    } catch (const pqxx::broken_connection& e) {
        spdlog::critical("cannot reach the database: {}", e.what());
        return 1;
    } catch (const std::exception& e) {
        spdlog::critical("{}", e.what());
        return 1;
    }
}

} // namespace pswnet
