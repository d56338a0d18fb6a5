-- Writes that no event of their own announces (the command line's, an import's, a first view of a thread, a change
-- made by hand) still reach every instance's answers kept in memory: these tables announce each change on the event
-- log, on a system channel that no WebSocket sees, and wake the listeners.
CREATE FUNCTION announce_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO events (channel, type, payload) VALUES ('system:changes', TG_ARGV[0], '{}'::jsonb);
    PERFORM pg_notify('pswnet_events', '');
    RETURN NULL;
END
$$;

-- Whole statements, so that an import of thousands of rows announces itself once. The directory's names appear in
-- discussions and comparisons too.
DO $$
DECLARE
    announced record;
BEGIN
    FOR announced IN
        SELECT t.name, t.change FROM (VALUES
            ('regions', 'directory.changed'),
            ('organisations', 'directory.changed'),
            ('statistical_neighbours', 'directory.changed'),
            ('organisation_delegations', 'directory.changed'),
            ('benchmark_metrics', 'benchmarking.changed'),
            ('benchmark_values', 'benchmarking.changed'),
            ('benchmark_reference_values', 'benchmarking.changed'),
            ('local_submissions', 'benchmarking.changed'),
            ('local_submission_values', 'benchmarking.changed')) AS t(name, change)
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION announce_change(%L)',
                       announced.name || '_announce', announced.name, announced.change);
    END LOOP;
END
$$;

-- Discussions: following and first views have no events of their own. Row by row, since an insert that meets a
-- conflict (a second view) changes nothing and must announce nothing.
CREATE TRIGGER thread_subscriptions_announce AFTER INSERT OR DELETE ON thread_subscriptions
    FOR EACH ROW EXECUTE FUNCTION announce_change('discussions.changed');
CREATE TRIGGER thread_views_announce AFTER INSERT ON thread_views
    FOR EACH ROW EXECUTE FUNCTION announce_change('discussions.changed');
