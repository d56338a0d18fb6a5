-- Rules that several queries of one capability share, as SQL functions rather than text pasted into queries.
-- Both are single expressions, so PostgreSQL inlines them into each query that calls them (no call overhead, and
-- the planner still sees the columns).

-- A consultation's status now: draft, upcoming, open, closed or outcome_published.
CREATE FUNCTION consultation_status(published_at timestamptz, outcome_published_at timestamptz,
                                    opens_at timestamptz, closes_at timestamptz) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN published_at IS NULL THEN 'draft'
                WHEN outcome_published_at IS NOT NULL THEN 'outcome_published'
                WHEN now() < opens_at THEN 'upcoming'
                WHEN now() < closes_at THEN 'open'
                ELSE 'closed' END
$$;

-- Whether a viewer sees a resource: the network's, their own organisation's, their region's, or everything for
-- moderators and network administrators (sees_all).
CREATE FUNCTION resource_visible(visibility text, owner_organisation_id bigint, owner_region_code text,
                                 viewer_organisation_id bigint, viewer_region_code text, sees_all boolean)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT visibility = 'network' OR sees_all OR owner_organisation_id = viewer_organisation_id
           OR (visibility = 'region' AND owner_region_code = viewer_region_code)
$$;
