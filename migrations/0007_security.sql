-- Security hardening: file content of deleted resources is purged after a retention period (the record of the
-- file, its name, size and hash, stays).
ALTER TABLE file_blobs ADD COLUMN purged_at timestamptz;

-- Sign-in throttling shared by every instance: failures per account-and-address and per address, each with an
-- exponential backoff. Nothing locks an account: its owner signing in from elsewhere is never held up.
CREATE TABLE login_throttle (
    key              text PRIMARY KEY,
    failures         integer NOT NULL,
    last_failure_at  timestamptz NOT NULL,
    blocked_until    timestamptz
);

-- Per-user write limits (posts, threads, flags, reminders, invitations) shared by every instance: a counter per
-- user and action in a fixed window.
CREATE TABLE write_limits (
    key           text PRIMARY KEY,
    window_start  timestamptz NOT NULL,
    count         integer NOT NULL
);

-- Who may read a thread. A discussion started from a region- or organisation-only resource takes the resource's
-- visibility (and follows it when it changes); every other thread is the whole network's.
ALTER TABLE threads ADD COLUMN readers text NOT NULL DEFAULT 'network'
    CHECK (readers IN ('network', 'region', 'organisation'));
ALTER TABLE threads ADD COLUMN readers_organisation_id bigint REFERENCES organisations (id);
ALTER TABLE threads ADD COLUMN readers_region_code text REFERENCES regions (code);
ALTER TABLE threads ADD CONSTRAINT threads_readers_named CHECK (
    readers = 'network'
    OR (readers = 'organisation' AND readers_organisation_id IS NOT NULL)
    OR (readers = 'region' AND readers_organisation_id IS NOT NULL AND readers_region_code IS NOT NULL));

UPDATE threads t
SET readers = CASE WHEN r.visibility = 'region' AND o.region_code IS NULL THEN 'organisation' ELSE r.visibility END,
    readers_organisation_id = r.organisation_id,
    readers_region_code = CASE WHEN r.visibility = 'region' THEN o.region_code END
FROM resource_threads rt
JOIN resources r ON r.id = rt.resource_id
JOIN organisations o ON o.id = r.organisation_id
WHERE rt.thread_id = t.id AND r.visibility <> 'network';

-- Whether a person may read a thread with these readers: its organisation and, for a region's thread, the
-- organisations of that region; moderators and network administrators (sees_all) read everything.
CREATE FUNCTION thread_readable(readers text, readers_organisation_id bigint, readers_region_code text,
                                viewer bigint, sees_all boolean) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT readers = 'network' OR sees_all OR EXISTS (
        SELECT 1 FROM people v
        WHERE v.id = viewer
          AND (v.organisation_id = readers_organisation_id
               OR (readers = 'region' AND v.region_code = readers_region_code)))
$$;

-- Invitations can be withdrawn by the organisation's administrators (and sent again, with a new link).
ALTER TABLE invitations ADD COLUMN revoked_at timestamptz;
