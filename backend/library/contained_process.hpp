// Running an untrusted-input helper program (pdftotext) contained: an empty environment, no descriptor of the
// server's but its input and output, CPU, memory, file-size and time limits, and, when the server runs as root, the
// unprivileged user nobody.
#pragma once

#include "core/sizes.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace pswnet::library {

struct containment {
    std::chrono::seconds cpu{15};           // RLIMIT_CPU
    std::size_t address_space = 512 * mib;  // RLIMIT_AS
    std::chrono::milliseconds wall{20'000}; // killed after this long
    std::size_t max_output = 4 * mib;       // stdout read up to this much, then the child is killed
};

struct contained_result {
    std::string output;       // what the child wrote to stdout, up to max_output
    bool started = false;     // the program could be run at all
    bool exited_zero = false; // it finished by itself with status 0, within the limits
};

// Runs `program` (an absolute path) with `arguments` (argv[1...]); its stdin is `input_fd` (read from the start),
// stdout a pipe, stderr /dev/null. Blocks: call it off the I/O threads.
contained_result run_contained(const std::string& program, const std::vector<std::string>& arguments, int input_fd,
                               const containment& limits = {});

// The absolute path of `name` found on the server's PATH, or empty.
std::string find_program(const std::string& name);

} // namespace pswnet::library
