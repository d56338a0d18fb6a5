-- Foundation: organisations and their statistical neighbours, users, sessions, invitations, the outbox of
-- messages to send, and the audit log.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- RFC 3339 in UTC, the only time format the API speaks.
CREATE FUNCTION rfc3339(t timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') $$;

CREATE TABLE regions (
    code text PRIMARY KEY CHECK (code ~ '^E12[0-9]{6}$'),
    name text NOT NULL UNIQUE
);

CREATE TABLE organisations (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                text NOT NULL CHECK (kind IN ('local_authority', 'csw_office', 'nhs_trust', 'other')),
    name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    code                text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40),
    dfe_la_code         integer UNIQUE,
    ons_entity          text,
    la_type             text,
    region_code         text REFERENCES regions (code),
    london_subregion    text CHECK (london_subregion IN ('Inner London', 'Outer London')),
    in_sn_model         boolean NOT NULL DEFAULT false,
    csww_joint_return   boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisations_name_idx ON organisations (lower(name), id);
CREATE INDEX organisations_region_idx ON organisations (region_code, lower(name), id);
CREATE INDEX organisations_name_trgm_idx ON organisations USING gin (lower(name) gin_trgm_ops);

CREATE TABLE statistical_neighbours (
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    neighbour_id    bigint NOT NULL REFERENCES organisations (id),
    rank            smallint NOT NULL CHECK (rank BETWEEN 1 AND 10),
    closeness       text NOT NULL CHECK (closeness IN
                        ('Extremely close', 'Very close', 'Close', 'Somewhat close', 'Not close')),
    model           text NOT NULL DEFAULT 'DfE 2025',
    PRIMARY KEY (organisation_id, rank),
    UNIQUE (organisation_id, neighbour_id),
    CHECK (organisation_id <> neighbour_id)
);

CREATE TABLE users (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email            text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    display_name     text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    password_hash    text NOT NULL,
    organisation_id  bigint NOT NULL REFERENCES organisations (id),
    sector           text NOT NULL CHECK (sector IN ('children', 'adults', 'both')),
    roles            text[] NOT NULL CHECK (roles <@ ARRAY['member', 'org_admin', 'csw_office', 'moderator',
                                                          'network_admin']::text[] AND cardinality(roles) >= 1),
    disabled_at      timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_idx ON users (email);
CREATE INDEX users_organisation_idx ON users (organisation_id, lower(display_name), id);

CREATE TABLE sessions (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users (id),
    token_hash    text NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    user_agent    text,
    client_address text
);
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE invitations (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash       text NOT NULL UNIQUE,
    email            text NOT NULL CHECK (email = lower(email)),
    organisation_id  bigint NOT NULL REFERENCES organisations (id),
    sector           text NOT NULL CHECK (sector IN ('children', 'adults', 'both')),
    roles            text[] NOT NULL CHECK (roles <@ ARRAY['member', 'org_admin', 'csw_office', 'moderator',
                                                          'network_admin']::text[] AND cardinality(roles) >= 1),
    invited_by       bigint NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    accepted_at      timestamptz,
    accepted_user_id bigint REFERENCES users (id)
);
CREATE INDEX invitations_email_idx ON invitations (email);

-- Messages waiting for a mail server; with none configured they stay here and in the log.
CREATE TABLE outbox (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient   text NOT NULL,
    subject     text NOT NULL,
    body        text NOT NULL,
    kind        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz
);

-- Who did what to which object, when, in which request. Written in the same transaction as the change.
CREATE TABLE audit_log (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    actor_user_id bigint REFERENCES users (id),
    action        text NOT NULL,
    object_type   text NOT NULL,
    object_id     bigint,
    request_id    text,
    client_address text,
    details       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id, occurred_at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, occurred_at);
