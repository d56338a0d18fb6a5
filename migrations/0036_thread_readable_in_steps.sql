-- thread_readable, the same rule, asked in steps. As one expression, PostgreSQL planned it again at every call:
-- a plan made for the call's own values folds away the branches they decide (a thread the whole network reads, or
-- a viewer who reads everything), so it always looked cheaper than the one plan for any values, and the plan cache
-- never kept that one. pg_stat_statements counted 73,085 plans in 73,085 calls over 25 s of replies, about three a
-- reply (infra/bench/reply_profile.sh). In steps, the first are simple expressions, which PL/pgSQL evaluates without
-- the planner, and each query left has one plan whatever the values, which the plan cache keeps.
CREATE OR REPLACE FUNCTION thread_readable(t threads, viewer bigint, sees_all boolean) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF t.readers = 'network' OR sees_all THEN
        RETURN true;
    END IF;
    IF t.readers = 'group' THEN
        RETURN group_content_readable(t.group_id, viewer);
    END IF;
    IF t.readers NOT IN ('organisation', 'region') THEN
        RETURN false;
    END IF;
    RETURN EXISTS (
        SELECT 1 FROM people v
        WHERE v.id = viewer
          AND (v.organisation_id = t.readers_organisation_id
               OR (t.readers = 'region' AND v.region_code = t.readers_region_code)));
END
$$;
