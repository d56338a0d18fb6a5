-- Benchmark data: :count invented members of Southampton who sign in with the demo password (their hash is copied
-- from the demo account the benchmark already uses), so that replies come from many people, as they do in use.
-- Like the followers of seed_followers.sql, they want no email of replies: the benchmark measures the replies and
-- their notifications, not the outbox.
-- psql -v count=16 -f seed_repliers.sql
\set ON_ERROR_STOP on
BEGIN;
WITH made AS (
    INSERT INTO users (email, display_name, password_hash, organisation_id, sector, roles)
    SELECT 'replier' || g || '@bench.pswnet.uk', 'Bench Replier ' || g, demo.password_hash, demo.organisation_id,
           'children', ARRAY['member']
    FROM generate_series(1, :count) g
    CROSS JOIN (SELECT password_hash, organisation_id FROM users
                WHERE email = 'amira.children@southampton.demo.pswnet.uk') demo
    RETURNING id)
INSERT INTO notification_settings (user_id, kind, delivery) SELECT id, 'reply', 'off' FROM made;
COMMIT;
