// A data export's archive: which uploaded files go in while their total fits, and the archive itself read back.
#include "data_rights/archive.hpp"
#include "data_rights/file_selection.hpp"

#include <gtest/gtest.h>

#include <zip.h>

namespace pswnet::data_rights {
namespace {

library::person_data::uploaded_file file(std::int64_t resource, int version, std::string name, std::int64_t size)
{
    return {resource, version, std::move(name), std::string(64, 'a'), size, "2026-12-02T10:00:00Z"};
}

TEST(ArchivePaths, TakesFilesInOrderWhileTheyFitAndListsTheRestWithoutAPath)
{
    auto paths = archive_paths({file(12, 1, "policy.pdf", 60), file(12, 2, "policy.pdf", 50),
                                file(15, 1, "tool.odt", 40), file(16, 1, "empty.txt", 0)},
                               100);
    ASSERT_EQ(paths.size(), 4U);
    EXPECT_EQ(paths[0], "files/12-v1-policy.pdf");
    EXPECT_EQ(paths[1], std::nullopt) << "60 + 50 is over the budget";
    EXPECT_EQ(paths[2], "files/15-v1-tool.odt") << "a later, smaller file still fits";
    EXPECT_EQ(paths[3], "files/16-v1-empty.txt");
    EXPECT_TRUE(archive_paths({}, 100).empty());
    EXPECT_EQ(archive_paths({file(1, 1, "a.pdf", 101)}, 100)[0], std::nullopt);
}

TEST(Archive, WritesAZipThatReadsBackEntryForEntry)
{
    archive zip;
    zip.add_text("my-data.json", R"({"account": {"display_name": "Wren Haldane"}})");
    zip.add_file("files/3-v1-note.txt", std::string("a note\0with a nul", 17));
    auto bytes = std::move(zip).write();

    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    ASSERT_NE(source, nullptr);
    zip_t* read = zip_open_from_source(source, ZIP_RDONLY, &error);
    ASSERT_NE(read, nullptr) << zip_error_strerror(&error);
    ASSERT_EQ(zip_get_num_entries(read, 0), 2);
    auto content = [read](const char* name) {
        zip_stat_t stat;
        EXPECT_EQ(zip_stat(read, name, 0, &stat), 0) << name;
        std::string text(stat.size, '\0');
        zip_file_t* f = zip_fopen(read, name, 0);
        EXPECT_EQ(zip_fread(f, text.data(), text.size()), static_cast<zip_int64_t>(text.size()));
        zip_fclose(f);
        return text;
    };
    EXPECT_EQ(content("my-data.json"), R"({"account": {"display_name": "Wren Haldane"}})");
    EXPECT_EQ(content("files/3-v1-note.txt"), std::string("a note\0with a nul", 17));
    zip_close(read);
    zip_error_fini(&error);
}

} // namespace
} // namespace pswnet::data_rights
