// The text of Office Open XML (DOCX, PPTX, XLSX) and OpenDocument (ODT, ODS) files, read with libzip straight
// from memory. Every part is read in bounded pieces and the total expanded size is capped whatever the archive's
// headers claim, so a zip bomb costs at most max_expanded_bytes of reading before it is refused.
#include "library/text_extraction.hpp"

#include "core/error.hpp"
#include "core/sizes.hpp"

#include <zip.h>

#include <memory>
#include <vector>

namespace pswnet::library {
namespace {

using archive_ptr = std::unique_ptr<zip_t, decltype(&zip_discard)>;

bool wanted(const std::string& name, const std::string& content_type)
{
    if (content_type.find("wordprocessingml") != std::string::npos)
        return name == "word/document.xml" || name.starts_with("word/header") || name.starts_with("word/footer") ||
               name == "word/footnotes.xml";
    if (content_type.find("presentationml") != std::string::npos)
        return name.starts_with("ppt/slides/slide") && name.ends_with(".xml");
    if (content_type.find("spreadsheetml") != std::string::npos)
        return name == "xl/sharedStrings.xml" || (name.starts_with("xl/worksheets/sheet") && name.ends_with(".xml"));
    if (content_type.find("opendocument") != std::string::npos)
        return name == "content.xml";
    return false;
}

[[noreturn]] void refuse_bomb()
{
    throw api_error(errc::validation_failed, "The file cannot be stored",
                    {{"body", "expands to more than 64 MiB when uncompressed: it looks like a zip bomb"}});
}

} // namespace

extracted_text office_text(std::string_view content, const std::string& content_type)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(content.data(), content.size(), 0, &error);
    if (!source)
        return {};
    archive_ptr archive(zip_open_from_source(source, ZIP_RDONLY, &error), &zip_discard);
    if (!archive) {
        zip_source_free(source);
        return {};
    }
    std::string text;
    std::size_t expanded = 0;
    std::vector<char> buffer(64 * kib);
    const auto entries = zip_get_num_entries(archive.get(), 0);
    for (zip_int64_t i = 0; i < entries; ++i) {
        zip_stat_t stat;
        if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0 || !stat.name)
            continue;
        if ((stat.valid & ZIP_STAT_SIZE) && stat.size > max_expanded_bytes)
            refuse_bomb();
        std::string name = stat.name;
        if (!wanted(name, content_type))
            continue;
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
            zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0), &zip_fclose);
        if (!file)
            continue;
        std::string xml;
        zip_int64_t read = 0;
        while ((read = zip_fread(file.get(), buffer.data(), buffer.size())) > 0) {
            expanded += static_cast<std::size_t>(read);
            if (expanded > max_expanded_bytes)
                refuse_bomb();
            xml.append(buffer.data(), static_cast<std::size_t>(read));
        }
        text += xml_text(xml);
        text.push_back('\n');
        if (text.size() >= max_extracted_text)
            break;
    }
    cut_to_limit(text);
    return {std::move(text), true};
}

} // namespace pswnet::library
