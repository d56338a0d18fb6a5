-- Discussions: threads and posts with full-text search, revisions, reactions, subscriptions, notifications,
-- flags; and the event log that real-time delivery reads.

CREATE TABLE events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel     text NOT NULL,
    type        text NOT NULL,
    payload     jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_channel_idx ON events (channel, id);
CREATE INDEX events_created_idx ON events (created_at);

CREATE TABLE threads (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    kind              text NOT NULL CHECK (kind IN ('question', 'discussion', 'announcement')),
    sector            text NOT NULL CHECK (sector IN ('children', 'adults', 'both')),
    tags              text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 5),
    audience          text NOT NULL DEFAULT 'network'
                          CHECK (audience IN ('network', 'statistical_neighbours', 'region', 'organisations')),
    author_id         bigint NOT NULL REFERENCES users (id),
    organisation_id   bigint NOT NULL REFERENCES organisations (id),
    accepted_post_id  bigint,
    locked_at         timestamptz,
    reply_count       integer NOT NULL DEFAULT 0,
    view_count        integer NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    last_activity_at  timestamptz NOT NULL DEFAULT now(),
    search            tsvector GENERATED ALWAYS AS (to_tsvector('english', title)) STORED
);
CREATE INDEX threads_activity_idx ON threads (last_activity_at DESC, id DESC);
CREATE INDEX threads_sector_activity_idx ON threads (sector, last_activity_at DESC, id DESC);
CREATE INDEX threads_organisation_idx ON threads (organisation_id, last_activity_at DESC);
CREATE INDEX threads_tags_idx ON threads USING gin (tags);
CREATE INDEX threads_title_trgm_idx ON threads USING gin (lower(title) gin_trgm_ops);
CREATE INDEX threads_search_idx ON threads USING gin (search);

-- The organisations a question is addressed to (its audience), kept so the thread can show them.
CREATE TABLE thread_audience (
    thread_id       bigint NOT NULL REFERENCES threads (id),
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (thread_id, organisation_id)
);

CREATE TABLE posts (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    thread_id        bigint NOT NULL REFERENCES threads (id),
    author_id        bigint NOT NULL REFERENCES users (id),
    organisation_id  bigint NOT NULL REFERENCES organisations (id),
    is_opening       boolean NOT NULL DEFAULT false,
    body_markdown    text NOT NULL CHECK (length(body_markdown) BETWEEN 1 AND 50000),
    body_html        text NOT NULL,
    hidden_at        timestamptz,
    hidden_by        bigint REFERENCES users (id),
    hidden_reason    text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    edited_at        timestamptz,
    search           tsvector GENERATED ALWAYS AS (to_tsvector('english', body_markdown)) STORED
);
CREATE INDEX posts_thread_idx ON posts (thread_id, id);
CREATE INDEX posts_search_idx ON posts USING gin (search);
CREATE UNIQUE INDEX posts_one_opening_idx ON posts (thread_id) WHERE is_opening;

ALTER TABLE threads ADD CONSTRAINT threads_accepted_post_fk FOREIGN KEY (accepted_post_id) REFERENCES posts (id);

CREATE TABLE post_revisions (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_id        bigint NOT NULL REFERENCES posts (id),
    body_markdown  text NOT NULL,
    body_html      text NOT NULL,
    edited_by      bigint NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX post_revisions_post_idx ON post_revisions (post_id, id);

CREATE TABLE post_reactions (
    post_id     bigint NOT NULL REFERENCES posts (id),
    user_id     bigint NOT NULL REFERENCES users (id),
    kind        text NOT NULL CHECK (kind IN ('helpful', 'same_here')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (post_id, user_id, kind)
);

CREATE TABLE thread_views (
    thread_id  bigint NOT NULL REFERENCES threads (id),
    user_id    bigint NOT NULL REFERENCES users (id),
    PRIMARY KEY (thread_id, user_id)
);

CREATE TABLE thread_subscriptions (
    thread_id   bigint NOT NULL REFERENCES threads (id),
    user_id     bigint NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (thread_id, user_id)
);
CREATE INDEX thread_subscriptions_user_idx ON thread_subscriptions (user_id);

CREATE TABLE notifications (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id),
    kind        text NOT NULL,
    thread_id   bigint REFERENCES threads (id),
    post_id     bigint REFERENCES posts (id),
    actor_id    bigint REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    read_at     timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

CREATE TABLE post_flags (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_id      bigint NOT NULL REFERENCES posts (id),
    flagged_by   bigint NOT NULL REFERENCES users (id),
    reason       text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    created_at   timestamptz NOT NULL DEFAULT now(),
    resolved_at  timestamptz,
    resolved_by  bigint REFERENCES users (id),
    resolution   text CHECK (resolution IN ('hidden', 'dismissed'))
);
CREATE UNIQUE INDEX post_flags_open_idx ON post_flags (post_id, flagged_by) WHERE resolved_at IS NULL;
CREATE INDEX post_flags_queue_idx ON post_flags (resolved_at, id);

-- Identity's and the directory's published read interface for other capabilities, which never read users or
-- organisations directly.
CREATE VIEW people AS
SELECT u.id, u.display_name, u.sector, u.roles, u.organisation_id,
       o.name AS organisation_name, o.code AS organisation_code, o.region_code,
       u.disabled_at IS NULL AS active
FROM users u JOIN organisations o ON o.id = u.organisation_id;
