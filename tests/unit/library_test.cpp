// The library's checks that need no database: safe file names, types decided by content, text from XML and PDF.
#include "library/file_checks.hpp"
#include "library/policy.hpp"
#include "library/text_extraction.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace pswnet::library {
namespace {

std::string minimal_pdf(const std::string& words)
{
    std::string stream = "BT /F1 18 Tf 20 100 Td (" + words + ") Tj ET";
    std::vector<std::string> objects{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                     "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources "
                                     "<< /Font << /F1 5 0 R >> >> >>",
                                     "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream +
                                         "\nendstream",
                                     "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    auto xref = pdf.size();
    pdf += "xref\n0 6\n0000000000 65535 f \n";
    for (auto offset : offsets) {
        char line[32];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        pdf += line;
    }
    pdf += "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

TEST(LibraryFileNames, NoDirectoriesControlCharactersOrDeviceNames)
{
    EXPECT_EQ(safe_filename("../../etc/passwd"), "passwd");
    EXPECT_EQ(safe_filename("C:\\Users\\x\\plan.docx"), "plan.docx");
    EXPECT_EQ(safe_filename("a\x01\nb<>:|?*.pdf"), "ab______.pdf");
    EXPECT_EQ(safe_filename("CON.txt"), "_CON.txt");
    EXPECT_EQ(safe_filename("..."), "file");
    EXPECT_EQ(safe_filename(".hidden"), "hidden");
    EXPECT_EQ(safe_filename(std::string(300, 'x') + ".pdf").size(), 200U);
    EXPECT_EQ(safe_filename("Supervision – policy.pdf"), "Supervision – policy.pdf"); // UTF-8 kept
    EXPECT_EQ(display_filename("../../etc/passwd"), "passwd");
    EXPECT_EQ(display_filename("My <plan>.pdf"), "My <plan>.pdf");
}

TEST(LibraryFileNames, NoBidirectionalOverridesOrInvisibleMarks)
{
    // "report<RLO>fdp.exe" shows as "reportexe.pdf" in a browser: both names lose the override.
    EXPECT_EQ(display_filename("report\xE2\x80\xAE"
                               "fdp.exe"),
              "reportfdp.exe");
    EXPECT_EQ(safe_filename("report\xE2\x80\xAE"
                            "fdp.exe"),
              "reportfdp.exe");
    for (std::string_view control :
         {"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x81\xA6", "\xE2\x81\xA7",
          "\xE2\x81\xA8", "\xE2\x81\xA9", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xD8\x9C", "\xC2\x85"})
        EXPECT_EQ(display_filename("a" + std::string(control) + "b.pdf"), "ab.pdf") << control;
    EXPECT_EQ(display_filename("Caf\xC3\xA9 \xE2\x80\x94 notes.pdf"), "Caf\xC3\xA9 \xE2\x80\x94 notes.pdf");
}

// Found by tests/fuzz/file_checks_fuzz: the cut to 200 bytes could leave a trailing dot or space, and the "_"
// before a device name could make 201 bytes.
TEST(LibraryFileNames, AtMost200BytesWithNoTrailingDotEvenAfterTheCut)
{
    auto dotted = safe_filename(std::string(199, 'a') + ".pdf");
    EXPECT_EQ(dotted, std::string(199, 'a'));
    auto spaced = safe_filename(std::string(150, 'b') + std::string(60, ' ') + "x.pdf");
    EXPECT_EQ(spaced, std::string(150, 'b'));
    auto device = safe_filename("CON." + std::string(196, 'c'));
    EXPECT_EQ(device, "_CON." + std::string(195, 'c'));
    EXPECT_EQ(safe_filename("CON" + std::string(250, ' ') + "x"), "_CON");
}

TEST(LibraryFileTypes, DecidedByContentNotName)
{
    EXPECT_EQ(detect_type(minimal_pdf("hello"), "x.exe"), "application/pdf");
    EXPECT_EQ(detect_type("name,caseload\nSouthampton,16\nPortsmouth,14\n", "x.csv"), "text/csv");
    EXPECT_EQ(detect_type("# Supervision\n\nSome words.\n", "policy.md"), "text/markdown");
    EXPECT_EQ(detect_type("Some plain words.\n", "notes.txt"), "text/plain");
    std::ifstream program("/bin/sh", std::ios::binary);
    std::stringstream bytes;
    bytes << program.rdbuf();
    EXPECT_FALSE(detect_type(bytes.str(), "policy.pdf")); // an executable renamed .pdf
    EXPECT_FALSE(detect_type("<html><script>alert(1)</script></html>", "x.pdf"));
}

TEST(LibraryText, XmlTextKeepsWordsAndParagraphs)
{
    EXPECT_EQ(xml_text("<w:p><w:r><w:t>Risk &amp; need</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">caf&#233;"
                       "</w:t></w:r></w:p>"),
              "Risk & need\ncafé\n");
    EXPECT_EQ(xml_text("<si><t>A</t></si><si><t>&lt;B&gt;</t></si>"), "A\n<B>\n");
}

TEST(LibraryText, PdfTextComesFromPdftotext)
{
    auto text = pdf_text(minimal_pdf("Hello quokkaword"));
    EXPECT_TRUE(text.extracted);
    EXPECT_NE(text.text.find("quokkaword"), std::string::npos);
    auto broken = pdf_text("%PDF-1.4\nnot really");
    EXPECT_EQ(broken.text.find("really"), std::string::npos);
}

TEST(LibraryText, PlainTextIsBounded)
{
    auto text = extract_text(std::string(max_extracted_text + 100, 'a'), "text/plain");
    EXPECT_EQ(text.text.size(), max_extracted_text);
    EXPECT_FALSE(extract_text("\x89PNG", "image/png").extracted);
}

// Found by tests/fuzz/office_text_fuzz: the text goes into a PostgreSQL text column, which refused the whole
// upload of a Windows-1252 CSV (invalid UTF-8) or of a file with a NUL character.
TEST(LibraryText, TextThatIsNotUtf8IsMadeValidForTheDatabase)
{
    using namespace std::string_literals;
    auto text = extract_text("Caf\xE9 cr\xE8me,\0 ok\n"s, "text/csv");
    EXPECT_TRUE(text.extracted);
    EXPECT_EQ(text.text, "Caf\xEF\xBF\xBD cr\xEF\xBF\xBDme, ok\n");
    EXPECT_EQ(extract_text("caf\xC3\xA9 \xF0\x9F\x98\x80", "text/plain").text, "caf\xC3\xA9 \xF0\x9F\x98\x80");
    auto bounded = extract_text(std::string(max_extracted_text, '\xFF'), "text/plain");
    EXPECT_LE(bounded.text.size(), max_extracted_text);
    EXPECT_EQ(bounded.text.substr(0, 3), "\xEF\xBF\xBD");
}

TEST(LibraryPolicy, VisibilityByNetworkRegionAndOrganisation)
{
    resource r;
    r.organisation.id = 1;
    r.region_code = "E12000008";
    r.author.id = 10;
    viewer same_org{11, 1, "E12000008", false}, same_region{12, 2, "E12000008", false},
        elsewhere{13, 3, "E12000009", false}, admin{14, 4, std::nullopt, true};
    for (auto [visibility, expected] : {std::pair{resource_visibility::network, std::array{true, true, true, true}},
                                        {resource_visibility::region, std::array{true, true, false, true}},
                                        {resource_visibility::organisation, std::array{true, false, false, true}}}) {
        r.visibility = visibility;
        EXPECT_EQ(policy::may_see(same_org, r, false), expected[0]) << to_string(visibility);
        EXPECT_EQ(policy::may_see(same_region, r, false), expected[1]) << to_string(visibility);
        EXPECT_EQ(policy::may_see(elsewhere, r, false), expected[2]) << to_string(visibility);
        EXPECT_EQ(policy::may_see(admin, r, false), expected[3]) << to_string(visibility);
    }
    r.visibility = resource_visibility::group;
    r.group_id = 5;
    EXPECT_FALSE(policy::may_see(same_org, r, false)) << "a group's resource is not its organisation's";
    EXPECT_TRUE(policy::may_see(elsewhere, r, true)) << "but the group's readers'";
    EXPECT_TRUE(policy::may_see(admin, r, false));
    EXPECT_TRUE(policy::may_edit(principal{10, 1, 1, sector::children, {role::member}}, r));
    EXPECT_TRUE(policy::may_edit(principal{15, 1, 1, sector::children, {role::org_admin}}, r));
    EXPECT_FALSE(policy::may_edit(principal{16, 1, 1, sector::children, {role::member}}, r));
    EXPECT_FALSE(policy::may_edit(principal{17, 2, 1, sector::children, {role::org_admin}}, r));
}

TEST(LibraryModel, VisibilitiesReadAndWriteTheNamesOfTheApiAndTheDatabase)
{
    for (auto [visibility, name] : {std::pair{resource_visibility::network, "network"},
                                    {resource_visibility::region, "region"},
                                    {resource_visibility::organisation, "organisation"},
                                    {resource_visibility::group, "group"}}) {
        EXPECT_EQ(to_string(visibility), name);
        EXPECT_EQ(parse_resource_visibility(name), visibility);
    }
    EXPECT_EQ(parse_resource_visibility("public"), std::nullopt);
}

TEST(LibraryPolicy, DiscussionsOfARestrictedResourceAreReadByThoseWhoSeeIt)
{
    resource r;
    r.organisation.id = 1;
    r.region_code = "E12000008";
    r.visibility = resource_visibility::network;
    EXPECT_EQ(policy::discussion_readers(r).scope, "network");
    r.visibility = resource_visibility::region;
    auto region = policy::discussion_readers(r);
    EXPECT_EQ(region.scope, "region");
    EXPECT_EQ(region.region_code, "E12000008");
    r.region_code.reset();
    EXPECT_EQ(policy::discussion_readers(r).scope, "organisation");
    r.visibility = resource_visibility::organisation;
    auto own = policy::discussion_readers(r);
    EXPECT_EQ(own.scope, "organisation");
    EXPECT_EQ(own.organisation_id, 1);
}

} // namespace
} // namespace pswnet::library
