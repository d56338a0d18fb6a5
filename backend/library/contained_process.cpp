// fork and exec by hand rather than posix_spawn: limits and the change of user must be set in the child before exec.
// Between fork and exec the child calls only async-signal-safe functions (the server is multi-threaded).
#include "library/contained_process.hpp"

#include "core/sizes.hpp"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>

namespace pswnet::library {
namespace {

constexpr uid_t nobody = 65534;
constexpr gid_t nogroup = 65534;

[[noreturn]] void become_contained_child(const char* program, char* const argv[], int input_fd, int output_fd,
                                         const containment& limits)
{
    char* const no_environment[] = {nullptr};
    int null_fd = open("/dev/null", O_RDWR);
    if (null_fd < 0 || dup2(input_fd, STDIN_FILENO) < 0 || dup2(output_fd, STDOUT_FILENO) < 0 ||
        dup2(null_fd, STDERR_FILENO) < 0)
        _exit(126);
    close_range(3, ~0U, 0); // the listening socket, database connections, everything else of the server's
    const rlimit cpu{static_cast<rlim_t>(limits.cpu.count()), static_cast<rlim_t>(limits.cpu.count() + 1)};
    const rlimit memory{limits.address_space, limits.address_space};
    const rlimit none{0, 0};
    const rlimit few_files{16, 16};
    if (setrlimit(RLIMIT_CPU, &cpu) != 0 || setrlimit(RLIMIT_AS, &memory) != 0 || setrlimit(RLIMIT_FSIZE, &none) != 0 ||
        setrlimit(RLIMIT_CORE, &none) != 0 || setrlimit(RLIMIT_NOFILE, &few_files) != 0)
        _exit(126);
    if (geteuid() == 0 && (setgroups(0, nullptr) != 0 || setgid(nogroup) != 0 || setuid(nobody) != 0))
        _exit(126);
    execve(program, argv, no_environment);
    _exit(127);
}

} // namespace

std::string find_program(const std::string& name)
{
    const char* path = std::getenv("PATH");
    std::string dirs = path && *path ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        auto colon = dirs.find(':', start);
        auto dir = dirs.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        auto candidate = (dir.empty() ? std::string(".") : dir) + "/" + name;
        if (candidate.front() == '/' && access(candidate.c_str(), X_OK) == 0)
            return candidate;
        if (colon == std::string::npos)
            break;
        start = colon + 1;
    }
    return {};
}

contained_result run_contained(const std::string& program, const std::vector<std::string>& arguments, int input_fd,
                               const containment& limits)
{
    contained_result result;
    if (program.empty() || program.front() != '/' || lseek(input_fd, 0, SEEK_SET) != 0)
        return result;
    std::vector<std::string> words{program};
    words.insert(words.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    argv.reserve(words.size() + 1);
    for (auto& word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);

    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0)
        return result;
    pid_t child = fork();
    if (child == 0)
        become_contained_child(program.c_str(), argv.data(), input_fd, pipe_fds[1], limits);
    close(pipe_fds[1]);
    if (child < 0) {
        close(pipe_fds[0]);
        return result;
    }
    result.started = true;

    std::array<char, 64 * kib> buffer{};
    const auto deadline = std::chrono::steady_clock::now() + limits.wall;
    bool finished = false;
    while (result.output.size() < limits.max_output) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            break;
        pollfd p{pipe_fds[0], POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left.count())) <= 0)
            break;
        auto got = read(pipe_fds[0], buffer.data(), buffer.size());
        if (got <= 0) {
            finished = got == 0;
            break;
        }
        result.output.append(buffer.data(), static_cast<std::size_t>(got));
    }
    close(pipe_fds[0]);
    // End of output comes a moment before the exit: give the child the rest of its time to exit by itself, waiting
    // on a pidfd, and kill it only if it overruns.
    if (finished) {
        int pidfd = static_cast<int>(syscall(SYS_pidfd_open, child, 0));
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (pidfd >= 0) {
            pollfd exited{pidfd, POLLIN, 0};
            poll(&exited, 1, static_cast<int>(std::max<long long>(0, left.count())));
            close(pidfd);
        }
    }
    kill(child, SIGKILL); // harmless when it has exited; stops one that overran
    int status = 0;
    waitpid(child, &status, 0);
    result.exited_zero = finished && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (result.output.size() > limits.max_output)
        result.output.resize(limits.max_output);
    return result;
}

} // namespace pswnet::library
