-- A thread's searchable terms, its title and tags, kept in a table of their own with the three GIN indexes that find
-- them. A reply moves its thread's last_activity_at, which the list's indexes are ordered by, so its update of the
-- thread is never HOT and puts the row into every index of threads again: with these indexes on threads, every reply
-- put its thread's title trigrams, title words and tags into three GIN indexes too, for a title and tags it had not
-- changed. Here they are written when a thread is created or its title or tags change, and a reply's new row of
-- threads is narrower by the title's tsvector. Measured with infra/bench/function_ab.sh in docs/benchmarks.md.
CREATE TABLE thread_search_terms (
    thread_id  bigint PRIMARY KEY REFERENCES threads (id) ON DELETE CASCADE,
    title      text NOT NULL,
    tags       text[] NOT NULL,
    search     tsvector GENERATED ALWAYS AS (to_tsvector('english', title)) STORED
);
INSERT INTO thread_search_terms (thread_id, title, tags) SELECT id, title, tags FROM threads;
CREATE INDEX thread_search_terms_tags_idx ON thread_search_terms USING gin (tags);
CREATE INDEX thread_search_terms_title_trgm_idx ON thread_search_terms USING gin (lower(title) gin_trgm_ops);
CREATE INDEX thread_search_terms_search_idx ON thread_search_terms USING gin (search);

ALTER TABLE threads DROP COLUMN search; -- its index, threads_search_idx, goes with it
DROP INDEX threads_tags_idx, threads_title_trgm_idx;

CREATE FUNCTION keep_thread_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO thread_search_terms (thread_id, title, tags) VALUES (NEW.id, NEW.title, NEW.tags)
    ON CONFLICT (thread_id) DO UPDATE SET title = EXCLUDED.title, tags = EXCLUDED.tags;
    RETURN NULL;
END $$;
CREATE TRIGGER thread_search_terms_kept AFTER INSERT OR UPDATE OF title, tags ON threads
    FOR EACH ROW EXECUTE FUNCTION keep_thread_search_terms();
