-- Groups: the regional and national PSW networks, joint whole-family meetings and special-interest groups (MASH,
-- AMHP leads, ASYE leads, teaching partnerships). A group is open (anyone joins), restricted (people ask to join and
-- an owner approves) or private (owners add people, and nobody else knows it exists). Its members are owners or
-- members. Discussions can belong to a group: those of a restricted or private group are read by its members only.
CREATE TABLE groups (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
    description  text NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
    kind         text NOT NULL CHECK (kind IN ('regional_network', 'national_network', 'interest')),
    sector       text NOT NULL CHECK (sector IN ('children', 'adults', 'both')),
    region_code  text REFERENCES regions (code),
    privacy      text NOT NULL CHECK (privacy IN ('open', 'restricted', 'private')),
    created_by   bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'regional_network') = (region_code IS NOT NULL))
);
CREATE UNIQUE INDEX groups_name_idx ON groups (lower(name));

CREATE TABLE group_members (
    group_id   bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    person_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('owner', 'member')),
    joined_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, person_id)
);
CREATE INDEX group_members_person_idx ON group_members (person_id);

-- Asking to join a restricted group: kept until an owner approves or declines it, or the person withdraws it.
CREATE TABLE group_join_requests (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id      bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    person_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message       text NOT NULL DEFAULT '' CHECK (char_length(message) <= 500),
    requested_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (group_id, person_id)
);

-- The networks every PSW belongs to: children's and adults' in each region, and the national ones. Network
-- administrators own them until they appoint owners.
INSERT INTO groups (name, description, kind, sector, region_code, privacy)
SELECT r.name || ' ' || s.words || ' PSW network',
       'The Principal Social Workers of ' || s.words || ' services in '
           || CASE WHEN r.name IN ('London', 'Yorkshire and The Humber') THEN '' ELSE 'the ' END || r.name || '.',
       'regional_network', s.sector, r.code, 'restricted'
FROM regions r CROSS JOIN (VALUES ('children', 'children''s'), ('adults', 'adults''')) AS s (sector, words)
ORDER BY r.code, s.sector DESC;

INSERT INTO groups (name, description, kind, sector, privacy) VALUES
    ('National children''s PSW network', 'The Principal Social Workers of children''s services in England.',
     'national_network', 'children', 'restricted'),
    ('National adults'' PSW network', 'The Principal Social Workers of adults'' services in England.',
     'national_network', 'adults', 'restricted');

-- Whether a person reads a group's content (its discussions): anyone for an open group, members otherwise.
CREATE FUNCTION group_content_readable(of_group bigint, viewer bigint) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT EXISTS (SELECT 1 FROM groups g WHERE g.id = of_group AND g.privacy = 'open')
        OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = of_group AND m.person_id = viewer)
$$;

-- What other capabilities read of a group: a discussion shows its group's name and links to it.
CREATE VIEW group_directory AS
SELECT id, name, kind, sector, region_code, privacy FROM groups;

-- Who belongs to which group: discussions tell a group's members of its new discussions.
CREATE VIEW group_membership AS
SELECT group_id, person_id, role FROM group_members;

-- A discussion can belong to a group; its readers are then the group's.
ALTER TABLE threads
    ADD COLUMN group_id bigint REFERENCES groups (id),
    DROP CONSTRAINT threads_readers_check,
    ADD CONSTRAINT threads_readers_check CHECK (readers IN ('network', 'region', 'organisation', 'group')),
    DROP CONSTRAINT threads_readers_named,
    ADD CONSTRAINT threads_readers_named CHECK (
        readers = 'network'
        OR (readers = 'organisation' AND readers_organisation_id IS NOT NULL)
        OR (readers = 'region' AND readers_organisation_id IS NOT NULL AND readers_region_code IS NOT NULL)
        OR (readers = 'group' AND group_id IS NOT NULL));
CREATE INDEX threads_group_idx ON threads (group_id, last_activity_at DESC, id DESC) WHERE group_id IS NOT NULL;

-- Whether a person may read a thread: now of the whole row, so that a new kind of readers changes one function.
DROP FUNCTION thread_readable(text, bigint, text, bigint, boolean);
CREATE FUNCTION thread_readable(t threads, viewer bigint, sees_all boolean) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT t.readers = 'network' OR sees_all
        OR (t.readers = 'group' AND group_content_readable(t.group_id, viewer))
        OR (t.readers IN ('organisation', 'region') AND EXISTS (
                SELECT 1 FROM people v
                WHERE v.id = viewer
                  AND (v.organisation_id = t.readers_organisation_id
                       OR (t.readers = 'region' AND v.region_code = t.readers_region_code))))
$$;

ALTER TABLE notifications
    DROP CONSTRAINT notifications_subject_type_check,
    ADD CONSTRAINT notifications_subject_type_check
        CHECK (subject_type IN ('thread', 'consultation', 'resource', 'account', 'access_request', 'group',
                                'group_join_request'));
