#include "identity/single_sign_on/provider_documents.hpp"

#include "core/offload.hpp"
#include "identity/single_sign_on/outbound_http.hpp"

namespace pswnet::identity::single_sign_on {
namespace {

constexpr auto metadata_lifetime = std::chrono::hours(1);
constexpr auto missing_key_interval = std::chrono::minutes(1);
constexpr std::size_t max_missing_key_ids = 100;
constexpr std::size_t max_providers_kept = 1000;

std::string fetched(const std::string& url, const char* what)
{
    auto reply = http_get(url);
    if (reply.status != 200)
        throw invalid_provider(std::string("the provider's ") + what + " answered HTTP " +
                               std::to_string(reply.status));
    return reply.body;
}

provider_metadata fetch_metadata(const std::string& issuer)
{
    return parse_metadata(fetched(discovery_url(issuer), "discovery document"), issuer);
}

signing_keys fetch_keys(const std::string& jwks_uri)
{
    return signing_keys::parse(fetched(jwks_uri, "key set"));
}

} // namespace

awaitable<provider_metadata> provider_documents::metadata(std::string issuer)
{
    {
        std::lock_guard lock(mutex_);
        auto found = entries_.find(issuer);
        if (found != entries_.end() && std::chrono::steady_clock::now() - found->second.metadata_at < metadata_lifetime)
            co_return found->second.metadata;
    }
    auto metadata = co_await offload(pool_, [issuer] { return fetch_metadata(issuer); });
    std::lock_guard lock(mutex_);
    if (entries_.size() >= max_providers_kept && !entries_.contains(issuer))
        entries_.clear();
    auto& e = entries_[issuer];
    e.metadata = metadata;
    e.metadata_at = std::chrono::steady_clock::now();
    co_return metadata;
}

awaitable<signing_keys> provider_documents::keys(std::string issuer, std::optional<std::string> key_id)
{
    auto metadata = co_await this->metadata(issuer);
    auto wanted = key_id.value_or("");
    {
        std::lock_guard lock(mutex_);
        auto& e = entries_[issuer];
        if (e.keys && e.keys->find(key_id))
            co_return *e.keys;
        auto missing = e.missing_key_ids.find(wanted);
        if (e.keys && missing != e.missing_key_ids.end() &&
            std::chrono::steady_clock::now() - missing->second < missing_key_interval)
            co_return *e.keys;
    }
    auto keys = co_await offload(pool_, [uri = metadata.jwks_uri] { return fetch_keys(uri); });
    std::lock_guard lock(mutex_);
    auto& e = entries_[issuer];
    e.keys = keys;
    if (keys.find(key_id))
        e.missing_key_ids.erase(wanted);
    else if (e.missing_key_ids.size() < max_missing_key_ids)
        e.missing_key_ids[wanted] = std::chrono::steady_clock::now();
    co_return keys;
}

awaitable<provider_metadata> provider_documents::refresh(std::string issuer)
{
    auto [metadata, keys] = co_await offload(pool_, [issuer] {
        auto m = fetch_metadata(issuer);
        return std::pair(m, fetch_keys(m.jwks_uri));
    });
    std::lock_guard lock(mutex_);
    entries_[issuer] = {metadata, std::chrono::steady_clock::now(), keys, {}};
    co_return metadata;
}

} // namespace pswnet::identity::single_sign_on
