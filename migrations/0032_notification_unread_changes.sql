-- Unread counts that hold no row until the commit. With 0028's counters, every notification updated its recipient's
-- counter row, and held it until its transaction committed: replies from many people to threads they all follow
-- queued on each other's counters. Now each statement on notifications appends the changes to each person's count,
-- which no one else's statement waits on, and fold_notification_unread_changes() adds them into the counters now and
-- then. A count is its counter plus its changes not yet folded, as notification_unread reads it.
--
-- A live event's count is read in its own transaction: two notifications for one person committing together can
-- each announce a count that leaves out the other, until the next event or read.
CREATE TABLE notification_unread_changes (
    user_id bigint  NOT NULL, -- no foreign key: its check would lock each recipient's row; notifications has one
    change  integer NOT NULL
);
CREATE INDEX notification_unread_changes_user ON notification_unread_changes (user_id);
ALTER TABLE notification_unread_changes SET (autovacuum_vacuum_scale_factor = 0,
                                             autovacuum_vacuum_threshold = 10000);

CREATE VIEW notification_unread AS
SELECT user_id, sum(unread)::integer AS unread
FROM (SELECT user_id, unread FROM notification_unread_counts
      UNION ALL
      SELECT user_id, change FROM notification_unread_changes) parts
GROUP BY user_id;

CREATE OR REPLACE FUNCTION count_unread_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO notification_unread_changes (user_id, change)
        SELECT user_id, -count(*) FROM old_rows WHERE read_at IS NULL GROUP BY user_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO notification_unread_changes (user_id, change)
        SELECT user_id, count(*) FROM new_rows WHERE read_at IS NULL GROUP BY user_id;
    END IF;
    RETURN NULL;
END $$;

-- Adds the changes into the counters and removes them, in one statement, so that every snapshot sees each change
-- once. One fold at a time: another instance's fold, meanwhile, does nothing. A counter going down is updated, not
-- upserted, as an insert's proposed row must pass the CHECK even when it conflicts. Returns the people whose counts
-- moved.
CREATE FUNCTION fold_notification_unread_changes() RETURNS integer LANGUAGE sql AS $$
WITH folded AS (
    DELETE FROM notification_unread_changes
    WHERE (SELECT pg_try_advisory_xact_lock(hashtext('fold_notification_unread_changes')))
    RETURNING user_id, change),
summed AS (
    SELECT user_id, sum(change)::integer AS change FROM folded GROUP BY user_id HAVING sum(change) <> 0),
updated AS (
    UPDATE notification_unread_counts c SET unread = c.unread + s.change
    FROM summed s WHERE c.user_id = s.user_id
    RETURNING c.user_id),
inserted AS (
    INSERT INTO notification_unread_counts (user_id, unread)
    SELECT user_id, change FROM summed WHERE user_id NOT IN (SELECT user_id FROM updated)
    RETURNING user_id)
SELECT (SELECT count(*) FROM updated)::integer + (SELECT count(*) FROM inserted)::integer
$$;
