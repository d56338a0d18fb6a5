-- thread_readable, the same rule, in PL/pgSQL. As a SQL function of a whole row it is not inlined, and PostgreSQL
-- then parses and plans its body again in every statement that calls it: a profile of replies put the parser among
-- PostgreSQL's top costs. PL/pgSQL keeps the parsed body and its plans for the connection's life.
CREATE OR REPLACE FUNCTION thread_readable(t threads, viewer bigint, sees_all boolean) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN t.readers = 'network' OR sees_all
        OR (t.readers = 'group' AND group_content_readable(t.group_id, viewer))
        OR (t.readers IN ('organisation', 'region') AND EXISTS (
                SELECT 1 FROM people v
                WHERE v.id = viewer
                  AND (v.organisation_id = t.readers_organisation_id
                       OR (t.readers = 'region' AND v.region_code = t.readers_region_code))));
END
$$;
