// Loading of migration files: naming, ordering, checksums.
#include "db/migrations.hpp"

#include "core/crypto.hpp"

#include <gtest/gtest.h>

namespace pswnet::db {
namespace {

TEST(Migrations, AreSortedByNumber)
{
    crypto::initialise();
    auto loaded = load_migrations({{"0002_b.sql", "SELECT 2"}, {"0001_a.sql", "SELECT 1"}});
    ASSERT_EQ(loaded.size(), 2u);
    EXPECT_EQ(loaded[0].version, 1);
    EXPECT_EQ(loaded[1].name, "0002_b.sql");
    EXPECT_EQ(loaded[0].checksum, crypto::sha256_hex("SELECT 1"));
}

TEST(Migrations, BadNamesAndDuplicateNumbersAreRefused)
{
    EXPECT_THROW(load_migrations({{"first.sql", ""}}), migration_error);
    EXPECT_THROW(load_migrations({{"0001_a.txt", ""}}), migration_error);
    EXPECT_THROW(load_migrations({{"0001_a.sql", ""}, {"0001_b.sql", ""}}), migration_error);
}

TEST(Migrations, TheBundledSetStartsAtOneWithoutGaps)
{
    crypto::initialise();
    const auto& bundled = bundled_migrations();
    ASSERT_FALSE(bundled.empty());
    for (std::size_t i = 0; i < bundled.size(); ++i)
        EXPECT_EQ(bundled[i].version, static_cast<int>(i + 1)) << bundled[i].name;
}

} // namespace
} // namespace pswnet::db
