// The employer is checked as POST /organisations checks it and added as the command line's trusted user.
#include "app/organisation_commands.hpp"

#include "db/migrations.hpp"

#include <iostream>

namespace pswnet {
namespace {

const audit_context command_line_audit{std::nullopt, "cli", "local"};

int usage(const std::string& problem)
{
    std::cerr << "pswnet: " << problem << "\n";
    return 2;
}

int add(application& app, const std::vector<std::string>& args)
{
    directory::new_employer employer;
    std::vector<std::string> works_for;
    for (std::size_t i = 2; i < args.size(); ++i) {
        const auto& flag = args[i];
        if (i + 1 >= args.size())
            return usage(flag + " needs a value");
        const auto& value = args[++i];
        if (flag == "--kind")
            employer.kind = value;
        else if (flag == "--name")
            employer.name = value;
        else if (flag == "--code")
            employer.code = value;
        else if (flag == "--services")
            employer.services = value;
        else if (flag == "--region")
            employer.region_code = value;
        else if (flag == "--works-for")
            works_for.push_back(value);
        else
            return usage("organisation add does not know " + flag);
    }
    if (employer.kind.empty() || employer.name.empty() || employer.code.empty() || employer.services.empty())
        return usage("organisation add needs --kind, --name, --code and --services");

    auto connection = app.database.connect();
    db::migrate(*connection, db::bundled_migrations());
    for (const auto& code : works_for) {
        auto found = run_to_completion(app.directory.find_by_code_or_id(code));
        if (!found)
            return usage("there is no organisation with code or id " + code);
        employer.works_for.push_back(found->id);
    }
    try {
        auto added =
            run_to_completion(app.directory.add_employer(std::nullopt, std::move(employer), command_line_audit));
        std::cout << "added organisation " << added.id << "\t" << added.code << "\t" << added.name << "\n";
    } catch (const api_error& e) {
        std::cerr << "pswnet: " << e.detail() << "\n";
        for (const auto& f : e.errors())
            std::cerr << "  " << f.field << " " << f.message << "\n";
        return 1;
    }
    return 0;
}

} // namespace

int organisation_command(application& app, const std::vector<std::string>& args)
{
    if (args.size() >= 2 && args[1] == "add")
        return add(app, args);
    return usage("organisation needs add; see pswnet --help");
}

} // namespace pswnet
