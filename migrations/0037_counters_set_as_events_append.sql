-- A reply's events take its thread's counters as they are appended, in the same pass, instead of in a pass of their
-- own first. finish_reply (migration 0035) rebuilt its whole batch of events to set the counters its update left into
-- every event that carries the thread (with_thread_counters: every event taken apart, changed and put back into a
-- new array), and append_events then took that array apart again to insert it. In pg_stat_statements that first
-- pass took 0.17 of finish_reply's 1.40 ms (elapsed; infra/bench/reply_profile.sh), though no saving in CPU per
-- reply showed beyond the noise of the machine it was measured on (docs/benchmarks.md). append_events now sets such
-- fields itself as it inserts each event: what is known only when the events are appended, for any subject their
-- payloads carry, under the same rule as realtime's rewrite of a subject (realtime/event_log.cpp). Callers of
-- append_events(batch) are unchanged.

DROP FUNCTION append_events(jsonb);

-- Events in order: a JSON array of {"channel", "type", "payload"}. Where subject is given, every payload holding an
-- object under that name has the fields of subject_fields (an object) set in it.
CREATE FUNCTION append_events(batch jsonb, subject text DEFAULT NULL, subject_fields jsonb DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO events (channel, type, payload)
    SELECT e ->> 'channel', e ->> 'type',
           CASE WHEN jsonb_typeof(e -> 'payload' -> subject) = 'object'
                THEN jsonb_set(e -> 'payload', ARRAY[subject], (e -> 'payload' -> subject) || subject_fields)
                ELSE e -> 'payload' END
    FROM jsonb_array_elements(batch) WITH ORDINALITY AS x(e, position)
    ORDER BY position;
END $$;

-- As in migration 0035, but with the counters set as the events are appended, and the writer's count taken as a
-- simple expression, which PL/pgSQL evaluates without starting an executor for a query of its own.
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
    PERFORM append_events(batch, 'thread', jsonb_build_object('reply_count', replies, 'view_count', views,
                                                              'last_activity_at', last_activity));
    writes := count_write(write_key, window_seconds);
    IF writes.counted > writes_allowed THEN
        RAISE EXCEPTION 'more replies than the replier''s limit allows' USING ERRCODE = 'PWR03',
            DETAIL = writes.seconds_left::text;
    END IF;
END $$;

DROP FUNCTION with_thread_counters(jsonb, integer, integer, text);
