// Prometheus exposition of the request metrics.
#include "net/request_metrics.hpp"

#include <sstream>

namespace pswnet {
namespace {

std::string label_value(const std::string& text)
{
    std::string out;
    for (char ch : text) {
        if (ch == '\\' || ch == '"')
            out.push_back('\\');
        if (ch == '\n') {
            out += "\\n";
            continue;
        }
        out.push_back(ch);
    }
    return out;
}

} // namespace

void request_metrics::observe(const std::string& method, const std::string& route, int status, double seconds)
{
    std::lock_guard lock(mutex_);
    ++requests_[{method, route, status}];
    auto& h = latency_[route];
    ++h.count;
    h.sum += seconds;
    for (std::size_t i = 0; i < buckets.size(); ++i)
        if (seconds <= buckets[i])
            ++h.counts[i];
}

std::string request_metrics::render() const
{
    std::ostringstream out;
    std::lock_guard lock(mutex_);
    out << "# HELP pswnet_http_requests_total HTTP requests by method, route template and status.\n"
        << "# TYPE pswnet_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
        const auto& [method, route, status] = key;
        out << "pswnet_http_requests_total{method=\"" << method << "\",route=\"" << label_value(route) << "\",status=\""
            << status << "\"} " << count << "\n";
    }
    out << "# HELP pswnet_http_request_duration_seconds Time from a complete request to its response.\n"
        << "# TYPE pswnet_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        auto label = label_value(route);
        for (std::size_t i = 0; i < buckets.size(); ++i)
            out << "pswnet_http_request_duration_seconds_bucket{route=\"" << label << "\",le=\"" << buckets[i] << "\"} "
                << h.counts[i] << "\n";
        out << "pswnet_http_request_duration_seconds_bucket{route=\"" << label << "\",le=\"+Inf\"} " << h.count << "\n"
            << "pswnet_http_request_duration_seconds_sum{route=\"" << label << "\"} " << h.sum << "\n"
            << "pswnet_http_request_duration_seconds_count{route=\"" << label << "\"} " << h.count << "\n";
    }
    out << "# HELP pswnet_websockets_open Open WebSocket connections.\n"
        << "# TYPE pswnet_websockets_open gauge\n"
        << "pswnet_websockets_open " << open_websockets_.load() << "\n";
    return out.str();
}

} // namespace pswnet
