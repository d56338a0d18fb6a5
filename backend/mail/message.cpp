// MIME through GMime: GMime encodes the subject (RFC 2047), picks each part's transfer encoding, and folds headers.
// Values that come from people (names, titles) never reach a header with a line break in them.
#include "mail/message.hpp"

#include "core/crypto.hpp"
#include "mail/gmime_handles.hpp"

#include <mutex>
#include <stdexcept>

namespace pswnet::mail {
namespace {

std::string one_line(std::string value)
{
    for (auto& c : value)
        if (c == '\r' || c == '\n' || c == '\0')
            c = ' ';
    return value;
}

std::string without_brackets(const std::string& id)
{
    if (id.size() >= 2 && id.front() == '<' && id.back() == '>')
        return id.substr(1, id.size() - 2);
    return id;
}

gobject_ptr<GMimeTextPart> text_part(const char* subtype, const std::string& content)
{
    gobject_ptr<GMimeTextPart> part(g_mime_text_part_new_with_subtype(subtype));
    g_mime_text_part_set_text(part.get(), content.c_str());
    g_mime_part_set_content_encoding(
        GMIME_PART(part.get()),
        g_mime_part_get_best_content_encoding(GMIME_PART(part.get()), GMIME_ENCODING_CONSTRAINT_7BIT));
    return part;
}

void set_header(GMimeMessage* message, const char* name, const std::string& value)
{
    g_mime_object_set_header(GMIME_OBJECT(message), name, one_line(value).c_str(), nullptr);
}

} // namespace

void start_gmime()
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

std::string render_mime(const outgoing_message& m)
{
    start_gmime();
    gobject_ptr<GMimeMessage> message(g_mime_message_new(TRUE));
    auto* msg = message.get();
    auto from_name = one_line(m.from.name);
    g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, from_name.empty() ? nullptr : from_name.c_str(),
                               one_line(m.from.address).c_str());
    auto to_name = one_line(m.to.name);
    g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, to_name.empty() ? nullptr : to_name.c_str(),
                               one_line(m.to.address).c_str());
    if (m.reply_to)
        g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_REPLY_TO, nullptr, one_line(*m.reply_to).c_str());
    g_mime_message_set_subject(msg, one_line(m.subject).c_str(), "utf-8");

    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(m.date.time_since_epoch()).count();
    GDateTime* date = g_date_time_new_from_unix_utc(seconds);
    g_mime_message_set_date(msg, date);
    g_date_time_unref(date);
    g_mime_message_set_message_id(msg, one_line(without_brackets(m.message_id)).c_str());

    if (m.in_reply_to) {
        set_header(msg, "In-Reply-To", *m.in_reply_to);
        set_header(msg, "References", *m.in_reply_to);
    }
    if (m.unsubscribe_url) {
        set_header(msg, "List-Unsubscribe", "<" + *m.unsubscribe_url + ">");
        set_header(msg, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    set_header(msg, "Auto-Submitted", "auto-generated");

    auto plain = text_part("plain", m.text);
    if (m.html.empty()) {
        g_mime_message_set_mime_part(msg, GMIME_OBJECT(plain.get()));
    } else {
        gobject_ptr<GMimeMultipart> alternative(g_mime_multipart_new_with_subtype("alternative"));
        g_mime_multipart_add(alternative.get(), GMIME_OBJECT(plain.get()));
        auto html = text_part("html", m.html);
        g_mime_multipart_add(alternative.get(), GMIME_OBJECT(html.get()));
        g_mime_message_set_mime_part(msg, GMIME_OBJECT(alternative.get()));
    }

    GMimeFormatOptions* options = g_mime_format_options_new();
    g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
    gchar_ptr text(g_mime_object_to_string(GMIME_OBJECT(msg), options));
    g_mime_format_options_free(options);
    return text ? std::string(text.get()) : std::string();
}

mailbox parse_mailbox(const std::string& text)
{
    start_gmime();
    gobject_ptr<InternetAddressList> list(internet_address_list_parse(nullptr, text.c_str()));
    if (list && internet_address_list_length(list.get()) >= 1) {
        auto* address = internet_address_list_get_address(list.get(), 0);
        if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
            const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
            const char* name = internet_address_get_name(address);
            std::string found = addr ? addr : "";
            if (found.find('@') != std::string::npos && found.find('@') > 0 && found.back() != '@')
                return {name ? name : "", found};
        }
    }
    throw std::invalid_argument("'" + text + "' is not an email address");
}

std::string new_message_id(const std::string& from_address)
{
    auto at = from_address.rfind('@');
    auto domain = at == std::string::npos ? std::string("pswnet.invalid") : from_address.substr(at + 1);
    return "<" + crypto::random_token() + "@" + domain + ">";
}

} // namespace pswnet::mail
