// A thread's searchable terms (migration 0039): written with the thread, written again when its title or tags change,
// and left alone by a reply's update of the thread, which is what they were moved out of threads for.
#include "database.hpp"

#include <gtest/gtest.h>

namespace pswnet::db_test {
namespace {

// The row version of the thread's terms: a new one whenever they are written, even within one transaction.
std::string terms_version(pqxx::work& tx, std::int64_t thread)
{
    return tx.exec_params1("SELECT ctid::text FROM thread_search_terms WHERE thread_id = $1", thread)[0]
        .as<std::string>();
}

bool title_matches(pqxx::work& tx, std::int64_t thread, const std::string& words)
{
    return tx
        .exec_params1("SELECT search @@ plainto_tsquery('english', $2) FROM thread_search_terms WHERE thread_id = $1",
                      thread, words)[0]
        .as<bool>();
}

TEST(ThreadSearchTermsPg, KeptWithTheThreadsTitleAndTagsButNotWrittenByAReply)
{
    auto connection = shared_database().connect();
    pqxx::work tx(connection); // never committed
    auto author = tx.exec1("INSERT INTO users (email, display_name, password_hash, organisation_id, sector, roles) "
                           "SELECT 'search.terms@example.test', 'Ines Marlowe', 'x', min(id), 'both', "
                           "ARRAY['member'] FROM organisations RETURNING id")[0]
                      .as<std::int64_t>();
    auto thread = tx.exec_params1("INSERT INTO threads (title, kind, sector, tags, author_id, organisation_id) "
                                  "SELECT 'Weighting caseloads by complexity', 'question', 'children', "
                                  "ARRAY['caseloads', 'workforce'], id, organisation_id FROM users WHERE id = $1 "
                                  "RETURNING id",
                                  author)[0]
                      .as<std::int64_t>();
    EXPECT_TRUE(title_matches(tx, thread, "weighted caseload"));
    EXPECT_EQ(
        tx.exec_params1("SELECT array_to_string(tags, ',') FROM thread_search_terms WHERE thread_id = $1", thread)[0]
            .as<std::string>(),
        "caseloads,workforce");

    auto before_reply = terms_version(tx, thread);
    tx.exec_params0("UPDATE threads SET reply_count = reply_count + 1, last_activity_at = now() WHERE id = $1", thread);
    EXPECT_EQ(terms_version(tx, thread), before_reply) << "a reply wrote the thread's search terms again";

    tx.exec_params0("UPDATE threads SET title = 'Supervision after a serious incident' WHERE id = $1", thread);
    EXPECT_TRUE(title_matches(tx, thread, "supervision incident"));
    EXPECT_FALSE(title_matches(tx, thread, "caseload")) << "the old title is still found";
    tx.exec_params0("UPDATE threads SET tags = ARRAY['supervision'] WHERE id = $1", thread);
    EXPECT_EQ(
        tx.exec_params1("SELECT array_to_string(tags, ',') FROM thread_search_terms WHERE thread_id = $1", thread)[0]
            .as<std::string>(),
        "supervision");
}

} // namespace
} // namespace pswnet::db_test
