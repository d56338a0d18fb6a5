// Reading import files: the CSV reader, the DfE layout's quirks and the long layout, with rows rejected one by one.
#include "benchmarking/csv_reader.hpp"
#include "benchmarking/import_file.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

namespace pswnet::benchmarking {
namespace {

const std::string csww_header =
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,"
    "new_la_code,la_name,caseload_fte,agency_rate_fte\n";

import_directory directory()
{
    import_directory d;
    d.authorities_by_code = {{"E06000045", {1, "Southampton", "E06000045"}},
                             {"E09000021", {2, "Kingston upon Thames", "E09000021"}},
                             {"E09000027", {3, "Richmond upon Thames", "E09000027"}},
                             {"E08000038", {4, "Barnsley", "E08000038"}}};
    d.authorities_by_dfe_number = {{"852", {1, "Southampton", "E06000045"}}, {"370", {4, "Barnsley", "E08000038"}}};
    d.metric_keys = {"caseload_fte", "agency_rate_fte", "adults_vacancy_rate"};
    return d;
}

std::string_view field(const api_error& e)
{
    return e.errors().empty() ? std::string_view() : std::string_view(e.errors()[0].field);
}

TEST(BenchmarkingCsvReader, ReadsQuotedFieldsCrlfAndAByteOrderMark)
{
    csv_reader reader("\xEF\xBB\xBF"
                      "a,b\r\n\"Bournemouth, Christchurch and Poole\",\"say \"\"hi\"\"\"\r\n\r\nx,\"two\nlines\"\n");
    std::vector<std::string> row;
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(row, (std::vector<std::string>{"a", "b"}));
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(row, (std::vector<std::string>{"Bournemouth, Christchurch and Poole", "say \"hi\""}));
    EXPECT_EQ(reader.line(), 2);
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(row, (std::vector<std::string>{"x", "two\nlines"}));
    EXPECT_EQ(reader.line(), 4);
    EXPECT_FALSE(reader.next(row));
}

TEST(BenchmarkingCsvReader, AnUnclosedQuoteIsAnError)
{
    csv_reader reader("a,\"b\n");
    std::vector<std::string> row;
    EXPECT_THROW(reader.next(row), csv_error);
}

TEST(BenchmarkingCsvReader, ChecksUtf8)
{
    EXPECT_TRUE(is_valid_utf8("Sheffield \xE2\x80\x93 caf\xC3\xA9"));
    EXPECT_FALSE(is_valid_utf8("caf\xE9"));      // Latin-1
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));     // overlong
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80")); // surrogate
}

TEST(BenchmarkingImportFile, ReadsCellsSuppressionSymbolsAndPeriods)
{
    EXPECT_EQ(read_cell(" 14.2 ").kind, cell::number);
    EXPECT_DOUBLE_EQ(read_cell("14.2").value, 14.2);
    for (auto symbol : {"c", "u", "x", "z", "low", "LOW"}) {
        auto c = read_cell(symbol);
        EXPECT_EQ(c.kind, cell::suppressed) << symbol;
    }
    EXPECT_EQ(read_cell("").kind, cell::blank);
    EXPECT_EQ(read_cell("12abc").kind, cell::invalid);
    EXPECT_EQ(read_cell("nan").kind, cell::invalid);
    EXPECT_TRUE(is_period("2023"));
    EXPECT_TRUE(is_period("2024-Q4"));
    EXPECT_FALSE(is_period("2024-Q5"));
    EXPECT_FALSE(is_period("23"));
}

TEST(BenchmarkingImportFile, DfeRowsBecomeFiguresReferencesAndJointReturns)
{
    auto text =
        csww_header +
        "2023,Reporting year,National,E92000001,England,,,,,,16,17.9\n"
        "2023,Reporting year,Regional,E92000001,England,E13000002,Outer London,,,,15.1,c\n"
        "2023,Reporting year,Local authority,E92000001,England,E12000008,South East,852,E06000045,Southampton,16,low\n"
        "2023,Reporting year,Local authority,E92000001,England,E13000002,Outer London,314 / 318,"
        "E09000021 / E09000027,Kingston upon Thames / Richmond upon Thames,14.5,22.1\n";
    auto file = read_import_file(text, std::nullopt, directory());
    EXPECT_EQ(file.format, import_format::dfe_csww);
    EXPECT_EQ(file.rows_read, 4);
    EXPECT_EQ(file.reference_rows, 2);
    EXPECT_EQ(file.joint_rows, 1);
    EXPECT_TRUE(file.rejected.empty());
    ASSERT_EQ(file.reference_values.size(), 4U);
    EXPECT_EQ(file.reference_values[2].area_code, "E13000002");
    EXPECT_EQ(file.reference_values[3].suppression, "c");
    ASSERT_EQ(file.values.size(), 6U);
    EXPECT_EQ(file.values[1].suppression, "low");
    EXPECT_FALSE(file.values[1].value);
    EXPECT_EQ(file.values[2].organisation_id, 2);
    EXPECT_EQ(file.values[4].organisation_id, 3);
    EXPECT_EQ(file.values[4].joint_with, "Kingston upon Thames / Richmond upon Thames");
    EXPECT_DOUBLE_EQ(*file.values[4].value, 14.5);
}

TEST(BenchmarkingImportFile, RecodedAuthoritiesAreFoundByDfeNumberAndAbolishedOnesRejected)
{
    auto text =
        csww_header +
        "2019,Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and The "
        "Humber,370,E08000016,Barnsley,15,10\n"
        "2019,Reporting year,Local authority,E92000001,England,E12000002,North West,909,E10000006,Cumbria,16,11\n";
    auto file = read_import_file(text, std::nullopt, directory());
    ASSERT_EQ(file.values.size(), 2U);
    EXPECT_EQ(file.values[0].organisation_id, 4);
    ASSERT_EQ(file.rejected.size(), 1U);
    EXPECT_EQ(file.rejected[0].row, 3);
    EXPECT_EQ(file.rejected[0].code, "E10000006");
    EXPECT_NE(file.rejected[0].reason.find("Cumbria"), std::string::npos);
}

TEST(BenchmarkingImportFile, BadRowsAreRejectedOneByOne)
{
    auto text =
        csww_header +
        "2023,Reporting year,Local authority,E92000001,England,E12000008,South East,852,E06000045,Southampton,16\n"
        "2023,Reporting year,Local authority,E92000001,England,E12000008,South "
        "East,852,E06000045,Southampton,sixteen,1\n"
        "20X3,Reporting year,Local authority,E92000001,England,E12000008,South East,852,E06000045,Southampton,16,1\n"
        "2023,Reporting year,Ward,E92000001,England,E12000008,South East,,E05000001,A ward,16,1\n"
        "2023,Reporting year,Local authority,E92000001,England,E12000008,South East,852,E06000045,Southampton,16,1\n"
        "2023,Reporting year,Local authority,E92000001,England,E12000008,South East,852,E06000045,Southampton,17,1\n";
    auto file = read_import_file(text, std::nullopt, directory());
    EXPECT_EQ(file.rows_read, 6);
    ASSERT_EQ(file.rejected.size(), 5U);
    EXPECT_NE(file.rejected[0].reason.find("fields"), std::string::npos);
    EXPECT_NE(file.rejected[1].reason.find("sixteen"), std::string::npos);
    EXPECT_NE(file.rejected[2].reason.find("time_period"), std::string::npos);
    EXPECT_NE(file.rejected[3].reason.find("geographic_level"), std::string::npos);
    EXPECT_EQ(file.rejected[4].row, 7);
    EXPECT_NE(file.rejected[4].reason.find("first on row 6"), std::string::npos);
    EXPECT_EQ(file.values.size(), 2U); // only row 6
}

// Found by tests/fuzz/csv_import_fuzz: a metric column named twice gave each row two figures for one metric, and
// the database's upsert refused the whole import with a 500.
TEST(BenchmarkingImportFile, AColumnNamedTwiceRefusesTheFile)
{
    std::string text = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
                       "region_name,old_la_code,new_la_code,la_name,caseload_fte,Caseload_FTE\n"
                       "2023,Reporting year,Local authority,E92000001,England,E12000008,South East,852,E06000045,"
                       "Southampton,16,17\n";
    try {
        read_import_file(text, std::nullopt, directory());
        ADD_FAILURE() << "accepted";
    } catch (const api_error& e) {
        EXPECT_EQ(field(e), "body");
        EXPECT_NE(e.errors()[0].message.find("caseload_fte twice"), std::string::npos) << e.errors()[0].message;
    }
}

// The same harness's property (no authority has two figures for one metric and period) also holds for a joint
// return that names one authority twice, by its code or by its DfE number.
TEST(BenchmarkingImportFile, AJointReturnNamingOneAuthorityTwiceIsRejected)
{
    auto text = csww_header +
                "2023,Reporting year,Local authority,E92000001,England,E12000008,South East,852 / 852,"
                "E06000045 / e06000045,Southampton / Southampton,16,1\n"
                "2019,Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and The Humber,370 / 370,"
                "E08000016 / E08000038,Barnsley / Barnsley,15,10\n";
    auto file = read_import_file(text, std::nullopt, directory());
    EXPECT_TRUE(file.values.empty());
    EXPECT_EQ(file.joint_rows, 0);
    ASSERT_EQ(file.rejected.size(), 2U);
    EXPECT_NE(file.rejected[0].reason.find("E06000045 twice"), std::string::npos) << file.rejected[0].reason;
    EXPECT_NE(file.rejected[1].reason.find("E08000038 twice"), std::string::npos) << file.rejected[1].reason;
}

TEST(BenchmarkingImportFile, WholeFileProblemsNameTheBody)
{
    for (std::string text :
         {std::string(), std::string("\xEF\xBB\xBF"), std::string("name,age\nx,1\n"), std::string("caf\xE9\n"),
          std::string("organisation_code,period,metric_key,value\n\"x\n")}) {
        try {
            read_import_file(text, std::nullopt, directory());
            ADD_FAILURE() << "accepted: " << text;
        } catch (const api_error& e) {
            EXPECT_EQ(e.code(), errc::validation_failed);
            EXPECT_EQ(field(e), "body");
        }
    }
    EXPECT_THROW(read_import_file(csww_header, import_format::long_values, directory()), api_error);
}

TEST(BenchmarkingImportFile, LongLayoutReadsOrganisationsAreasAndRejectsRows)
{
    std::string text = "organisation_code,period,metric_key,value\n"
                       "E06000045,2024-Q2,adults_vacancy_rate,8.5\n"
                       "e92000001,2024-Q2,adults_vacancy_rate,9.1\n"
                       "E06000045,2024-Q3,adults_vacancy_rate,c\n"
                       "E99999999,2024-Q2,adults_vacancy_rate,3\n"
                       "E06000045,2024-Q2,no_such_metric,3\n"
                       "E06000045,2024-Q2,adults_vacancy_rate,\n"
                       "E06000045,2024,adults_vacancy_rate,1,2\n"
                       "E06000045,2024-Q2,adults_vacancy_rate,9\n";
    auto file = read_import_file(text, std::nullopt, directory());
    EXPECT_EQ(file.format, import_format::long_values);
    EXPECT_EQ(file.rows_read, 8);
    ASSERT_EQ(file.values.size(), 2U);
    EXPECT_EQ(file.values[1].suppression, "c");
    ASSERT_EQ(file.reference_values.size(), 1U);
    EXPECT_EQ(file.reference_values[0].area_code, "E92000001");
    ASSERT_EQ(file.rejected.size(), 5U);
    EXPECT_EQ(file.rejected[0].code, "E99999999");
    EXPECT_NE(file.rejected[1].reason.find("no_such_metric"), std::string::npos);
    EXPECT_NE(file.rejected[2].reason.find("blank"), std::string::npos);
    EXPECT_NE(file.rejected[3].reason.find("fields"), std::string::npos);
    EXPECT_NE(file.rejected[4].reason.find("first on row 2"), std::string::npos);
}

} // namespace
} // namespace pswnet::benchmarking
