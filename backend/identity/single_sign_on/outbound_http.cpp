#include "identity/single_sign_on/outbound_http.hpp"

#include "core/sizes.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <optional>

namespace pswnet::identity::single_sign_on {
namespace {

constexpr std::size_t max_reply_bytes = 512 * kib;
constexpr long connect_timeout_seconds = 5;
constexpr long total_timeout_seconds = 10;

using easy_handle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using header_list = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* body = static_cast<std::string*>(user);
    std::size_t n = size * count;
    if (body->size() + n > max_reply_bytes)
        return 0; // libcurl stops with CURLE_WRITE_ERROR
    body->append(data, n);
    return n;
}

easy_handle new_handle(const std::string& url, std::string& body)
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (!allowed_provider_url(url))
        throw provider_unreachable("the service only calls identity providers over https: " + url);
    easy_handle curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl)
        throw provider_unreachable("libcurl could not start a request");
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, connect_timeout_seconds);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, total_timeout_seconds);
    curl_easy_setopt(curl.get(), CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_reply_bytes));
    curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "pswnet");
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &collect);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
    return curl;
}

http_reply perform(CURL* curl, const std::string& url, std::string& body)
{
    auto code = curl_easy_perform(curl);
    if (code != CURLE_OK)
        throw provider_unreachable(url + ": " + curl_easy_strerror(code));
    http_reply reply;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    reply.body = std::move(body);
    return reply;
}

std::string escaped(CURL* curl, const std::string& value)
{
    std::unique_ptr<char, decltype(&curl_free)> text(
        curl_easy_escape(curl, value.data(), static_cast<int>(value.size())), &curl_free);
    if (!text)
        throw provider_unreachable("libcurl could not encode a value");
    return text.get();
}

std::string encoded(CURL* curl, const form_fields& fields)
{
    std::string text;
    for (const auto& [name, value] : fields) {
        if (!text.empty())
            text += '&';
        text += escaped(curl, name) + "=" + escaped(curl, value);
    }
    return text;
}

} // namespace

bool allowed_provider_url(const std::string& url)
{
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), &curl_url_cleanup);
    if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
        return false;
    auto part = [&](CURLUPart which) -> std::optional<std::string> {
        char* text = nullptr;
        if (curl_url_get(parsed.get(), which, &text, 0) != CURLUE_OK)
            return std::nullopt;
        std::string value(text);
        curl_free(text);
        return value;
    };
    if (part(CURLUPART_USER) || part(CURLUPART_PASSWORD) || part(CURLUPART_FRAGMENT))
        return false;
    auto scheme = part(CURLUPART_SCHEME);
    auto host = part(CURLUPART_HOST);
    if (!scheme || !host || host->empty())
        return false;
    if (*scheme == "https")
        return true;
    return *scheme == "http" && (*host == "127.0.0.1" || *host == "[::1]" || *host == "localhost");
}

http_reply http_get(const std::string& url)
{
    std::string body;
    auto curl = new_handle(url, body);
    header_list headers(curl_slist_append(nullptr, "Accept: application/json"), &curl_slist_free_all);
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
    return perform(curl.get(), url, body);
}

http_reply http_post_form(const std::string& url, const form_fields& fields, const std::string& client_id,
                          const std::string& client_secret)
{
    std::string body;
    auto curl = new_handle(url, body);
    auto content = encoded(curl.get(), fields);
    auto user = escaped(curl.get(), client_id);
    auto password = escaped(curl.get(), client_secret);
    header_list headers(curl_slist_append(nullptr, "Accept: application/json"), &curl_slist_free_all);
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl.get(), CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl.get(), CURLOPT_USERNAME, user.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, password.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, content.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(content.size()));
    return perform(curl.get(), url, body);
}

std::string with_query(const std::string& base, const form_fields& fields)
{
    easy_handle curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl)
        throw provider_unreachable("libcurl could not start");
    return base + (base.find('?') == std::string::npos ? "?" : "&") + encoded(curl.get(), fields);
}

} // namespace pswnet::identity::single_sign_on
