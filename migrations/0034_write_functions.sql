-- A write's companions as functions their owners publish: its audit row (db), its count against the writer's limit
-- (db) and its live events (realtime). A capability's hot write calls them from its own statement, so that the
-- write and its companions go to the database together instead of one statement each; db's and realtime's own
-- statements call them too, so each stays the one definition of its write. PL/pgSQL keeps each body's plan for the
-- session.

CREATE FUNCTION record_audit(actor_id bigint, what text, subject_type text, subject_id bigint, request text,
                             address text, details_json jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (actor_user_id, action, object_type, object_id, request_id, client_address, details)
    VALUES (actor_id, what, subject_type, subject_id, request, address, details_json);
END $$;

-- The writer's counter for an action, restarted when its window ends: how many writes it now holds, and the seconds
-- until the window ends. The caller refuses the write when the count passes its limit.
CREATE FUNCTION count_write(write_key text, window_seconds double precision, OUT counted integer,
                            OUT seconds_left integer) LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO write_limits AS w (key, window_start, count) VALUES (write_key, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
        window_start = CASE WHEN w.window_start <= now() - make_interval(secs => window_seconds)
                            THEN now() ELSE w.window_start END,
        count = CASE WHEN w.window_start <= now() - make_interval(secs => window_seconds) THEN 1 ELSE w.count + 1 END
    RETURNING w.count, greatest(1, ceil(extract(epoch FROM w.window_start + make_interval(secs => window_seconds)
                                                          - now())))::integer
    INTO counted, seconds_left;
END $$;

-- Events in order: a JSON array of {"channel", "type", "payload"}.
CREATE FUNCTION append_events(batch jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO events (channel, type, payload)
    SELECT e ->> 'channel', e ->> 'type', e -> 'payload'
    FROM jsonb_array_elements(batch) WITH ORDINALITY AS x(e, position)
    ORDER BY position;
END $$;
