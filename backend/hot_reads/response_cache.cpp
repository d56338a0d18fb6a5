// The cache's bookkeeping: one mutex, a recency list for eviction, and a generation counter per scope.
#include "hot_reads/response_cache.hpp"

#include "core/crypto.hpp"

#include <bit>
#include <sstream>

namespace pswnet::hot_reads {

response_cache::response_cache(options o) : options_(o)
{
}

int response_cache::index_of(scopes scope)
{
    return std::countr_zero(scope);
}

response_cache::ticket response_cache::begin(scopes scope, clock::time_point now) const
{
    auto index = index_of(scope);
    return {index, generations_.at(index).load(std::memory_order_acquire), now};
}

std::optional<response_cache::answer> response_cache::find(const std::string& key, scopes scope, clock::time_point now)
{
    std::lock_guard lock(mutex_);
    auto found = entries_.find(key);
    if (found == entries_.end()) {
        misses_.fetch_add(1, std::memory_order_relaxed);
        return std::nullopt;
    }
    auto& e = found->second;
    if (e.scope_index != index_of(scope) ||
        e.generation != generations_.at(e.scope_index).load(std::memory_order_acquire) ||
        now - e.started > options_.max_age) {
        erase(found);
        misses_.fetch_add(1, std::memory_order_relaxed);
        return std::nullopt;
    }
    recency_.splice(recency_.begin(), recency_, e.recency);
    hits_.fetch_add(1, std::memory_order_relaxed);
    return e.kept;
}

response_cache::answer response_cache::store(const std::string& key, const ticket& t, std::string body)
{
    answer kept{std::make_shared<const std::string>(std::move(body)), ""};
    kept.etag = entity_tag(*kept.body);
    std::lock_guard lock(mutex_);
    if (t.generation != generations_.at(t.scope_index).load(std::memory_order_acquire) ||
        kept.body->size() > options_.max_bytes / 16)
        return kept;
    if (auto old = entries_.find(key); old != entries_.end())
        erase(old);
    recency_.push_front(key);
    entries_.emplace(key, entry{t.scope_index, t.generation, t.started, kept, recency_.begin()});
    bytes_ += key.size() + kept.body->size();
    while (entries_.size() > options_.max_entries || bytes_ > options_.max_bytes)
        erase(entries_.find(recency_.back()));
    return kept;
}

void response_cache::erase(std::unordered_map<std::string, entry>::iterator at)
{
    bytes_ -= at->first.size() + at->second.kept.body->size();
    recency_.erase(at->second.recency);
    entries_.erase(at);
}

void response_cache::invalidate(scopes changed)
{
    // Stale entries are dropped when next looked up, or pushed out by newer ones.
    for (int i = 0; i < scope_count; ++i)
        if ((changed & (1U << static_cast<unsigned>(i))) != 0)
            generations_.at(i).fetch_add(1, std::memory_order_acq_rel);
}

std::string response_cache::metrics_text() const
{
    std::size_t entries = 0;
    std::size_t bytes = 0;
    {
        std::lock_guard lock(mutex_);
        entries = entries_.size();
        bytes = bytes_;
    }
    std::ostringstream out;
    out << "# HELP pswnet_hot_reads_total Cached GETs: answered from memory (hit), not found there (miss), 304 "
           "(not_modified); a miss that waited for an identical read's fill is also counted as waited.\n"
        << "# TYPE pswnet_hot_reads_total counter\n"
        << "pswnet_hot_reads_total{result=\"hit\"} " << hits_.load() << "\n"
        << "pswnet_hot_reads_total{result=\"miss\"} " << misses_.load() << "\n"
        << "pswnet_hot_reads_total{result=\"not_modified\"} " << not_modified_.load() << "\n"
        << "pswnet_hot_reads_total{result=\"waited\"} " << waited_.load() << "\n"
        << "# HELP pswnet_hot_read_entries Answers held in memory.\n"
        << "# TYPE pswnet_hot_read_entries gauge\n"
        << "pswnet_hot_read_entries " << entries << "\n"
        << "# HELP pswnet_hot_read_bytes Bytes of the answers held in memory.\n"
        << "# TYPE pswnet_hot_read_bytes gauge\n"
        << "pswnet_hot_read_bytes " << bytes << "\n";
    return out.str();
}

std::string entity_tag(std::string_view body)
{
    return "\"" + crypto::sha256_hex(body).substr(0, 32) + "\"";
}

bool none_match(std::string_view if_none_match, std::string_view etag)
{
    auto opaque = [](std::string_view tag) {
        if (tag.starts_with("W/"))
            tag.remove_prefix(2);
        return tag;
    };
    while (!if_none_match.empty()) {
        auto comma = if_none_match.find(',');
        auto candidate = if_none_match.substr(0, comma);
        while (!candidate.empty() && (candidate.front() == ' ' || candidate.front() == '\t'))
            candidate.remove_prefix(1);
        while (!candidate.empty() && (candidate.back() == ' ' || candidate.back() == '\t'))
            candidate.remove_suffix(1);
        if (candidate == "*" || (!candidate.empty() && opaque(candidate) == opaque(etag)))
            return true;
        if (comma == std::string_view::npos)
            break;
        if_none_match.remove_prefix(comma + 1);
    }
    return false;
}

} // namespace pswnet::hot_reads
