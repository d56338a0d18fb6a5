// The provider is checked as the admin page checks it (its discovery document and keys are fetched) and added as
// the command line's trusted user. The client secret is read from standard input, never from the arguments, which
// other users of the machine can see.
#include "app/idp_commands.hpp"

#include "app/command_line.hpp"
#include "db/migrations.hpp"
#include "notifications/mail_settings.hpp"

#include <iostream>

namespace pswnet {
namespace {

const audit_context command_line_audit{std::nullopt, "cli", "local"};

void print(const identity::single_sign_on::identity_provider& p)
{
    std::cout << p.id << "\t" << p.name << "\t" << p.issuer << "\tclient " << p.client_id << "\n";
    for (const auto& d : p.domains)
        std::cout << "\tdomain " << d << "\n";
    for (const auto& o : p.organisations)
        std::cout << "\torganisation " << o.name << (o.tenant_id ? " (tenant " + *o.tenant_id + ")" : "") << "\n";
}

int add(application& app, const std::vector<std::string>& args)
{
    identity::single_sign_on::provider_settings settings;
    std::vector<std::string> organisations;
    bool secret_from_stdin = false;
    command_flags flags(args, 2);
    while (const auto* flag = flags.next()) {
        if (*flag == "--client-secret-stdin")
            secret_from_stdin = true;
        else if (*flag == "--name")
            settings.name = flags.value();
        else if (*flag == "--issuer")
            settings.issuer = flags.value();
        else if (*flag == "--client-id")
            settings.client_id = flags.value();
        else if (*flag == "--domain")
            settings.domains.push_back(flags.value());
        else if (*flag == "--organisation")
            organisations.push_back(flags.value());
        else
            flags.unknown("idp add");
    }
    if (settings.name.empty() || settings.issuer.empty() || settings.client_id.empty() || !secret_from_stdin ||
        settings.domains.empty() || organisations.empty())
        throw usage_error("idp add needs --name, --issuer, --client-id, --client-secret-stdin, --domain and "
                          "--organisation");
    std::string secret;
    std::getline(std::cin, secret);
    settings.client_secret = secret;

    auto connection = app.database.connect();
    db::migrate(*connection, db::bundled_migrations());
    for (const auto& entry : organisations) {
        auto equals = entry.find('=');
        auto code = entry.substr(0, equals);
        auto found = run_to_completion(app.directory.find_by_code_or_id(code));
        if (!found)
            throw usage_error("there is no organisation with code or id " + code);
        std::optional<std::string> tenant;
        if (equals != std::string::npos)
            tenant = entry.substr(equals + 1);
        settings.organisations.push_back({found->id, found->name, tenant});
    }
    try {
        auto added =
            run_to_completion(app.single_sign_on.add_from_command_line(std::move(settings), command_line_audit));
        std::cout << "added identity provider " << added.id
                  << "; register this redirect URI with it: " << notifications::current_mail_settings().origin
                  << identity::single_sign_on::callback_path << "\n";
        print(added);
    } catch (const api_error& e) {
        return refused(e);
    }
    return 0;
}

} // namespace

int idp_command(application& app, const std::vector<std::string>& args)
{
    if (args.size() >= 2 && args[1] == "add")
        return add(app, args);
    if (args.size() == 2 && args[1] == "list") {
        auto connection = app.database.connect();
        db::migrate(*connection, db::bundled_migrations());
        for (const auto& p : run_to_completion(app.single_sign_on_store.providers()))
            print(p);
        return 0;
    }
    if (args.size() == 3 && args[1] == "remove") {
        try {
            auto id = std::stoll(args[2]);
            run_to_completion([&]() -> awaitable<bool> {
                co_await app.single_sign_on_store.remove_provider(id, command_line_audit);
                co_return true;
            }());
            std::cout << "removed identity provider " << args[2] << "\n";
        } catch (const std::logic_error&) { // not a number, or out of range
            throw usage_error("idp remove needs the provider's id");
        } catch (const api_error& e) {
            return refused(e);
        }
        return 0;
    }
    throw usage_error("idp needs add, list or remove ID; see pswnet --help");
}

} // namespace pswnet
