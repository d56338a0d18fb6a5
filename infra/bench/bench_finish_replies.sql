-- For infra/bench/replies_per_transaction.sh: the rest of a batch of replies to several threads by one replier, one
-- statement a kind of row for them all, as a hand-written measure (before migration 0040 was written) of what writing
-- replies together saves PostgreSQL: their audit rows, threads' counters (each thread once in a batch), events (as
-- append_events, with the subject's fields the same for all), and the replier's count.
CREATE OR REPLACE FUNCTION bench_finish_replies(thread_ids bigint[], replier bigint, sees_all boolean,
    past_locks boolean, post_ids bigint[], actor bigint, request text, address text, batch jsonb, write_key text,
    window_seconds double precision, writes_allowed integer)
RETURNS TABLE (thread bigint, replies integer, views integer, last_activity text)
LANGUAGE plpgsql AS $$
DECLARE
    counted integer;
BEGIN
    INSERT INTO audit_log (actor_user_id, action, object_type, object_id, request_id, client_address, details)
    SELECT actor, 'post.created', 'post', p, request, address, '{}' FROM unnest(post_ids) p;
    RETURN QUERY UPDATE threads t SET reply_count = t.reply_count + 1, last_activity_at = now()
        FROM unnest(thread_ids) AS r(id)
        WHERE t.id = r.id AND thread_readable(t, replier, sees_all) AND (t.locked_at IS NULL OR past_locks)
        RETURNING t.id, t.reply_count, t.view_count, rfc3339(t.last_activity_at);
    PERFORM append_events(batch, 'thread', jsonb_build_object('reply_count', 1, 'view_count', 0,
                                                              'last_activity_at', rfc3339(now())));
    INSERT INTO write_limits AS w (key, window_start, count) VALUES (write_key, now(), cardinality(thread_ids))
    ON CONFLICT (key) DO UPDATE SET
        window_start = CASE WHEN w.window_start <= now() - make_interval(secs => window_seconds)
                            THEN now() ELSE w.window_start END,
        count = CASE WHEN w.window_start <= now() - make_interval(secs => window_seconds)
                     THEN cardinality(thread_ids) ELSE w.count + cardinality(thread_ids) END
    RETURNING w.count INTO counted;
    IF counted > writes_allowed THEN
        RAISE EXCEPTION 'more replies than the limit allows' USING ERRCODE = 'PWR03';
    END IF;
END $$;
