// The text of a PDF, by pdftotext from poppler-utils in a child process: the file goes to a private temporary file,
// the child gets 20 seconds and its output is read up to max_extracted_text, then it is killed if still running.
#include "library/text_extraction.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

extern char** environ;

namespace pswnet::library {
namespace {

constexpr auto time_limit = std::chrono::seconds(20);

class temporary_file {
public:
    temporary_file()
    {
        const char* dir = std::getenv("TMPDIR");
        path_ = std::string(dir && *dir ? dir : "/tmp") + "/pswnet-upload-XXXXXX";
        fd_ = mkstemp(path_.data());
    }
    ~temporary_file()
    {
        if (fd_ >= 0) {
            close(fd_);
            unlink(path_.c_str());
        }
    }
    temporary_file(const temporary_file&) = delete;
    temporary_file& operator=(const temporary_file&) = delete;

    bool write_all(std::string_view content)
    {
        while (!content.empty()) {
            auto written = ::write(fd_, content.data(), content.size());
            if (written <= 0)
                return false;
            content.remove_prefix(static_cast<std::size_t>(written));
        }
        return true;
    }
    bool ok() const noexcept { return fd_ >= 0; }
    const std::string& path() const noexcept { return path_; }

private:
    std::string path_;
    int fd_ = -1;
};

} // namespace

extracted_text pdf_text(std::string_view content)
{
    temporary_file input;
    if (!input.ok() || !input.write_all(content))
        return {};
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0)
        return {};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::string program = "pdftotext";
    std::string quiet = "-q", encoding = "-enc", utf8 = "UTF-8", last = "-l", pages = "1000", to_stdout = "-";
    std::string file = input.path();
    char* argv[] = {program.data(), quiet.data(), encoding.data(), utf8.data(), last.data(), pages.data(), file.data(),
                    to_stdout.data(), nullptr};
    pid_t child = 0;
    int spawned = posix_spawnp(&child, "pdftotext", &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    if (spawned != 0) {
        close(pipe_fds[0]);
        return {};
    }
    std::string text;
    char buffer[64 * 1024];
    const auto deadline = std::chrono::steady_clock::now() + time_limit;
    bool finished = false;
    while (text.size() < max_extracted_text) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            break;
        pollfd p{pipe_fds[0], POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left.count())) <= 0)
            break;
        auto got = read(pipe_fds[0], buffer, sizeof buffer);
        if (got <= 0) {
            finished = got == 0;
            break;
        }
        text.append(buffer, static_cast<std::size_t>(got));
    }
    close(pipe_fds[0]);
    kill(child, SIGKILL); // harmless when it has exited; stops one that overran
    int status = 0;
    waitpid(child, &status, 0);
    cut_to_limit(text);
    const bool succeeded = finished && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return {std::move(text), succeeded || !text.empty()};
}

} // namespace pswnet::library
