-- The practice library: resources shared across authorities, their uploaded files (every version kept, content
-- stored once per SHA-256 in chunks), organisations' endorsements ("we use this too") and linked discussions.

-- array_to_string is only STABLE (it may call type output functions); for text[] it is immutable in fact, which a
-- generated column needs.
CREATE FUNCTION tags_text(tags text[]) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT array_to_string(tags, ' ') $$;

CREATE TABLE resources (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary            text NOT NULL CHECK (length(summary) BETWEEN 1 AND 50000),
    summary_html       text NOT NULL,
    type               text NOT NULL CHECK (type IN ('policy', 'procedure', 'practice_guidance', 'template',
                           'assessment_tool', 'risk_tool', 'training', 'induction', 'asye_programme', 'supervision',
                           'research_summary', 'presentation', 'other')),
    sector             text NOT NULL CHECK (sector IN ('children', 'adults', 'both')),
    tags               text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 5),
    licence            text NOT NULL CHECK (licence IN ('OGL-UK-3.0', 'CC-BY-4.0', 'ask-the-owner')),
    visibility         text NOT NULL CHECK (visibility IN ('network', 'region', 'organisation')),
    link_url           text CHECK (link_url ~ '^https?://[^\s]+$' AND length(link_url) <= 2000),
    organisation_id    bigint NOT NULL REFERENCES organisations (id),
    author_id          bigint NOT NULL REFERENCES users (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    deleted_at         timestamptz,
    deleted_by         bigint REFERENCES users (id),
    endorsement_count  integer NOT NULL DEFAULT 0,
    download_count     integer NOT NULL DEFAULT 0,
    file_text          text NOT NULL DEFAULT '', -- the newest version's extracted text, for search
    search             tsvector GENERATED ALWAYS AS (
                           setweight(to_tsvector('english', title), 'A') ||
                           setweight(to_tsvector('english', tags_text(tags)), 'B') ||
                           setweight(to_tsvector('english', summary), 'C') ||
                           setweight(to_tsvector('english', file_text), 'D')) STORED
);
CREATE INDEX resources_newest_idx ON resources (id DESC) WHERE deleted_at IS NULL;
CREATE INDEX resources_adopted_idx ON resources (endorsement_count DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX resources_downloaded_idx ON resources (download_count DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX resources_organisation_idx ON resources (organisation_id);
CREATE INDEX resources_tags_idx ON resources USING gin (tags);
CREATE INDEX resources_search_idx ON resources USING gin (search);

-- File content, once per SHA-256, in chunks of at most 1 MiB so no statement carries a whole 25 MiB file.
CREATE TABLE file_blobs (
    sha256      text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size        bigint NOT NULL CHECK (size BETWEEN 0 AND 26214400),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE file_blob_chunks (
    sha256  text NOT NULL REFERENCES file_blobs (sha256),
    seq     integer NOT NULL,
    data    bytea NOT NULL,
    PRIMARY KEY (sha256, seq)
);

CREATE TABLE resource_files (
    resource_id        bigint NOT NULL REFERENCES resources (id),
    version            integer NOT NULL CHECK (version >= 1),
    sha256             text NOT NULL REFERENCES file_blobs (sha256),
    filename           text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255), -- safe to save under
    original_filename  text NOT NULL CHECK (length(original_filename) BETWEEN 1 AND 1000), -- for display
    content_type       text NOT NULL,
    size               bigint NOT NULL,
    text_extracted     boolean NOT NULL,
    uploaded_by        bigint NOT NULL REFERENCES users (id),
    uploaded_at        timestamptz NOT NULL DEFAULT now(),
    download_count     integer NOT NULL DEFAULT 0,
    PRIMARY KEY (resource_id, version)
);

CREATE TABLE resource_endorsements (
    resource_id      bigint NOT NULL REFERENCES resources (id),
    organisation_id  bigint NOT NULL REFERENCES organisations (id),
    endorsed_by      bigint NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (resource_id, organisation_id)
);

-- Discussions started from a resource page (threads stay the forum's; this is the link).
CREATE TABLE resource_threads (
    resource_id  bigint NOT NULL REFERENCES resources (id),
    thread_id    bigint NOT NULL REFERENCES threads (id),
    PRIMARY KEY (resource_id, thread_id)
);

-- Notifications may be about a resource too (an owner hears of each endorsement).
ALTER TABLE notifications ADD COLUMN resource_id bigint REFERENCES resources (id);
ALTER TABLE notifications DROP CONSTRAINT notifications_subject_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_subject_check
    CHECK (thread_id IS NOT NULL OR consultation_id IS NOT NULL OR resource_id IS NOT NULL);
