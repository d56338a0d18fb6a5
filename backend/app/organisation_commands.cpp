// The employer is checked as POST /organisations checks it and added as the command line's trusted user.
#include "app/organisation_commands.hpp"

#include "app/command_line.hpp"
#include "db/migrations.hpp"

#include <iostream>

namespace pswnet {
namespace {

const audit_context command_line_audit{std::nullopt, "cli", "local"};

int add(application& app, const std::vector<std::string>& args)
{
    directory::new_employer employer;
    std::vector<std::string> works_for;
    command_flags flags(args, 2);
    while (const auto* flag = flags.next()) {
        if (*flag == "--kind")
            employer.kind = flags.value();
        else if (*flag == "--name")
            employer.name = flags.value();
        else if (*flag == "--code")
            employer.code = flags.value();
        else if (*flag == "--services")
            employer.services = flags.value();
        else if (*flag == "--region")
            employer.region_code = flags.value();
        else if (*flag == "--works-for")
            works_for.push_back(flags.value());
        else
            flags.unknown("organisation add");
    }
    if (employer.kind.empty() || employer.name.empty() || employer.code.empty() || employer.services.empty())
        throw usage_error("organisation add needs --kind, --name, --code and --services");

    auto connection = app.database.connect();
    db::migrate(*connection, db::bundled_migrations());
    for (const auto& code : works_for) {
        auto found = run_to_completion(app.directory.find_by_code_or_id(code));
        if (!found)
            throw usage_error("there is no organisation with code or id " + code);
        employer.works_for.push_back(found->id);
    }
    try {
        auto added =
            run_to_completion(app.directory.add_employer(std::nullopt, std::move(employer), command_line_audit));
        std::cout << "added organisation " << added.id << "\t" << added.code << "\t" << added.name << "\n";
    } catch (const api_error& e) {
        return refused(e);
    }
    return 0;
}

} // namespace

int organisation_command(application& app, const std::vector<std::string>& args)
{
    if (args.size() >= 2 && args[1] == "add")
        return add(app, args);
    throw usage_error("organisation needs add; see pswnet --help");
}

} // namespace pswnet
