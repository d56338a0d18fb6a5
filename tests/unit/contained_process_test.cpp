// The helper programs' containment: nothing of the server's environment or descriptors reaches them, limits hold,
// and as root they run as nobody.
#include "library/contained_process.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>

namespace pswnet::library {
namespace {

// An input file for the child's standard input.
class input_file {
public:
    explicit input_file(const std::string& content)
    {
        char path[] = "/tmp/pswnet-contained-XXXXXX";
        fd_ = mkstemp(path);
        unlink(path);
        EXPECT_EQ(write(fd_, content.data(), content.size()), static_cast<ssize_t>(content.size()));
    }
    ~input_file() { close(fd_); }
    int fd() const { return fd_; }

private:
    int fd_ = -1;
};

contained_result shell(const std::string& script, const containment& limits = {})
{
    input_file input("from standard input\n");
    return run_contained(find_program("sh"), {"-c", script}, input.fd(), limits);
}

TEST(ContainedProcess, GivesTheChildAnEmptyEnvironment)
{
    setenv("PSWNET_DATABASE_URL", "postgresql://secret@db/pswnet", 1);
    auto run = run_contained(find_program("env"), {}, input_file("").fd());
    unsetenv("PSWNET_DATABASE_URL");
    ASSERT_TRUE(run.started);
    EXPECT_TRUE(run.exited_zero);
    EXPECT_EQ(run.output, "");
}

TEST(ContainedProcess, PassesNoDescriptorButStandardInputOutputAndError)
{
    int leaked = open("/dev/null", O_RDONLY); // without O_CLOEXEC, as a careless library might
    auto run = shell("ls /proc/self/fd");
    close(leaked);
    ASSERT_TRUE(run.exited_zero);
    // 0, 1, 2 and the descriptor ls opens to read the folder itself.
    EXPECT_EQ(run.output, "0\n1\n2\n3\n");
}

TEST(ContainedProcess, ReadsStandardInputFromTheStartOfTheFile)
{
    auto run = shell("cat");
    EXPECT_EQ(run.output, "from standard input\n");
}

TEST(ContainedProcess, SetsCpuMemoryAndFileSizeLimits)
{
    auto run = shell("ulimit -t; ulimit -v; ulimit -f; ulimit -c", {.cpu = std::chrono::seconds(7)});
    EXPECT_EQ(run.output, "7\n524288\n0\n0\n"); // ulimit -v counts KiB
}

TEST(ContainedProcess, KillsAChildThatRunsPastItsTime)
{
    auto started = std::chrono::steady_clock::now();
    auto run = shell("sleep 30", {.wall = std::chrono::milliseconds(300)});
    EXPECT_FALSE(run.exited_zero);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

TEST(ContainedProcess, RunsAsNobodyWhenTheServerIsRoot)
{
    if (geteuid() != 0)
        GTEST_SKIP() << "needs root";
    auto run = shell("id -u; id -g");
    EXPECT_EQ(run.output, "65534\n65534\n");
}

TEST(ContainedProcess, RefusesAProgramGivenWithoutAnAbsolutePath)
{
    EXPECT_FALSE(run_contained("sh", {"-c", "true"}, input_file("").fd()).started);
}

} // namespace
} // namespace pswnet::library
