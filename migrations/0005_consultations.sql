-- Consultations: the Chief Social Workers' offices ask questions with a deadline; authorities (or individuals)
-- respond, with every saved version kept; the office tags free-text answers with themes and publishes an outcome.
-- A consultation's status is derived from server time (see consultations/store.cpp), so it closes at closes_at
-- whatever any timer does.

CREATE TABLE consultations (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title                 text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary               text NOT NULL CHECK (length(summary) BETWEEN 1 AND 50000),
    summary_html          text NOT NULL,
    audience              text NOT NULL CHECK (audience IN ('children', 'adults', 'both')),
    opens_at              timestamptz NOT NULL,
    closes_at             timestamptz NOT NULL,
    response_scope        text NOT NULL CHECK (response_scope IN ('organisation', 'individual')),
    organisation_id       bigint NOT NULL REFERENCES organisations (id), -- the office that runs it
    created_by            bigint NOT NULL REFERENCES users (id),
    created_at            timestamptz NOT NULL DEFAULT now(),
    version               integer NOT NULL DEFAULT 1,
    published_at          timestamptz,
    outcome               text CHECK (length(outcome) BETWEEN 1 AND 50000),
    outcome_html          text,
    outcome_published_at  timestamptz,
    outcome_thread_id     bigint REFERENCES threads (id),
    closing_notice_at     timestamptz, -- when the "closes in 3 days" notifications went out
    CHECK (closes_at > opens_at)
);
CREATE INDEX consultations_closes_idx ON consultations (closes_at DESC, id DESC);
CREATE INDEX consultations_closing_notice_idx ON consultations (closes_at)
    WHERE published_at IS NOT NULL AND closing_notice_at IS NULL;

CREATE TABLE consultation_questions (
    consultation_id  bigint NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    position         integer NOT NULL,
    key              text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
    text             text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
    help_text        text CHECK (length(help_text) <= 1000),
    type             text NOT NULL CHECK (type IN ('text', 'single_choice', 'multi_choice', 'scale', 'yes_no', 'number')),
    required         boolean NOT NULL,
    options          jsonb NOT NULL DEFAULT '[]',
    word_limit       integer CHECK (word_limit BETWEEN 1 AND 5000),
    min_value        double precision,
    max_value        double precision,
    scale_low        text,
    scale_high       text,
    PRIMARY KEY (consultation_id, key),
    UNIQUE (consultation_id, position)
);

-- One response per organisation (scope organisation: user_id NULL) or per person (scope individual).
CREATE TABLE consultation_responses (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consultation_id    bigint NOT NULL REFERENCES consultations (id),
    organisation_id    bigint NOT NULL REFERENCES organisations (id),
    user_id            bigint REFERENCES users (id),
    answers            jsonb NOT NULL DEFAULT '{}',
    version            integer NOT NULL DEFAULT 1,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    updated_by         bigint NOT NULL REFERENCES users (id),
    submitted_version  integer,
    submitted_at       timestamptz,
    submitted_by       bigint REFERENCES users (id),
    UNIQUE NULLS NOT DISTINCT (consultation_id, organisation_id, user_id)
);
CREATE INDEX consultation_responses_submitted_idx ON consultation_responses (consultation_id)
    WHERE submitted_version IS NOT NULL;

CREATE TABLE consultation_response_versions (
    response_id  bigint NOT NULL REFERENCES consultation_responses (id),
    version      integer NOT NULL,
    answers      jsonb NOT NULL,
    submitted    boolean NOT NULL,
    saved_by     bigint NOT NULL REFERENCES users (id),
    saved_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (response_id, version)
);

CREATE TABLE consultation_themes (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consultation_id  bigint NOT NULL REFERENCES consultations (id),
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_by       bigint NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX consultation_themes_name_idx ON consultation_themes (consultation_id, lower(name));

CREATE TABLE consultation_answer_themes (
    theme_id      bigint NOT NULL REFERENCES consultation_themes (id) ON DELETE CASCADE,
    response_id   bigint NOT NULL REFERENCES consultation_responses (id),
    question_key  text NOT NULL,
    PRIMARY KEY (theme_id, response_id, question_key)
);

-- Notifications are shared by discussions and consultations: a notification is about a thread or a consultation.
ALTER TABLE notifications ADD COLUMN consultation_id bigint REFERENCES consultations (id);
ALTER TABLE notifications ADD CONSTRAINT notifications_subject_check
    CHECK (thread_id IS NOT NULL OR consultation_id IS NOT NULL);
