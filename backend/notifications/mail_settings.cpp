#include "notifications/mail_settings.hpp"

namespace pswnet::notifications {
namespace {

mail_settings& settings()
{
    static mail_settings value;
    return value;
}

} // namespace

void configure_mail(mail_settings value)
{
    while (!value.origin.empty() && value.origin.back() == '/')
        value.origin.pop_back();
    settings() = std::move(value);
}

const mail_settings& current_mail_settings()
{
    return settings();
}

} // namespace pswnet::notifications
