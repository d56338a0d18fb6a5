// The configuration file, environment variables and flags read into config, each overriding the one before, and
// --help; the options themselves are the table of config_options.
#include "core/config.hpp"

#include "core/config_options.hpp"

#include <cstdlib>
#include <string_view>

namespace pswnet {
namespace {

// --config PATH, else PSWNET_CONFIG, else the default file if there is one. An empty path reads no file.
struct config_file_choice {
    std::string path;
    bool required = false;
};

config_file_choice choose_config_file(const std::vector<std::string>& args, const environment_lookup& env)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i].rfind("--config=", 0) == 0)
            return {args[i].substr(9), true};
        if (args[i] == "--config") {
            if (i + 1 >= args.size())
                throw config_error("--config needs a value");
            return {args[i + 1], true};
        }
    }
    if (auto path = env("PSWNET_CONFIG"))
        return {*path, true};
    return {std::string(default_config_path), false};
}

void apply_config_file(config& c, const config_file_choice& choice, const config_file_reader& read_file)
{
    if (choice.path.empty())
        return;
    auto text = read_file(choice.path);
    if (!text) {
        if (choice.required)
            throw config_error("no configuration file " + choice.path);
        return;
    }
    for (const auto& entry : parse_config_file(*text, choice.path)) {
        auto where = choice.path + ":" + std::to_string(entry.line) + ": ";
        const config_option* o = find_option(entry.key);
        if (!o)
            throw config_error(where + "unknown key '" + entry.key + "' (the keys are the flags of pswnet --help)");
        try {
            o->set(c, entry.value);
        } catch (const config_error& e) {
            throw config_error(where + e.what());
        }
    }
}

} // namespace

parsed_command_line parse_command_line(const std::vector<std::string>& args, const environment_lookup& env,
                                       const config_file_reader& read_file)
{
    parsed_command_line result;
    apply_config_file(result.config, choose_config_file(args, env), read_file);
    for (const auto& o : options())
        if (auto value = env(environment_name(o.flag)))
            o.set(result.config, *value);

    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            result.help = true;
            continue;
        }
        if (arg.rfind("--", 0) != 0) {
            result.arguments.push_back(arg);
            continue;
        }
        auto equals = arg.find('=');
        std::string flag = arg.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
        if (flag == "config") { // read above
            i += equals == std::string::npos ? 1 : 0;
            continue;
        }
        const config_option* o = find_option(flag);
        if (!o) { // a flag of the command itself: leave it to the command
            result.arguments.push_back(arg);
            continue;
        }
        if (equals != std::string::npos) {
            o->set(result.config, arg.substr(equals + 1));
        } else {
            if (i + 1 >= args.size())
                throw config_error("--" + flag + " needs a value");
            o->set(result.config, args[++i]);
        }
    }
    return result;
}

environment_lookup process_environment()
{
    return [](const std::string& name) -> std::optional<std::string> {
        if (const char* value = std::getenv(name.c_str()))
            return std::string(value);
        return std::nullopt;
    };
}

std::string usage_text()
{
    std::string text =
        "PSW Network server\n\n"
        "Usage: pswnet [options] COMMAND\n\n"
        "Commands:\n"
        "  serve                 migrate the database, then serve HTTP and WebSocket\n"
        "  migrate               apply missing database migrations and exit\n"
        "  seed-demo [--accounts-only]\n"
        "                        add the demo accounts and, once, the invented demo network (idempotent)\n"
        "  import csww FILE      import the DfE children's social work workforce CSV (idempotent); prints the report\n"
        "  import long FILE      import a long CSV (organisation_code,period,metric_key,value); prints the report\n"
        "  user add --email E --password-stdin --organisation CODE|ID --role R [--role R] --sector S\n"
        "                        add a user; the password is read from standard input\n"
        "  idp add --name N --issuer URL --client-id ID --client-secret-stdin --domain D [--domain D]\n"
        "          --organisation CODE|ID[=TENANT] [--organisation ...]\n"
        "                        add an OpenID Connect identity provider (a council's sign-in); the client secret\n"
        "                        is read from standard input; TENANT is a Microsoft Entra ID tenant id\n"
        "  idp list              list the identity providers\n"
        "  organisation add --kind K --name N --code C --services S [--region CODE] [--works-for CODE|ID ...]\n"
        "                        add another employer of PSWs (K: nhs_trust, childrens_trust,\n"
        "                        community_interest_company or other; S: children, adults or both)\n"
        "  idp remove ID         remove an identity provider\n"
        "  routes                print the HTTP routes as JSON\n"
        "  purge-deleted-files   remove the file content of resources deleted longer ago than the retention\n"
        "  digests run [--at TIME]\n"
        "                        put the daily and weekly email digests that are due (as of TIME, RFC 3339) in the "
        "outbox\n"
        "  doctor                check this deployment: database and migrations, clock, static files, origin and\n"
        "                        proxy settings, mail; exits 1 when a check fails\n"
        "  reminders run [--at TIME]\n"
        "                        send the meeting and action reminders that are due (as of TIME, RFC 3339)\n"
        "  mail send             send every email of the outbox that is due now, then exit\n"
        "  mail receive          read one email on standard input (an MTA's pipe) and post it as a reply; exits 75\n"
        "                        when the database is unavailable, so that the MTA tries again\n\n"
        "Options, each also the environment variable shown, and a key of the configuration file\n"
        "(--config PATH or PSWNET_CONFIG, else /etc/pswnet/pswnet.conf if it exists: key = value lines).\n"
        "Flags override the environment, which overrides the file.\n\n";
    for (const auto& o : options()) {
        std::string flag = "  --" + std::string(o.flag) + " VALUE";
        text += flag + std::string(flag.size() < 34 ? 34 - flag.size() : 1, ' ') + std::string(o.help) + "\n" +
                std::string(34, ' ') + environment_name(o.flag) + "\n";
    }
    return text;
}

} // namespace pswnet
