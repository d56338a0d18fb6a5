// What the commands for administrators share: reading their flags, and telling the shell what was wrong.
#pragma once

#include "core/error.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet {

// A command line the command cannot run: run_command prints it after "pswnet: " and exits with 2.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The flags after a command's words, in order: each a switch ("--password-stdin") or a name and the argument after
// it ("--email someone@example.org").
class command_flags {
public:
    command_flags(const std::vector<std::string>& args, std::size_t first) : args_(args), next_(first) {}

    // The next flag, or nullptr after the last.
    const std::string* next();

    // The argument after the current flag, which is its value; a usage_error when there is none.
    const std::string& value();

    // A usage_error saying that the command does not know the current flag.
    [[noreturn]] void unknown(std::string_view command) const;

private:
    const std::vector<std::string>& args_;
    std::size_t next_;
    const std::string* flag_ = nullptr;
};

// Prints why the service refused a command, and each field's reason, to standard error; returns the exit code, 1.
int refused(const api_error& e);

} // namespace pswnet
