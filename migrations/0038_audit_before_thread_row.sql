-- A reply's audit row is written before its thread's row is taken, not while it is held. Every reply to a thread
-- waits for that row from the moment another reply updates it until that reply commits, so whatever finish_reply
-- does after its UPDATE lengthens the wait of every reply queued behind it; the audit row needs nothing from the
-- thread. (Session 26 ordered a reply's statements by this rule; migration 0035, which moved them into finish_reply,
-- put the audit row after the update.) The writer's count stays last, so that one person's concurrent writes wait on
-- their counter only for the commit. A refused reply still leaves nothing: the audit row rolls back with the rest.
-- Measured with infra/bench/function_ab.sh in docs/benchmarks.md.

CREATE OR REPLACE FUNCTION finish_reply(thread bigint, replier bigint, sees_all boolean, past_locks boolean,
                                        read_shape text, post bigint, actor bigint, request text, address text,
                                        batch jsonb, write_key text, window_seconds double precision,
                                        writes_allowed integer,
                                        OUT replies integer, OUT views integer, OUT last_activity text)
LANGUAGE plpgsql AS $$
DECLARE
    shape text;
    writes record;
BEGIN
    PERFORM record_audit(actor, 'post.created', 'post', post, request, address, '{}');
    UPDATE threads t SET reply_count = t.reply_count + 1, last_activity_at = now()
    WHERE t.id = thread AND thread_readable(t, replier, sees_all) AND (t.locked_at IS NULL OR past_locks)
    RETURNING t.reply_count, t.view_count, rfc3339(t.last_activity_at), thread_shape(t)
    INTO replies, views, last_activity, shape;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the discussion is closed to this reply' USING ERRCODE = 'PWR01';
    END IF;
    IF shape IS DISTINCT FROM read_shape THEN
        RAISE EXCEPTION 'the discussion changed while the reply was written' USING ERRCODE = 'PWR02';
    END IF;
    PERFORM append_events(batch, 'thread', jsonb_build_object('reply_count', replies, 'view_count', views,
                                                              'last_activity_at', last_activity));
    writes := count_write(write_key, window_seconds);
    IF writes.counted > writes_allowed THEN
        RAISE EXCEPTION 'more replies than the replier''s limit allows' USING ERRCODE = 'PWR03',
            DETAIL = writes.seconds_left::text;
    END IF;
END $$;
