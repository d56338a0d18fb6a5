// SMTP through libcurl. A 4xx reply or a connection that fails is temporary (the outbox tries again later); a 5xx
// reply is permanent. libcurl does the SMTP dot-stuffing of the message body. Easy handles are kept between
// messages, and with them their connections: one SMTP session carries many messages (libcurl checks that a kept
// connection is still alive before using it, and opens a new one when the server has closed it).
#include "mail/transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace pswnet::mail {
namespace {

struct upload {
    const std::string* content;
    std::size_t offset = 0;
};

std::size_t read_chunk(char* buffer, std::size_t size, std::size_t count, void* user)
{
    auto* u = static_cast<upload*>(user);
    std::size_t n = std::min(size * count, u->content->size() - u->offset);
    std::copy_n(u->content->data() + u->offset, n, buffer);
    u->offset += n;
    return n;
}

bool has_credentials(const std::string& url)
{
    auto start = url.find("://");
    if (start == std::string::npos)
        return false;
    auto at = url.find('@', start + 3);
    auto slash = url.find('/', start + 3);
    return at != std::string::npos && (slash == std::string::npos || at < slash);
}

delivery_outcome classify(CURLcode code, long smtp_reply)
{
    if (smtp_reply >= 500 || code == CURLE_LOGIN_DENIED)
        return delivery_outcome::permanent_failure;
    return delivery_outcome::temporary_failure;
}

using easy_handle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;

class smtp final : public transport {
public:
    smtp(std::string url, std::chrono::seconds timeout) : url_(std::move(url)), timeout_(timeout)
    {
        if (url_.rfind("smtp://", 0) != 0 && url_.rfind("smtps://", 0) != 0)
            throw std::invalid_argument("the SMTP URL must start with smtp:// or smtps://, not '" +
                                        without_credentials(url_) + "'");
        static std::once_flag once;
        std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    }

    delivery_result deliver(const envelope& message) override
    {
        auto curl = take_handle();
        if (!curl)
            return {delivery_outcome::temporary_failure, "libcurl could not start"};
        auto result = deliver_with(curl.get(), message);
        give_back(std::move(curl));
        return result;
    }

    delivery_result probe() override
    {
        easy_handle curl{curl_easy_init(), &curl_easy_cleanup};
        if (!curl)
            return {delivery_outcome::temporary_failure, "libcurl could not start"};
        CURL* c = curl.get();
        char error[CURL_ERROR_SIZE] = {};
        connection_options(c, error);
        curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
        auto code = curl_easy_perform(c);
        if (code == CURLE_OK)
            return {delivery_outcome::delivered, without_credentials(url_) + " answers and accepts this service"};
        return {classify(code, 0), error[0] ? error : curl_easy_strerror(code)};
    }

    std::string description() const override { return without_credentials(url_); }

private:
    // An idle handle (keeping its connection) or a new one. Each sending thread holds one at a time.
    easy_handle take_handle()
    {
        std::lock_guard lock(idle_mutex_);
        if (idle_.empty())
            return {curl_easy_init(), &curl_easy_cleanup};
        auto handle = std::move(idle_.back());
        idle_.pop_back();
        return handle;
    }

    void give_back(easy_handle handle)
    {
        curl_easy_reset(handle.get()); // forgets the options, keeps the connection
        std::lock_guard lock(idle_mutex_);
        idle_.push_back(std::move(handle));
    }

    // The server, TLS, timeouts and where errors are written: the same for a delivery and a probe.
    void connection_options(CURL* c, char* error) const
    {
        curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
        // A password never crosses the network in clear: with one, STARTTLS is required.
        curl_easy_setopt(c, CURLOPT_USE_SSL, has_credentials(url_) ? CURLUSESSL_ALL : CURLUSESSL_TRY);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min<long>(timeout_.count(), 30)));
        curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(timeout_.count()));
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    }

    delivery_result deliver_with(CURL* c, const envelope& message)
    {
        auto from = "<" + message.from + ">";
        std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
            curl_slist_append(nullptr, ("<" + message.to + ">").c_str()), &curl_slist_free_all);
        upload body{&message.content};
        char error[CURL_ERROR_SIZE] = {};
        connection_options(c, error);
        curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
        curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
        curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(c, CURLOPT_READFUNCTION, &read_chunk);
        curl_easy_setopt(c, CURLOPT_READDATA, &body);
        curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.content.size()));
        auto code = curl_easy_perform(c);
        long reply = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
        if (code == CURLE_OK)
            return {delivery_outcome::delivered, "accepted by " + without_credentials(url_)};
        std::string detail = error[0] ? error : curl_easy_strerror(code);
        if (reply)
            detail = "SMTP " + std::to_string(reply) + ": " + detail;
        return {classify(code, reply), detail};
    }

    std::string url_;
    std::chrono::seconds timeout_;
    std::mutex idle_mutex_;
    std::vector<easy_handle> idle_;
};

} // namespace

std::string without_credentials(const std::string& url)
{
    auto start = url.find("://");
    if (start == std::string::npos || !has_credentials(url))
        return url;
    return url.substr(0, start + 3) + url.substr(url.find('@', start + 3) + 1);
}

std::unique_ptr<transport> smtp_transport(const std::string& url, std::chrono::seconds timeout)
{
    return std::make_unique<smtp>(url, timeout);
}

} // namespace pswnet::mail
