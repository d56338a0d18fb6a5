#include "app/demo_files.hpp"

#include "data_rights/archive.hpp"
#include "notifications/email_content.hpp"

#include <cstdio>
#include <stdexcept>

namespace pswnet::demo_files {
namespace {

// Markup is markup: what escapes text for HTML escapes it for XML.
constexpr auto markup_escaped = notifications::html_escape;

// PDF strings escape backslashes and parentheses; the demo text is ASCII, so WinAnsi shows it as written.
std::string pdf_escaped(std::string_view text)
{
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == '(' || c == ')')
            out += '\\';
        out += c;
    }
    return out;
}

// Lines of at most `width` characters, broken between words.
std::vector<std::string> wrapped(std::string_view text, std::size_t width)
{
    std::vector<std::string> lines;
    std::string line;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(' ', start);
        auto word = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (!line.empty() && line.size() + 1 + word.size() > width) {
            lines.push_back(line);
            line.clear();
        }
        line += (line.empty() ? "" : " ") + std::string(word);
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    if (!line.empty())
        lines.push_back(line);
    return lines;
}

// One A4 page of Helvetica text (the demo documents are short); objects 1-5, then the cross-reference table.
std::string pdf(const document& doc)
{
    std::string content = "BT /F1 16 Tf 56 780 Td 20 TL (" + pdf_escaped(doc.title) + ") Tj /F1 11 Tf 14 TL T*\n";
    for (const auto& paragraph : doc.paragraphs) {
        content += "T*\n";
        for (const auto& line : wrapped(paragraph, 90))
            content += "(" + pdf_escaped(line) + ") ' \n";
    }
    content += "ET\n";
    const std::string page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                             "/Resources << /Font << /F1 5 0 R >> >> >>";
    const std::vector<std::string> objects{
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page,
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    };
    std::string out = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(out.size());
        out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const auto xref = out.size();
    out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (auto offset : offsets) {
        char entry[24];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
        out += entry;
    }
    out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return out;
}

std::string docx(const document& doc)
{
    std::string body =
        "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>" + markup_escaped(doc.title) + "</w:t></w:r></w:p>";
    for (const auto& paragraph : doc.paragraphs)
        body += "<w:p><w:r><w:t xml:space=\"preserve\">" + markup_escaped(paragraph) + "</w:t></w:r></w:p>";
    data_rights::archive zip;
    zip.add_text("[Content_Types].xml",
                 R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                 R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
                 R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
                 R"(<Default Extension="xml" ContentType="application/xml"/>)"
                 R"(<Override PartName="/word/document.xml" )"
                 R"(ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
                 R"(</Types>)");
    zip.add_text("_rels/.rels",
                 R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                 R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
                 R"(<Relationship Id="rId1" )"
                 R"(Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" )"
                 R"(Target="word/document.xml"/></Relationships>)");
    zip.add_text("word/document.xml",
                 R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                 R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
                     body + "</w:body></w:document>");
    return std::move(zip).write();
}

std::string odt(const document& doc)
{
    std::string body = "<text:h text:outline-level=\"1\">" + markup_escaped(doc.title) + "</text:h>";
    for (const auto& paragraph : doc.paragraphs)
        body += "<text:p>" + markup_escaped(paragraph) + "</text:p>";
    data_rights::archive zip;
    zip.add_file("mimetype", "application/vnd.oasis.opendocument.text"); // first, and stored, as ODF requires
    zip.add_text("META-INF/manifest.xml",
                 R"(<?xml version="1.0" encoding="UTF-8"?>)"
                 R"(<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" )"
                 R"(manifest:version="1.2">)"
                 R"(<manifest:file-entry manifest:full-path="/" )"
                 R"(manifest:media-type="application/vnd.oasis.opendocument.text"/>)"
                 R"(<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>)"
                 R"(</manifest:manifest>)");
    zip.add_text("content.xml",
                 R"(<?xml version="1.0" encoding="UTF-8"?>)"
                 R"(<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" )"
                 R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">)"
                 R"(<office:body><office:text>)" +
                     body + "</office:text></office:body></office:document-content>");
    return std::move(zip).write();
}

} // namespace

std::string make(std::string_view format, const document& doc)
{
    if (format == "pdf")
        return pdf(doc);
    if (format == "docx")
        return docx(doc);
    if (format == "odt")
        return odt(doc);
    throw std::invalid_argument("no demo document format " + std::string(format));
}

std::string_view content_type(std::string_view format)
{
    if (format == "pdf")
        return "application/pdf";
    if (format == "docx")
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (format == "odt")
        return "application/vnd.oasis.opendocument.text";
    throw std::invalid_argument("no demo document format " + std::string(format));
}

} // namespace pswnet::demo_files
