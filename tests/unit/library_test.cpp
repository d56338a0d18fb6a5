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
    std::vector<std::string> objects{
        "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
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

TEST(LibraryPolicy, VisibilityByNetworkRegionAndOrganisation)
{
    resource r;
    r.organisation.id = 1;
    r.region_code = "E12000008";
    r.author.id = 10;
    viewer same_org{11, 1, "E12000008", false}, same_region{12, 2, "E12000008", false},
        elsewhere{13, 3, "E12000009", false}, admin{14, 4, std::nullopt, true};
    for (auto [visibility, expected] : {std::pair{"network", std::array{true, true, true, true}},
                                        {"region", std::array{true, true, false, true}},
                                        {"organisation", std::array{true, false, false, true}}}) {
        r.visibility = visibility;
        EXPECT_EQ(policy::may_see(same_org, r), expected[0]) << visibility;
        EXPECT_EQ(policy::may_see(same_region, r), expected[1]) << visibility;
        EXPECT_EQ(policy::may_see(elsewhere, r), expected[2]) << visibility;
        EXPECT_EQ(policy::may_see(admin, r), expected[3]) << visibility;
    }
    EXPECT_TRUE(policy::may_edit(principal{10, 1, 1, sector::children, {role::member}}, r));
    EXPECT_TRUE(policy::may_edit(principal{15, 1, 1, sector::children, {role::org_admin}}, r));
    EXPECT_FALSE(policy::may_edit(principal{16, 1, 1, sector::children, {role::member}}, r));
    EXPECT_FALSE(policy::may_edit(principal{17, 2, 1, sector::children, {role::org_admin}}, r));
}

} // namespace
} // namespace pswnet::library
