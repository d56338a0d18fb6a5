-- A reply's last statement, sent to the database with its COMMIT in one round trip (forum/new_posts.cpp,
-- db/pipelined_transaction.hpp): only now is the thread's row taken, and the writer's counter last, so replies to one
-- thread wait on each other for this statement and the commit's flush, never for a hand-off to pswnet and back.
--
-- pswnet built the reply's events beforehand, from the thread as the reply's first statement read it (its shape,
-- below). They are appended with the counters this update leaves; if anything else of the thread changed in between
-- (a lock, an answer, other readers), the statement fails with PWR02 and the reply is written again from the start.
-- It fails with PWR01, and nothing is written, when the thread is closed to the replier as they now find it, and
-- with PWR03 (its detail the seconds until the window ends) when the reply is more than the replier's limit.
-- The service reads these codes; they are part of the function's contract. PL/pgSQL keeps each plan for the session.

-- What a thread's events say of it apart from the counters that replies and views move.
CREATE FUNCTION thread_shape(t threads) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN ROW(t.title, t.kind, t.sector, t.tags, t.audience, t.audience_name, t.locked_at, t.accepted_post_id,
               t.readers, t.readers_organisation_id, t.readers_region_code, t.group_id)::text;
END $$;

-- The batch of events with these counters set into every event that carries the thread.
CREATE FUNCTION with_thread_counters(batch jsonb, replies integer, views integer, last_activity text)
RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN (SELECT coalesce(jsonb_agg(CASE WHEN e -> 'payload' ? 'thread'
                                           THEN jsonb_set(e, '{payload,thread}', (e #> '{payload,thread}') ||
                                                          jsonb_build_object('reply_count', replies, 'view_count',
                                                                             views, 'last_activity_at', last_activity))
                                           ELSE e END
                                      ORDER BY position), '[]')
            FROM jsonb_array_elements(batch) WITH ORDINALITY AS x(e, position));
END $$;

CREATE FUNCTION finish_reply(thread bigint, replier bigint, sees_all boolean, past_locks boolean, read_shape text,
                             post bigint, actor bigint, request text, address text, batch jsonb, write_key text,
                             window_seconds double precision, writes_allowed integer,
                             OUT replies integer, OUT views integer, OUT last_activity text)
LANGUAGE plpgsql AS $$
DECLARE
    shape text;
    counted integer;
    seconds_left integer;
BEGIN
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
    PERFORM record_audit(actor, 'post.created', 'post', post, request, address, '{}');
    PERFORM append_events(with_thread_counters(batch, replies, views, last_activity));
    SELECT c.counted, c.seconds_left INTO counted, seconds_left FROM count_write(write_key, window_seconds) c;
    IF counted > writes_allowed THEN
        RAISE EXCEPTION 'more replies than the replier''s limit allows' USING ERRCODE = 'PWR03',
            DETAIL = seconds_left::text;
    END IF;
END $$;
