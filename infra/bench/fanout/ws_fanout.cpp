// WebSocket fan-out, measured by a native client: N authenticated clients subscribe to one thread; replies are
// posted through the REST API, one at a time; reports how long each client took to receive each (from just before
// its POST), then the rounds' medians.
//
//   pswnet_ws_fanout BASE_URL TOKEN THREAD_ID [CLIENTS] [ROUNDS] [SERVER_PID]
//
// With the server's process id, also the CPU that pswnet and this client each spent per message delivered. The
// client shares the machine with the server, so what it spends on each message is taken from the server's: one
// thread and Beast's own reads keep that share small (the Node.js client, ws_fanout.mjs before it, spent more per
// message than pswnet did).
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using clock_type = std::chrono::steady_clock;
using websocket_stream = websocket::stream<beast::tcp_stream>;

namespace {

struct options {
    std::string host;
    std::string port;
    std::string authority; // host:port, the Host header
    std::string origin;
    std::string token;
    std::string thread_id;
    std::size_t clients = 1000;
    int rounds = 10;
    std::optional<int> server_pid;
};

[[noreturn]] void fail(const std::string& what)
{
    std::cerr << what << '\n';
    std::exit(1);
}

[[noreturn]] void usage(const std::string& what)
{
    std::cerr << what << "\nusage: pswnet_ws_fanout BASE_URL TOKEN THREAD_ID [CLIENTS] [ROUNDS] [SERVER_PID]\n";
    std::exit(2);
}

// A whole positive number, or the usage.
template <typename Number> Number positive(std::string_view text, const char* name)
{
    Number value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 1)
        usage(std::string(name) + " must be a whole number of at least 1");
    return value;
}

options parse_options(int argc, char** argv)
{
    if (argc < 4)
        usage("BASE_URL, TOKEN and THREAD_ID are needed");
    options o;
    o.origin = argv[1];
    const std::string_view scheme = "http://";
    if (!o.origin.starts_with(scheme))
        usage("BASE_URL must be http://host:port");
    o.authority = o.origin.substr(scheme.size());
    const auto colon = o.authority.rfind(':');
    o.host = o.authority.substr(0, colon);
    o.port = colon == std::string::npos ? "80" : o.authority.substr(colon + 1);
    o.token = argv[2];
    o.thread_id = std::to_string(positive<long long>(argv[3], "THREAD_ID"));
    if (argc > 4)
        o.clients = positive<std::size_t>(argv[4], "CLIENTS");
    if (argc > 5)
        o.rounds = positive<int>(argv[5], "ROUNDS");
    if (argc > 6)
        o.server_pid = positive<int>(argv[6], "SERVER_PID");
    return o;
}

// The reply being measured: when it was posted, and when each client had it. The first message after the last
// client's wakes the poster.
struct round_state {
    clock_type::time_point started;
    std::vector<double> latencies;
    std::size_t expected = 0;
    net::steady_timer* all_received = nullptr;
};

double milliseconds_since(clock_type::time_point start)
{
    return std::chrono::duration<double, std::milli>(clock_type::now() - start).count();
}

double rounded(double value)
{
    return std::round(value * 10) / 10;
}

// CPU time in microseconds: the server's from /proc (utime and stime, in clock ticks), and this process's.
long long server_cpu_micros(int pid)
{
    std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    std::istringstream fields(stat.substr(stat.rfind(") ") + 2));
    std::string field;
    long long utime = 0;
    long long stime = 0;
    for (int index = 0; fields >> field; ++index) {
        if (index == 11)
            utime = std::stoll(field);
        if (index == 12) {
            stime = std::stoll(field);
            break;
        }
    }
    return (utime + stime) * 1'000'000 / sysconf(_SC_CLK_TCK);
}

long long client_cpu_micros()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto micros = [](const timeval& t) { return static_cast<long long>(t.tv_sec) * 1'000'000 + t.tv_usec; };
    return micros(usage.ru_utime) + micros(usage.ru_stime);
}

class fanout {
public:
    fanout(net::io_context& io, options o) : io_(io), options_(std::move(o)), poster_(io) {}

    net::awaitable<void> run()
    {
        co_await connect_poster();
        // Steady state: warm replies first, so that every database connection of the pool has prepared its
        // statements.
        for (int i = 0; i < 16; ++i)
            co_await post_reply("Warm-up reply " + std::to_string(i));

        std::vector<std::unique_ptr<websocket_stream>> sockets;
        sockets.reserve(options_.clients);
        for (std::size_t i = 0; i < options_.clients; ++i)
            sockets.push_back(co_await open_subscribed());
        for (auto& socket : sockets)
            net::co_spawn(io_, listen(std::move(socket)), net::detached);

        const auto server_before = options_.server_pid ? server_cpu_micros(*options_.server_pid) : 0;
        const auto client_before = client_cpu_micros();
        std::vector<nlohmann::json> results;
        for (int number = 1; number <= options_.rounds; ++number) {
            results.push_back(co_await deliver_one_reply(number));
            std::cout << results.back().dump() << std::endl;
        }
        const auto messages = static_cast<double>(options_.rounds) * static_cast<double>(options_.clients);
        nlohmann::json summary = summarise(results);
        if (options_.server_pid) {
            summary["server_cpu_us_per_message"] =
                rounded(static_cast<double>(server_cpu_micros(*options_.server_pid) - server_before) / messages);
            summary["client_cpu_us_per_message"] =
                rounded(static_cast<double>(client_cpu_micros() - client_before) / messages);
        }
        std::cout << summary.dump() << std::endl;
        io_.stop();
    }

private:
    net::awaitable<void> connect_poster()
    {
        tcp::resolver resolver(io_);
        auto endpoints = co_await resolver.async_resolve(options_.host, options_.port, net::use_awaitable);
        co_await poster_.async_connect(endpoints, net::use_awaitable);
        endpoints_ = std::move(endpoints);
    }

    net::awaitable<void> post_reply(const std::string& body)
    {
        http::request<http::string_body> request(http::verb::post, "/api/v1/threads/" + options_.thread_id + "/posts",
                                                 11);
        request.set(http::field::host, options_.authority);
        request.set(http::field::authorization, "Bearer " + options_.token);
        request.set(http::field::content_type, "application/json");
        request.body() = nlohmann::json{{"body", body}}.dump();
        request.prepare_payload();
        co_await http::async_write(poster_, request, net::use_awaitable);
        http::response<http::string_body> response;
        co_await http::async_read(poster_, poster_buffer_, response, net::use_awaitable);
        if (response.result() != http::status::created)
            fail("reply failed: " + std::to_string(response.result_int()) + " " + response.body());
    }

    net::awaitable<std::unique_ptr<websocket_stream>> open_subscribed()
    {
        auto ws = std::make_unique<websocket_stream>(io_);
        co_await beast::get_lowest_layer(*ws).async_connect(endpoints_, net::use_awaitable);
        beast::get_lowest_layer(*ws).socket().set_option(tcp::no_delay(true));
        ws->set_option(websocket::stream_base::decorator([this](websocket::request_type& request) {
            request.set(http::field::authorization, "Bearer " + options_.token);
            request.set(http::field::origin, options_.origin);
        }));
        co_await ws->async_handshake(options_.authority, "/api/v1/ws", net::use_awaitable);
        const auto subscribe =
            nlohmann::json{{"type", "subscribe"}, {"channels", {"thread:" + options_.thread_id}}}.dump();
        co_await ws->async_write(net::buffer(subscribe), net::use_awaitable);
        beast::flat_buffer subscribed;
        co_await ws->async_read(subscribed, net::use_awaitable);
        co_return ws;
    }

    // Each client's messages: a cheap test, as the Node.js client made, rather than parsing each (the messages are
    // pswnet's own, checked by the tests).
    net::awaitable<void> listen(std::unique_ptr<websocket_stream> ws)
    {
        beast::flat_buffer buffer;
        for (;;) {
            auto [error, size] = co_await ws->async_read(buffer, net::as_tuple(net::use_awaitable));
            if (error) {
                std::cerr << "a client's connection ended: " << error.message() << '\n';
                co_return;
            }
            const std::string_view text(static_cast<const char*>(buffer.data().data()), buffer.size());
            if (round_ && text.find("\"post.created\"") != std::string_view::npos) {
                round_->latencies.push_back(milliseconds_since(round_->started));
                if (round_->latencies.size() == round_->expected)
                    round_->all_received->cancel();
            }
            buffer.consume(buffer.size());
        }
    }

    // One reply, posted once every client has had the one before: how long each client took to receive it.
    net::awaitable<nlohmann::json> deliver_one_reply(int number)
    {
        net::steady_timer all_received(io_, std::chrono::seconds(30));
        round_state round{clock_type::now(), {}, options_.clients, &all_received};
        round.latencies.reserve(options_.clients);
        round_ = &round;
        co_await post_reply("Fan-out benchmark reply " + std::to_string(number));
        const double answered = milliseconds_since(round.started);
        if (round.latencies.size() < options_.clients)
            co_await all_received.async_wait(net::as_tuple(net::use_awaitable));
        round_ = nullptr;
        auto& latencies = round.latencies;
        if (latencies.size() < options_.clients)
            fail("round " + std::to_string(number) + ": only " + std::to_string(latencies.size()) + " of " +
                 std::to_string(options_.clients) + " received");
        std::sort(latencies.begin(), latencies.end());
        const auto pick = [&](double q) {
            const auto index =
                std::min(latencies.size() - 1, static_cast<std::size_t>(q * static_cast<double>(latencies.size())));
            return rounded(latencies[index]);
        };
        co_return nlohmann::json{{"clients", options_.clients},
                                 {"received", latencies.size()},
                                 {"reply_answered_ms", rounded(answered)},
                                 {"first_ms", rounded(latencies.front())},
                                 {"p50_ms", pick(0.5)},
                                 {"p99_ms", pick(0.99)},
                                 {"max_ms", pick(1)}};
    }

    nlohmann::json summarise(const std::vector<nlohmann::json>& results) const
    {
        const auto middle = [&](const char* key) {
            std::vector<double> values;
            values.reserve(results.size());
            for (const auto& r : results)
                values.push_back(r[key].get<double>());
            std::sort(values.begin(), values.end());
            return values[values.size() / 2];
        };
        double worst = 0;
        for (const auto& r : results)
            worst = std::max(worst, r["p99_ms"].get<double>());
        return {{"clients", options_.clients},
                {"rounds", options_.rounds},
                {"all_received", true},
                {"median_reply_answered_ms", middle("reply_answered_ms")},
                {"median_p50_ms", middle("p50_ms")},
                {"median_p99_ms", middle("p99_ms")},
                {"worst_p99_ms", worst}};
    }

    net::io_context& io_;
    options options_;
    tcp::resolver::results_type endpoints_;
    beast::tcp_stream poster_;
    beast::flat_buffer poster_buffer_;
    round_state* round_ = nullptr;
};

} // namespace

int main(int argc, char** argv)
{
    net::io_context io(1);
    fanout benchmark(io, parse_options(argc, argv));
    net::co_spawn(io, benchmark.run(), [](const std::exception_ptr& error) {
        if (error) {
            try {
                std::rethrow_exception(error);
            } catch (const std::exception& e) {
                fail(std::string("fan-out benchmark failed: ") + e.what());
            }
        }
    });
    io.run();
}
