// Answers to hot GETs kept in memory: each person's own answer (the key starts with their id, so what one may read
// is never served to another), with an entity tag. An answer is good while no write has changed its scope since the
// read began, and for at most max_age: the bound on staleness when a write's event is late or was never sent.
#pragma once

#include "hot_reads/scopes.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace pswnet::hot_reads {

class response_cache {
public:
    using clock = std::chrono::steady_clock;

    struct options {
        std::chrono::milliseconds max_age{1000}; // 0 turns the cache off
        std::size_t max_entries = 20'000;
        std::size_t max_bytes = 64UL << 20U;
    };

    struct answer {
        std::shared_ptr<const std::string> body;
        std::string etag; // quoted, e.g. "9f86d081884c7d65"
    };

    // Taken before the data is read, so that a write committed meanwhile makes the answer unstorable.
    struct ticket {
        int scope_index = 0;
        std::uint64_t generation = 0;
        clock::time_point started;
    };

    explicit response_cache(options o);

    bool enabled() const noexcept { return options_.max_age.count() > 0; }

    // The scope must be exactly one of the scopes.
    ticket begin(scopes scope, clock::time_point now = clock::now()) const;
    std::optional<answer> find(const std::string& key, scopes scope, clock::time_point now = clock::now());
    // Keeps the body unless its scope changed since the ticket was taken; the answer (with its tag) either way.
    answer store(const std::string& key, const ticket& t, std::string body);
    void invalidate(scopes changed);

    void count_not_modified() noexcept { not_modified_.fetch_add(1, std::memory_order_relaxed); }
    // A read that missed and waited for an identical one's fill rather than reading the database itself.
    void count_waited() noexcept { waited_.fetch_add(1, std::memory_order_relaxed); }
    // Prometheus text: hits, misses, 304s, waits, entries and bytes.
    std::string metrics_text() const;

private:
    struct entry {
        int scope_index;
        std::uint64_t generation;
        clock::time_point started;
        answer kept;
        std::list<std::string>::iterator recency;
    };

    static int index_of(scopes scope);
    void erase(std::unordered_map<std::string, entry>::iterator at);

    options options_;
    std::array<std::atomic<std::uint64_t>, scope_count> generations_{};
    mutable std::mutex mutex_;
    std::unordered_map<std::string, entry> entries_;
    std::list<std::string> recency_; // most recently used first
    std::size_t bytes_ = 0;
    std::atomic<std::uint64_t> hits_{0}, misses_{0}, not_modified_{0}, waited_{0};
};

// The entity tag of a body: a strong tag, the same on every instance.
std::string entity_tag(std::string_view body);

// Whether an If-None-Match header value matches the tag (weak comparison, as RFC 9110 asks of If-None-Match).
bool none_match(std::string_view if_none_match, std::string_view etag);

} // namespace pswnet::hot_reads
