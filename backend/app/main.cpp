// pswnet's entry point: configuration, logging, then the command.
#include "app/commands.hpp"
#include "core/crypto.hpp"
#include "core/logging.hpp"

#include <iostream>

int main(int argc, char** argv)
{
    try {
        auto command_line =
            pswnet::parse_command_line(std::vector<std::string>(argv + 1, argv + argc), pswnet::process_environment());
        pswnet::configure_logging(command_line.config);
        pswnet::crypto::initialise();
        return pswnet::run_command(command_line);
    } catch (const pswnet::config_error& e) {
        std::cerr << "pswnet: " << e.what() << "\n";
        return 2;
    }
}
