// Machine-written mail is recognised the way RFC 3834 asks: Auto-Submitted other than "no", a Precedence of bulk,
// junk, list or auto_reply, an empty Return-Path (a bounce), or a delivery report.
#include "mail/incoming.hpp"

#include "mail/gmime_handles.hpp"
#include "mail/reply_text.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace pswnet::mail {
namespace {

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

std::string trimmed(const char* value)
{
    std::string text = value ? value : "";
    auto begin = text.find_first_not_of(" \t\r\n");
    auto end = text.find_last_not_of(" \t\r\n");
    return begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
}

void add_addresses(std::vector<std::string>& into, const char* header_value)
{
    if (!header_value)
        return;
    gobject_ptr<InternetAddressList> list(internet_address_list_parse(nullptr, header_value));
    if (!list)
        return;
    for (int i = 0; i < internet_address_list_length(list.get()); ++i) {
        auto* address = internet_address_list_get_address(list.get(), i);
        if (INTERNET_ADDRESS_IS_MAILBOX(address))
            if (const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)))
                into.push_back(lower(addr));
    }
}

bool is_automatic(GMimeMessage* message)
{
    auto* object = GMIME_OBJECT(message);
    auto auto_submitted = lower(trimmed(g_mime_object_get_header(object, "Auto-Submitted")));
    if (!auto_submitted.empty() && auto_submitted != "no")
        return true;
    auto precedence = lower(trimmed(g_mime_object_get_header(object, "Precedence")));
    if (precedence == "bulk" || precedence == "junk" || precedence == "list" || precedence == "auto_reply")
        return true;
    const char* return_path = g_mime_object_get_header(object, "Return-Path");
    if (return_path && trimmed(return_path) == "<>")
        return true;
    if (g_mime_object_get_header(object, "X-Autoreply") || g_mime_object_get_header(object, "X-Autorespond"))
        return true;
    auto* type = g_mime_object_get_content_type(g_mime_message_get_mime_part(message));
    return type && g_mime_content_type_is_type(type, "multipart", "report");
}

// The first text/plain and text/html parts that are not attachments, depth first.
void find_text(GMimeObject* part, std::string& plain, std::string& html)
{
    if (!part)
        return;
    if (GMIME_IS_MULTIPART(part)) {
        auto* multipart = GMIME_MULTIPART(part);
        for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i)
            find_text(g_mime_multipart_get_part(multipart, i), plain, html);
        return;
    }
    if (!GMIME_IS_TEXT_PART(part))
        return;
    auto* disposition = g_mime_object_get_content_disposition(part);
    if (disposition && g_mime_content_disposition_is_attachment(disposition))
        return;
    auto* type = g_mime_object_get_content_type(part);
    bool is_plain = g_mime_content_type_is_type(type, "text", "plain");
    bool is_html = g_mime_content_type_is_type(type, "text", "html");
    if ((is_plain && !plain.empty()) || (is_html && !html.empty()) || (!is_plain && !is_html))
        return;
    gchar_ptr text(g_mime_text_part_get_text(GMIME_TEXT_PART(part)));
    (is_plain ? plain : html) = text ? text.get() : "";
}

} // namespace

incoming_message parse_incoming(std::string_view raw)
{
    start_gmime();
    gobject_ptr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
    gobject_ptr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    gobject_ptr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
    if (!message)
        throw std::invalid_argument("the input is not an email message");
    auto* msg = message.get();

    incoming_message in;
    std::vector<std::string> from;
    add_addresses(from, g_mime_object_get_header(GMIME_OBJECT(msg), "From"));
    if (!from.empty())
        in.from_address = from.front();
    in.subject = trimmed(g_mime_message_get_subject(msg));
    if (const char* id = g_mime_message_get_message_id(msg))
        in.message_id = "<" + std::string(id) + ">";

    auto* headers = g_mime_object_get_header_list(GMIME_OBJECT(msg));
    for (int i = 0; i < g_mime_header_list_get_count(headers); ++i) {
        auto* header = g_mime_header_list_get_header_at(headers, i);
        auto name = lower(g_mime_header_get_name(header));
        if (name == "delivered-to" || name == "x-original-to" || name == "to" || name == "cc")
            add_addresses(in.recipients, g_mime_header_get_value(header));
    }
    in.automatic = is_automatic(msg);

    std::string plain;
    std::string html;
    find_text(g_mime_message_get_mime_part(msg), plain, html);
    in.text = !plain.empty() ? plain : html_to_text(html);
    return in;
}

} // namespace pswnet::mail
