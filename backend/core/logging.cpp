// Logs go to standard error, so standard output stays free for command results ("listening on ...").
// In JSON mode every line is one JSON object; a message that is itself a JSON object (the access log's)
// is embedded as an object, anything else as an escaped string.
#include "core/logging.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace pswnet {
namespace {

class json_message_flag : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override
    {
        std::string_view text(msg.payload.data(), msg.payload.size());
        std::string out;
        if (text.size() >= 2 && text.front() == '{' && text.back() == '}')
            out = std::string(text);
        else
            out = nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        dest.append(out.data(), out.data() + out.size());
    }

    std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<json_message_flag>(); }
};

} // namespace

void configure_logging(const config& cfg)
{
    auto logger = spdlog::stderr_logger_mt("pswnet");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::from_str(cfg.log_level));
    if (cfg.log_format == log_format::json) {
        auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
        formatter->add_flag<json_message_flag>('*').set_pattern(
            R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","message":%*})");
        spdlog::set_formatter(std::move(formatter));
    } else {
        spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
    }
    spdlog::flush_on(spdlog::level::info);
}

} // namespace pswnet
