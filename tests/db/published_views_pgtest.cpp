// What the directory publishes to other capabilities, checked against the DfE and ONS data it is seeded from:
// every organisation with its region's name, the nine regions, and ten ranked statistical neighbours.
#include "database.hpp"

#include <gtest/gtest.h>

namespace pswnet::db_test {
namespace {

TEST(PublishedViewsPg, OrganisationDirectoryNamesEachAuthoritysRegion)
{
    auto connection = shared_database().connect();
    pqxx::nontransaction tx(connection);
    auto row = tx.exec1("SELECT name, kind, region_code, region_name, dfe_la_code FROM organisation_directory "
                        "WHERE code = 'E06000045'");
    EXPECT_EQ(row[0].as<std::string>(), "Southampton");
    EXPECT_EQ(row[1].as<std::string>(), "local_authority");
    EXPECT_EQ(row[2].as<std::string>(), "E12000008");
    EXPECT_EQ(row[3].as<std::string>(), "South East");
    EXPECT_EQ(row[4].as<int>(), 852);
    EXPECT_EQ(tx.exec1("SELECT count(*) FROM organisation_directory").at(0).as<int>(),
              tx.exec1("SELECT count(*) FROM organisations").at(0).as<int>())
        << "organisations without a region (the Chief Social Workers' offices) are listed too";
    EXPECT_EQ(tx.exec1("SELECT count(*) FROM region_directory").at(0).as<int>(), 9);
}

TEST(PublishedViewsPg, NeighbourLinksRankTenNeighboursForEachAuthorityInTheModel)
{
    auto connection = shared_database().connect();
    pqxx::nontransaction tx(connection);
    auto counts = tx.exec("SELECT o.code, count(n.neighbour_id), min(n.rank), max(n.rank) "
                          "FROM organisation_directory o JOIN neighbour_links n ON n.organisation_id = o.id "
                          "GROUP BY o.code");
    ASSERT_GT(counts.size(), 140U);
    for (const auto& row : counts) {
        EXPECT_EQ(row[1].as<int>(), 10) << row[0].c_str();
        EXPECT_EQ(row[2].as<int>(), 1) << row[0].c_str();
        EXPECT_EQ(row[3].as<int>(), 10) << row[0].c_str();
    }
}

} // namespace
} // namespace pswnet::db_test
