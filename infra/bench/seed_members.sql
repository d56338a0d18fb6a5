-- Benchmark data: :count invented members spread over every local authority and both sectors, as many as the
-- service will hold when every council's PSWs and their colleagues have joined. They never sign in and want no
-- email. Without them a benchmark runs among the five demo accounts, where anything that looks through everyone
-- costs nothing: a reply that asked the reading rule of every person ran at 50-70/s with 3,000 members and 400-700/s
-- with five.
-- psql -v count=3000 -f seed_members.sql
\set ON_ERROR_STOP on
BEGIN;
WITH councils AS (SELECT array_agg(id ORDER BY id) AS ids FROM organisations WHERE kind = 'local_authority'),
made AS (
    INSERT INTO users (email, display_name, password_hash, organisation_id, sector, roles)
    SELECT 'member' || g || '@bench.pswnet.uk', 'Bench Member ' || g, 'not a password hash',
           c.ids[1 + g % cardinality(c.ids)], CASE WHEN g % 2 = 0 THEN 'children' ELSE 'adults' END, ARRAY['member']
    FROM generate_series(1, :count) g CROSS JOIN councils c
    RETURNING id)
INSERT INTO notification_settings (user_id, kind, delivery)
SELECT id, kind, 'off' FROM made CROSS JOIN (VALUES ('reply'), ('mention')) k(kind);
COMMIT;
