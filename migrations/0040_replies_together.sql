-- Replies that arrive while others are being written are written together: one transaction of a few statements for
-- all of them, instead of one transaction of two statements each. PostgreSQL pays a statement's fixed cost (its
-- executor, its locks, its plan's checks, a PL/pgSQL call) once a batch instead of once a reply; replayed by pgbench,
-- four or eight replies a statement wrote two to five times as many replies a second as one (docs/benchmarks.md). The
-- batch's first statement (forum's insert_replies, sent with the BEGIN) writes the posts and followings; this
-- function writes the rest but the events, which forum appends with the COMMIT once it has these counters.

-- As record_audit, for one action on several subjects: a JSON array of {"actor_user_id", "object_id", "request_id",
-- "client_address"} (other fields are ignored), a row each, in order.
CREATE FUNCTION record_audits(what text, subject_type text, subjects jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (actor_user_id, action, object_type, object_id, request_id, client_address)
    SELECT a.actor_user_id, what, subject_type, a.object_id, a.request_id, a.client_address
    FROM ROWS FROM (jsonb_to_recordset(subjects)
                    AS (actor_user_id bigint, object_id bigint, request_id text, client_address text))
         WITH ORDINALITY AS a(actor_user_id, object_id, request_id, client_address, position)
    ORDER BY a.position;
END $$;

-- As count_write, for several writes at once: `writes` of them against the key.
DROP FUNCTION count_write(text, double precision);
CREATE FUNCTION count_write(write_key text, window_seconds double precision, writes integer DEFAULT 1,
                            OUT counted integer, OUT seconds_left integer) LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO write_limits AS w (key, window_start, count) VALUES (write_key, now(), writes)
    ON CONFLICT (key) DO UPDATE SET
        window_start = CASE WHEN w.window_start <= now() - make_interval(secs => window_seconds)
                            THEN now() ELSE w.window_start END,
        count = CASE WHEN w.window_start <= now() - make_interval(secs => window_seconds)
                     THEN writes ELSE w.count + writes END
    RETURNING w.count, greatest(1, ceil(extract(epoch FROM w.window_start + make_interval(secs => window_seconds)
                                                          - now())))::integer
    INTO counted, seconds_left;
END $$;

-- The rest of a batch of replies, given as a JSON array, one object a reply, in the order they were written:
-- {"thread_id", "replier", "sees_all", "past_locks", "shape" (thread_shape as insert_replies read it), "object_id"
-- (the post), "actor_user_id", "request_id", "client_address", "write_key", "window_seconds", "writes_allowed"}.
-- Their audit rows; then the threads' rows, taken in the order of their ids, so that two batches never wait for each
-- other in turn; their counters; and last the writers' counts. Returns each reply's place in the batch (from 1) and
-- the thread's counters as that reply left them.
--
-- The batch is written whole or not at all: if a thread is gone, closed to its replier or changed since
-- insert_replies read it, or a writer passes their limit, it raises PWR04 with the places of the replies at fault
-- ("at fault: 2,5"). The caller then writes those alone, where finish_reply tells what becomes of each, and the others
-- together again.
CREATE FUNCTION finish_replies(batch jsonb)
RETURNS TABLE (reply integer, replies integer, views integer, last_activity text) LANGUAGE plpgsql AS $$
DECLARE
    at_fault text;
    over_limit text[];
    -- Threads are found by `= ANY (thread_ids)`, which PostgreSQL plans for a few ids (index scans), where a join
    -- with the JSON's rows, which it takes for a hundred, read every thread.
    thread_ids bigint[] := ARRAY(SELECT DISTINCT (r ->> 'thread_id')::bigint FROM jsonb_array_elements(batch) r);
BEGIN
    PERFORM record_audits('post.created', 'post', batch);
    PERFORM 1 FROM threads t WHERE t.id = ANY (thread_ids) ORDER BY t.id FOR NO KEY UPDATE;
    SELECT string_agg(r.position::text, ',') INTO at_fault
    FROM ROWS FROM (jsonb_to_recordset(batch)
                    AS (thread_id bigint, replier bigint, sees_all boolean, past_locks boolean, shape text))
         WITH ORDINALITY AS r(thread_id, replier, sees_all, past_locks, shape, position)
    WHERE NOT EXISTS (SELECT 1 FROM threads t
                      WHERE t.id = ANY (thread_ids) AND t.id = r.thread_id
                        AND thread_readable(t, r.replier, r.sees_all) AND (t.locked_at IS NULL OR r.past_locks)
                        AND thread_shape(t) IS NOT DISTINCT FROM r.shape);
    IF at_fault IS NOT NULL THEN
        RAISE EXCEPTION 'at fault: %', at_fault USING ERRCODE = 'PWR04',
            DETAIL = 'a discussion closed or changed while the replies were written';
    END IF;
    RETURN QUERY
    WITH asked AS MATERIALIZED (
        SELECT r.thread_id, r.position,
               row_number() OVER (PARTITION BY r.thread_id ORDER BY r.position) AS place,
               count(*) OVER (PARTITION BY r.thread_id) AS many
        FROM ROWS FROM (jsonb_to_recordset(batch) AS (thread_id bigint)) WITH ORDINALITY AS r(thread_id, position)),
    counted AS (
        UPDATE threads t SET reply_count = t.reply_count + a.many, last_activity_at = now()
        FROM (SELECT DISTINCT thread_id, many FROM asked) a
        WHERE t.id = ANY (thread_ids) AND t.id = a.thread_id
        RETURNING t.id, t.reply_count, t.view_count, rfc3339(t.last_activity_at) AS last_activity)
    SELECT a.position::integer, (c.reply_count - a.many + a.place)::integer, c.view_count, c.last_activity
    FROM asked a JOIN counted c ON c.id = a.thread_id
    ORDER BY a.position;
    over_limit := ARRAY(SELECT k.write_key
                        FROM (SELECT w.write_key, max(w.window_seconds) AS window_seconds,
                                     min(w.writes_allowed) AS allowed, count(*)::integer AS writes
                              FROM jsonb_to_recordset(batch)
                                   AS w(write_key text, window_seconds double precision, writes_allowed integer)
                              GROUP BY w.write_key ORDER BY w.write_key) k,
                             LATERAL count_write(k.write_key, k.window_seconds, k.writes) c
                        WHERE c.counted > k.allowed);
    IF cardinality(over_limit) > 0 THEN
        SELECT string_agg(r.position::text, ',') INTO at_fault
        FROM ROWS FROM (jsonb_to_recordset(batch) AS (write_key text)) WITH ORDINALITY AS r(write_key, position)
        WHERE r.write_key = ANY (over_limit);
        RAISE EXCEPTION 'at fault: %', at_fault USING ERRCODE = 'PWR04',
            DETAIL = 'more replies than a replier''s limit allows';
    END IF;
END $$;
