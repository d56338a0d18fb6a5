-- Meetings of groups: a regional network's quarterly meeting, an interest group's call. A meeting has a date and
-- times (Europe/London), a place or an online link, a Markdown agenda and library papers; members answer whether
-- they are going; the organiser posts minutes as a discussion of the group; actions follow, with an owner and a due
-- date. Meetings and actions are the group's content, read as its discussions are.
CREATE TABLE meetings (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id          bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    title             text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    starts_at         timestamptz NOT NULL,
    ends_at           timestamptz NOT NULL,
    location          text NOT NULL DEFAULT '' CHECK (char_length(location) <= 300),
    online_url        text CHECK (online_url ~ '^https://' AND char_length(online_url) <= 2000),
    agenda            text NOT NULL DEFAULT '' CHECK (char_length(agenda) <= 20000),
    organiser_id      bigint NOT NULL REFERENCES users (id),
    -- iCalendar's SEQUENCE: how many times calendars were told it changed.
    sequence          integer NOT NULL DEFAULT 0,
    cancelled_at      timestamptz,
    cancel_reason     text CHECK (char_length(cancel_reason) <= 500),
    minutes_thread_id bigint REFERENCES threads (id) ON DELETE SET NULL,
    reminded_at       timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at),
    CHECK (location <> '' OR online_url IS NOT NULL)
);
CREATE INDEX meetings_group_idx ON meetings (group_id, starts_at, id);
CREATE INDEX meetings_due_reminder_idx ON meetings (starts_at) WHERE reminded_at IS NULL AND cancelled_at IS NULL;

-- The library resources a meeting's papers are, in order.
CREATE TABLE meeting_papers (
    meeting_id   bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    resource_id  bigint NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    position     integer NOT NULL,
    PRIMARY KEY (meeting_id, resource_id)
);

CREATE TABLE meeting_rsvps (
    meeting_id   bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    answer       text NOT NULL CHECK (answer IN ('going', 'maybe', 'not_going')),
    answered_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (meeting_id, person_id)
);
CREATE INDEX meeting_rsvps_person_idx ON meeting_rsvps (person_id);

-- A group's actions: from a meeting or not, owned by one of its members, due on a day (Europe/London).
CREATE TABLE group_actions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id     bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    meeting_id   bigint REFERENCES meetings (id) ON DELETE SET NULL,
    title        text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
    owner_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    due_on       date NOT NULL,
    done_at      timestamptz,
    -- The last day its owner was reminded of it: the day before it is due, and the day itself.
    reminded_on  date,
    created_by   bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX group_actions_group_idx ON group_actions (group_id, due_on, id);
CREATE INDEX group_actions_open_due_idx ON group_actions (due_on) WHERE done_at IS NULL;
CREATE INDEX group_actions_owner_idx ON group_actions (owner_id);

-- A person's calendar feed: only the hash of its secret is kept; a new one replaces the old.
CREATE TABLE calendar_feeds (
    person_id    bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash   text NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE notifications
    DROP CONSTRAINT notifications_subject_type_check,
    ADD CONSTRAINT notifications_subject_type_check
        CHECK (subject_type IN ('thread', 'consultation', 'resource', 'account', 'access_request', 'group',
                                'group_join_request', 'meeting', 'group_action'));
