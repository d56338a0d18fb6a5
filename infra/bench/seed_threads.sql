-- Benchmark data: :count questions (with their opening posts) by the demo members, spread over the last year.
-- psql -v count=50000 -f seed_threads.sql
\set ON_ERROR_STOP on
BEGIN;
WITH authors AS (SELECT array_agg(id ORDER BY id) AS ids FROM people WHERE active),
made AS (
    INSERT INTO threads (title, kind, sector, tags, author_id, organisation_id, created_at, last_activity_at)
    SELECT 'Benchmark question ' || g || ' about supervision, caseloads and ASYE support',
           'question', (ARRAY['children', 'adults', 'both'])[1 + g % 3], ARRAY['bench', 'tag' || (g % 50)],
           a.ids[1 + g % cardinality(a.ids)], p.organisation_id,
           now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval
    FROM generate_series(1, :count) g CROSS JOIN authors a
    JOIN people p ON p.id = a.ids[1 + g % cardinality(a.ids)]
    RETURNING id, author_id, organisation_id)
INSERT INTO posts (thread_id, author_id, organisation_id, is_opening, body_markdown, body_html)
SELECT id, author_id, organisation_id, true, 'How do you keep caseloads manageable? Benchmark body.',
       '<p>How do you keep caseloads manageable? Benchmark body.</p>'
FROM made;
COMMIT;
ANALYZE threads;
ANALYZE posts;
