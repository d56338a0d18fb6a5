// SQL of threads and posts: reading for a viewer, and writes that carry their events, notifications and audit
// rows in the same transaction.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/lag_tolerant_reads.hpp"
#include "db/pool.hpp"
#include "db/write_batches.hpp"
#include "db/write_limits.hpp"
#include "forum/model.hpp"

namespace pswnet::forum {

struct reaction_state {
    reaction_counts reactions;
    std::vector<std::string> my_reactions;
};

// What the policy lets a replier do, asked again in SQL of the thread as their reply finds it.
struct reply_rights {
    bool sees_all = false;   // reads every thread, restricted ones too
    bool past_locks = false; // replies to locked threads
};

class thread_store {
public:
    // reply_batches: how many batches of replies may be under way at once (db::write_batches).
    thread_store(db::pool& pool, db::lag_tolerant_reads& lag_tolerant, std::size_t reply_batches);

    // Reads return only threads the reader may read (thread_readable in SQL).
    awaitable<thread_page> list(reader viewer, thread_filter filter);
    awaitable<std::optional<thread_summary>> find(reader viewer, std::int64_t thread_id);
    awaitable<std::vector<post>> posts(std::int64_t viewer, std::int64_t thread_id);
    awaitable<std::optional<post>> find_post(std::int64_t viewer, std::int64_t post_id);
    awaitable<thread_audience> audience(std::int64_t thread_id);
    // Search and similar titles tolerate lag: they may be read from a replica.
    awaitable<std::vector<thread_summary>> similar(reader viewer, std::string title);
    awaitable<search_results> search(reader viewer, std::string q, int limit);
    awaitable<std::vector<revision>> revisions(std::int64_t post_id);

    // Returns the new thread's id. audience_members are notified of the question.
    awaitable<std::int64_t> create(principal who, new_thread thread, std::string opening_html,
                                   std::vector<std::int64_t> audience_organisations, audit_context audit);
    // Whether this was the viewer's first view, and counted.
    awaitable<bool> record_view(std::int64_t viewer, std::int64_t thread_id);
    // The reply as stored, with its thread after it: what the replier is answered with. The reply counts against
    // the replier's write limit in its own transaction. Nothing, and nothing written, when the thread is not there,
    // the replier cannot read it, or it is locked to them: when the reply begins or while it waits for the thread.
    // A reply whose thread changed otherwise while it was written (an answer, or a lock or new readers that still
    // let the replier in) is written again from the thread as it is, so that its events say so; nothing, if the
    // thread changed under each of three attempts. Replies that arrive while others are being written are written
    // together (db::write_batches), with the same outcome each as if written alone.
    struct stored_reply {
        thread_summary thread;
        post reply;
    };
    awaitable<std::optional<stored_reply>> add_post(principal who, reply_rights rights, std::int64_t thread_id,
                                                    std::string body, std::string html, db::counted_write limit,
                                                    audit_context audit);
    awaitable<void> edit_post(principal who, std::int64_t post_id, std::string body, std::string html,
                              audit_context audit);
    awaitable<void> accept(principal who, std::int64_t thread_id, std::optional<std::int64_t> post_id,
                           audit_context audit);
    awaitable<reaction_state> toggle_reaction(principal who, std::int64_t post_id, std::string kind,
                                              audit_context audit);
    awaitable<void> set_subscription(principal who, std::int64_t thread_id, bool subscribed, audit_context audit);

    const db::write_batch_counts& reply_batch_counts() const { return reply_batch_counts_; }

private:
    struct reply_request {
        principal who;
        reply_rights rights;
        std::int64_t thread_id;
        std::string body;
        std::string html;
        db::counted_write limit;
        audit_context audit;
    };
    using reply_batches = db::write_batches<reply_request, std::optional<stored_reply>>;

    awaitable<std::optional<stored_reply>> add_post_alone(reply_request r);
    awaitable<std::vector<reply_batches::result>> add_posts(std::vector<reply_request> batch);

    db::pool& pool_;
    db::lag_tolerant_reads& lag_tolerant_;
    db::write_batch_counts reply_batch_counts_;
    reply_batches replies_;
};

} // namespace pswnet::forum
