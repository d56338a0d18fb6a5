// How this instance writes email: who it is from, the web origin its links point at, and the domain replies by
// email go to. Set once at start (from --mail-from, --public-origin and --reply-domain), read by the code that
// writes emails inside other capabilities' transactions.
#pragma once

#include "mail/message.hpp"

#include <optional>
#include <string>

namespace pswnet::notifications {

struct mail_settings {
    mail::mailbox from{"PSW Network", "no-reply@localhost"};
    std::string origin = "http://localhost:8080"; // no trailing slash
    std::optional<std::string> reply_domain;      // none: emails carry no Reply-To and cannot be answered
};

void configure_mail(mail_settings settings);
const mail_settings& current_mail_settings();

} // namespace pswnet::notifications
