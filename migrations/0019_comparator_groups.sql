-- Comparator groups, as LG Inform offers them: an organisation saves named groups of authorities ("our teaching
-- partnership", "South West adults' network") to compare its figures with, and to address discussion questions to.
CREATE TABLE comparator_groups (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
    created_by       bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX comparator_groups_name_idx ON comparator_groups (organisation_id, lower(name));

CREATE TABLE comparator_group_members (
    group_id         bigint NOT NULL REFERENCES comparator_groups (id) ON DELETE CASCADE,
    organisation_id  bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, organisation_id)
);

-- A question asked of a saved group keeps the group's name as it was, beside the organisations it was asked of.
ALTER TABLE threads
    DROP CONSTRAINT threads_audience_check,
    ADD CONSTRAINT threads_audience_check
        CHECK (audience IN ('network', 'statistical_neighbours', 'region', 'organisations', 'comparator_group')),
    ADD COLUMN audience_name text CHECK (char_length(audience_name) <= 80);
