// The text of a PDF, by pdftotext from poppler-utils in a contained child process (contained_process.hpp): the file
// goes to a private temporary file given to the child as its standard input; the child gets 20 seconds and its
// output is read up to max_extracted_text, then it is killed if still running.
#include "library/contained_process.hpp"
#include "library/text_extraction.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

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
    int fd() const noexcept { return fd_; }
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
    // "fd://0": poppler reads the PDF from standard input, so the child needs no access to the file's path.
    static const std::string pdftotext = find_program("pdftotext");
    auto run = run_contained(pdftotext, {"-q", "-enc", "UTF-8", "-l", "1000", "fd://0", "-"}, input.fd(),
                             {.wall = time_limit, .max_output = max_extracted_text + 4});
    cut_to_limit(run.output);
    return {std::move(run.output), run.exited_zero || !run.output.empty()};
}

} // namespace pswnet::library
