// The one CSV writer: quoting, byte-order mark, and formula neutralisation (OWASP "CSV injection").
#include "core/csv.hpp"

#include <gtest/gtest.h>

namespace pswnet {
namespace {

TEST(Csv, NeutralisesEachCharacterThatStartsAFormula)
{
    EXPECT_EQ(csv::text("=1+1"), "'=1+1");
    EXPECT_EQ(csv::text("+44"), "'+44");
    EXPECT_EQ(csv::text("-2"), "'-2");
    EXPECT_EQ(csv::text("@cmd"), "'@cmd");
    EXPECT_EQ(csv::text("\tabc"), "'\tabc");
    EXPECT_EQ(csv::text("\rabc"), "\"'\rabc\"");
}

TEST(Csv, NeutralisesFormulasAfterLeadingWhiteSpace)
{
    EXPECT_EQ(csv::text(" =1"), "' =1");
    EXPECT_EQ(csv::text("   +1"), "'   +1");
    EXPECT_EQ(csv::text("\n=1"), "\"'\n=1\"");
    EXPECT_EQ(csv::text("\xC2\xA0@x"), "'\xC2\xA0@x");         // no-break space
    EXPECT_EQ(csv::text("\xE3\x80\x80-1"), "'\xE3\x80\x80-1"); // ideographic space
}

TEST(Csv, NeutralisesFullWidthFormulaCharacters)
{
    for (std::string_view wide : {"\xEF\xBC\x9D"
                                  "1+1",
                                  "\xEF\xBC\x8B"
                                  "1",
                                  "\xEF\xBC\x8D"
                                  "1",
                                  "\xEF\xBC\xA0"
                                  "x"})
        EXPECT_EQ(csv::text(wide), "'" + std::string(wide)) << wide;
}

TEST(Csv, LeavesOrdinaryTextAloneAndQuotesWhatNeedsIt)
{
    EXPECT_EQ(csv::text("Wiltshire"), "Wiltshire");
    EXPECT_EQ(csv::text("a=b"), "a=b");
    EXPECT_EQ(csv::text(""), "");
    EXPECT_EQ(csv::text("Bath, and North East Somerset"), "\"Bath, and North East Somerset\"");
    EXPECT_EQ(csv::text("say \"hello\""), "\"say \"\"hello\"\"\"");
    EXPECT_EQ(csv::text("line\nbreak"), "\"line\nbreak\"");
}

TEST(Csv, WritesNumbersAsNumbersAndNothingForNoValue)
{
    EXPECT_EQ(csv::number(-2.5), "-2.5");
    EXPECT_EQ(csv::number(0.1), "0.1");
    EXPECT_EQ(csv::number(std::nullopt), "");
    EXPECT_EQ(csv::integer(-3), "-3");
    EXPECT_EQ(csv::integer(std::nullopt), "");
}

TEST(Csv, StartsWithAByteOrderMarkAndEndsRowsWithCrlf)
{
    csv::writer out;
    out.row({csv::text("a"), csv::number(1)});
    out.row(std::vector<std::string>{csv::text("=b"), ""});
    EXPECT_EQ(out.str(), "\xEF\xBB\xBF"
                         "a,1\r\n'=b,\r\n");
}

} // namespace
} // namespace pswnet
