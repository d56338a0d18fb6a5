-- Benchmark data: :count invented members of Southampton who follow thread :thread. They never sign in. Unless
-- :delivery says otherwise ('immediate'), they want no email of replies, so that the benchmark measures the
-- notifications rather than the outbox.
-- psql -v count=1000 -v thread=42 [-v delivery=immediate] -f seed_followers.sql
\set ON_ERROR_STOP on
\if :{?delivery}
\else
\set delivery off
\endif
BEGIN;
WITH made AS (
    INSERT INTO users (email, display_name, password_hash, organisation_id, sector, roles)
    SELECT 'follower' || g || '.' || :thread || '@bench.pswnet.uk', 'Bench Follower ' || g, 'not a password hash',
           o.id, 'children', ARRAY['member']
    FROM generate_series(1, :count) g CROSS JOIN (SELECT id FROM organisations WHERE code = 'E06000045') o
    RETURNING id),
quiet AS (
    INSERT INTO notification_settings (user_id, kind, delivery) SELECT id, 'reply', :'delivery' FROM made)
INSERT INTO thread_subscriptions (thread_id, user_id) SELECT :thread, id FROM made;
COMMIT;
