-- A library resource can be shared with a group: it is then seen by the group's readers (everyone for an open
-- group, its members otherwise), and its discussions are read by them too.
ALTER TABLE resources
    ADD COLUMN group_id bigint REFERENCES groups (id),
    DROP CONSTRAINT resources_visibility_check,
    ADD CONSTRAINT resources_visibility_check CHECK (visibility IN ('network', 'region', 'organisation', 'group')),
    ADD CONSTRAINT resources_group_named CHECK ((visibility = 'group') = (group_id IS NOT NULL));
CREATE INDEX resources_group_idx ON resources (group_id) WHERE group_id IS NOT NULL;

-- Whether a viewer sees a resource: the network's, their own organisation's, their region's, a group's whose content
-- they read, or everything for moderators and network administrators (sees_all).
DROP FUNCTION resource_visible(text, bigint, text, bigint, text, boolean);
CREATE FUNCTION resource_visible(visibility text, owner_organisation_id bigint, owner_region_code text,
                                 shared_with_group bigint, viewer bigint, viewer_organisation_id bigint,
                                 viewer_region_code text, sees_all boolean)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT visibility = 'network' OR sees_all
           OR (visibility = 'group' AND group_content_readable(shared_with_group, viewer))
           OR (visibility IN ('region', 'organisation') AND owner_organisation_id = viewer_organisation_id)
           OR (visibility = 'region' AND owner_region_code = viewer_region_code)
$$;
