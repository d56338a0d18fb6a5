// A migrated database of its own for each test binary.
#include "database.hpp"

#include "db/migrations.hpp"

#include <unistd.h>

namespace pswnet::db_test {

database::database() : name_("pswnet_dbtest_" + std::to_string(::getpid()))
{
    pqxx::connection admin("dbname=postgres");
    pqxx::nontransaction(admin).exec0("CREATE DATABASE " + admin.quote_name(name_));
    url_ = "dbname=" + name_;
    auto connection = connect();
    db::migrate(connection, db::bundled_migrations());
    pool_ = std::make_unique<db::pool>(db::pool_options{url_, 2, std::chrono::milliseconds(10'000)});
}

database::~database()
{
    pool_.reset();
    try {
        pqxx::connection admin("dbname=postgres");
        pqxx::nontransaction(admin).exec0("DROP DATABASE IF EXISTS " + admin.quote_name(name_) + " WITH (FORCE)");
    } catch (...) {
        // The cluster is thrown away after the run anyway.
    }
}

database& shared_database()
{
    static database instance;
    return instance;
}

} // namespace pswnet::db_test
