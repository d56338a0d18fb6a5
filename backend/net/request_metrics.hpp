// Counters and a latency histogram of HTTP requests by route template and status, plus open WebSockets;
// rendered in the Prometheus text format by the operations capability.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace pswnet {

class request_metrics {
public:
    static constexpr std::array<double, 12> buckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                    0.1,   0.25,   0.5,   1.0,  2.5,   5.0};

    void observe(const std::string& method, const std::string& route, int status, double seconds);
    void websocket_opened() noexcept { open_websockets_.fetch_add(1); }
    void websocket_closed() noexcept { open_websockets_.fetch_sub(1); }
    long open_websockets() const noexcept { return open_websockets_.load(); }

    // The request series in Prometheus text format.
    std::string render() const;

private:
    struct histogram {
        std::array<unsigned long, buckets.size()> counts{};
        unsigned long count = 0;
        double sum = 0;
    };

    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, unsigned long> requests_;
    std::map<std::string, histogram> latency_;
    std::atomic<long> open_websockets_{0};
};

} // namespace pswnet
