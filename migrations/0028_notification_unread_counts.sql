-- How many unread notifications each person has, kept by statement triggers on notifications: telling a thousand
-- followers of a reply then reads a thousand counters, rather than counting each one's unread notifications (which
-- grows with every notification they have not read).
CREATE TABLE notification_unread_counts (
    user_id bigint PRIMARY KEY REFERENCES users (id),
    unread  integer NOT NULL CHECK (unread >= 0)
);

INSERT INTO notification_unread_counts (user_id, unread)
SELECT user_id, count(*) FROM notifications WHERE read_at IS NULL GROUP BY user_id;

-- One statement's notifications at once (its transition tables); people in order of id, so that two statements
-- counting for the same people lock their counters in the same order.
CREATE FUNCTION count_unread_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE notification_unread_counts c SET unread = c.unread - gone.unread
        FROM (SELECT user_id, count(*) AS unread FROM old_rows WHERE read_at IS NULL GROUP BY user_id
              ORDER BY user_id) gone
        WHERE c.user_id = gone.user_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO notification_unread_counts AS c (user_id, unread)
        SELECT user_id, count(*) FROM new_rows WHERE read_at IS NULL GROUP BY user_id ORDER BY user_id
        ON CONFLICT (user_id) DO UPDATE SET unread = c.unread + excluded.unread;
    END IF;
    RETURN NULL;
END $$;

-- A trigger with transition tables takes one event.
CREATE TRIGGER notifications_counted_on_insert AFTER INSERT ON notifications
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_unread_notifications();
CREATE TRIGGER notifications_counted_on_update AFTER UPDATE ON notifications
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION count_unread_notifications();
CREATE TRIGGER notifications_counted_on_delete AFTER DELETE ON notifications
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_unread_notifications();
