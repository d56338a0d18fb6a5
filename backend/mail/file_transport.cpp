// With no mail server: each message becomes an .eml file that any mail client opens. The file is written under a
// temporary name and renamed, so a reader never sees half a message; its name comes from the Message-ID, so a
// message sent again replaces itself rather than appearing twice.
#include "mail/transport.hpp"

#include <fstream>
#include <system_error>

namespace pswnet::mail {
namespace {

std::string file_name(const std::string& message_id)
{
    std::string name;
    for (char c : message_id)
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.')
            name += c;
    return name.empty() ? "message" : name;
}

class folder final : public transport {
public:
    explicit folder(std::filesystem::path path) : path_(std::move(path)) {}

    delivery_result deliver(const envelope& message) override
    {
        std::error_code ec;
        std::filesystem::create_directories(path_, ec);
        auto target = path_ / (file_name(message.message_id) + ".eml");
        auto temporary = path_ / ("." + file_name(message.message_id) + ".tmp");
        {
            std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
            out.write(message.content.data(), static_cast<std::streamsize>(message.content.size()));
            if (!out.flush())
                return {delivery_outcome::temporary_failure, "cannot write " + temporary.string()};
        }
        std::filesystem::rename(temporary, target, ec);
        if (ec)
            return {delivery_outcome::temporary_failure, "cannot write " + target.string() + ": " + ec.message()};
        return {delivery_outcome::delivered, "written to " + target.string()};
    }

    delivery_result probe() override
    {
        std::error_code ec;
        std::filesystem::create_directories(path_, ec);
        auto probe = path_ / ".pswnet-probe.tmp";
        {
            std::ofstream out(probe, std::ios::binary | std::ios::trunc);
            if (!(out << "probe").flush())
                return {delivery_outcome::temporary_failure, "cannot write in " + path_.string()};
        }
        std::filesystem::remove(probe, ec);
        return {delivery_outcome::delivered, "emails are written to " + path_.string()};
    }

    std::string description() const override { return "files in " + path_.string(); }

private:
    std::filesystem::path path_;
};

} // namespace

std::unique_ptr<transport> file_transport(const std::filesystem::path& folder_path)
{
    return std::make_unique<folder>(std::filesystem::absolute(folder_path));
}

} // namespace pswnet::mail
