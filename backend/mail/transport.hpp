// Where finished emails go: an SMTP server through libcurl (STARTTLS or implicit TLS, AUTH from the URL), or, with
// none configured, one .eml file per message in a folder. Both are synchronous: the outbox sender calls them from
// its own thread.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

namespace pswnet::mail {

struct envelope {
    std::string from;       // the bare address
    std::string to;         // the bare address
    std::string message_id; // names the file of a file transport, so that sending again overwrites
    std::string content;    // the whole message, CRLF line ends
};

enum class delivery_outcome { delivered, temporary_failure, permanent_failure };

struct delivery_result {
    delivery_outcome outcome = delivery_outcome::delivered;
    std::string detail; // the server's reply or the error, without credentials
};

class transport {
public:
    virtual ~transport() = default;
    virtual delivery_result deliver(const envelope& message) = 0;
    // Gets as far as a delivery would without sending anything (connects, says hello, starts TLS and logs in; or
    // writes and removes a file): `delivered` when it could.
    virtual delivery_result probe() = 0;
    virtual std::string description() const = 0; // for the log: never holds a password
};

// smtp://[user:password@]host[:port] (STARTTLS when offered; required when a password is given) or smtps://...
// Throws std::invalid_argument for another scheme.
std::unique_ptr<transport> smtp_transport(const std::string& url, std::chrono::seconds timeout);

std::unique_ptr<transport> file_transport(const std::filesystem::path& folder);

// The URL without its user:password, for logs and messages.
std::string without_credentials(const std::string& url);

} // namespace pswnet::mail
