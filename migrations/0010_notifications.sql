-- Notifications become a capability of their own. A notification is about one subject (a thread, a consultation
-- or a resource), whose title and link are stored when it is written, so that reading notifications never reads
-- another capability's tables. Each person chooses, per kind, whether email goes at once, in a daily or weekly
-- digest, or not at all. The outbox is sent: each row is one email, with its own Message-ID, sent by whichever
-- instance locks it first, retried with backoff. Links in emails carry tokens (one-click unsubscribe, reply by
-- email) stored as hashes.

ALTER TABLE notifications
    ADD COLUMN subject_type  text,
    ADD COLUMN subject_id    bigint,
    ADD COLUMN subject_title text,
    ADD COLUMN subject_link  text;

UPDATE notifications n SET subject_type = 'thread', subject_id = n.thread_id, subject_title = t.title,
       subject_link = '/discussions/' || n.thread_id || coalesce('#post-' || n.post_id, '')
FROM threads t WHERE t.id = n.thread_id;
UPDATE notifications n SET subject_type = 'consultation', subject_id = n.consultation_id, subject_title = c.title,
       subject_link = '/consultations/' || n.consultation_id
FROM consultations c WHERE c.id = n.consultation_id;
UPDATE notifications n SET subject_type = 'resource', subject_id = n.resource_id, subject_title = r.title,
       subject_link = '/library/' || n.resource_id
FROM resources r WHERE r.id = n.resource_id;

ALTER TABLE notifications
    DROP CONSTRAINT notifications_subject_check,
    DROP CONSTRAINT notifications_post_id_fkey,
    DROP COLUMN thread_id,
    DROP COLUMN consultation_id,
    DROP COLUMN resource_id,
    ALTER COLUMN subject_type SET NOT NULL,
    ALTER COLUMN subject_id SET NOT NULL,
    ALTER COLUMN subject_title SET NOT NULL,
    ALTER COLUMN subject_link SET NOT NULL,
    ADD CONSTRAINT notifications_subject_type_check CHECK (subject_type IN ('thread', 'consultation', 'resource')),
    ADD CONSTRAINT notifications_subject_link_check CHECK (subject_link LIKE '/%');
CREATE INDEX notifications_subject_idx ON notifications (subject_type, subject_id);
-- Digests gather what a person was told since their last one.
CREATE INDEX notifications_digest_idx ON notifications (user_id, created_at);

-- Only the choices that differ from a kind's default are stored.
CREATE TABLE notification_settings (
    user_id   bigint NOT NULL REFERENCES users (id),
    kind      text NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    delivery  text NOT NULL CHECK (delivery IN ('immediate', 'daily', 'weekly', 'off')),
    PRIMARY KEY (user_id, kind)
);

-- When a person's digests go: the hour (Europe/London) and, for weekly ones, the day (1 Monday .. 7 Sunday).
CREATE TABLE digest_schedules (
    user_id   bigint PRIMARY KEY REFERENCES users (id),
    hour      smallint NOT NULL DEFAULT 8 CHECK (hour BETWEEN 0 AND 23),
    weekday   smallint NOT NULL DEFAULT 1 CHECK (weekday BETWEEN 1 AND 7)
);

-- One row per digest sent: the unique key makes it exactly one per person per period, across instances.
CREATE TABLE digests (
    user_id       bigint NOT NULL REFERENCES users (id),
    period        text NOT NULL CHECK (period IN ('daily', 'weekly')),
    period_start  timestamptz NOT NULL,
    covered_from  timestamptz NOT NULL,
    outbox_id     bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, period, period_start)
);

-- The outbox is sent now. A row is one email: its parts, its headers, and where it is on its way.
ALTER TABLE outbox RENAME COLUMN body TO text_body;
ALTER TABLE outbox
    ADD COLUMN recipient_name  text NOT NULL DEFAULT '',
    ADD COLUMN html_body       text NOT NULL DEFAULT '',
    ADD COLUMN message_id      text,
    ADD COLUMN user_id         bigint REFERENCES users (id),
    ADD COLUMN reply_to        text,
    ADD COLUMN in_reply_to     text,
    ADD COLUMN list_unsubscribe text,
    ADD COLUMN status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    ADD COLUMN attempts        integer NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN last_error      text;
UPDATE outbox SET message_id = '<outbox-' || id || '.' || md5(random()::text) || '@pswnet>',
                  status = CASE WHEN sent_at IS NULL THEN 'queued' ELSE 'sent' END;
ALTER TABLE outbox ALTER COLUMN message_id SET NOT NULL, ADD CONSTRAINT outbox_message_id_key UNIQUE (message_id);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX outbox_status_idx ON outbox (status, id DESC);

-- What links in emails carry: a one-click unsubscribe from one kind (or from digests), or the address a reply by
-- email goes to, bound to its recipient and thread. Only the hash of a token is kept.
CREATE TABLE mail_tokens (
    token_hash   text PRIMARY KEY,
    purpose      text NOT NULL CHECK (purpose IN ('unsubscribe', 'reply')),
    user_id      bigint NOT NULL REFERENCES users (id),
    kind         text,
    subject_id   bigint,
    expires_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mail_tokens_expiry_idx ON mail_tokens (expires_at);

-- Identity publishes where to write to each person, for notifications alone.
CREATE VIEW mailboxes AS
SELECT u.id, u.email, u.display_name, u.disabled_at IS NULL AS active FROM users u;

-- Consultations publishes, for digests, the open consultations a person's authority is asked to answer, the state
-- of the response that counts for them (their organisation's, or their own for individual responses) and when
-- each closes.
CREATE FUNCTION open_consultations_for(person bigint)
RETURNS TABLE (id bigint, title text, closes_at timestamptz, response_state text)
LANGUAGE sql STABLE AS $$
    SELECT c.id, c.title, c.closes_at,
           coalesce((SELECT CASE WHEN bool_or(r.submitted_version IS NOT NULL) THEN 'submitted' ELSE 'draft' END
                     FROM consultation_responses r
                     WHERE r.consultation_id = c.id AND r.organisation_id = p.organisation_id
                       AND (c.response_scope = 'organisation' OR r.user_id = p.id)), 'not_started')
    FROM people p
    JOIN organisation_directory o ON o.id = p.organisation_id AND o.kind = 'local_authority'
    JOIN consultations c
      ON consultation_status(c.published_at, c.outcome_published_at, c.opens_at, c.closes_at) = 'open'
     AND (c.audience = 'both' OR p.sector IN (c.audience, 'both'))
    WHERE p.id = person AND p.active AND NOT (p.roles && ARRAY['csw_office', 'network_admin'])
    ORDER BY c.closes_at, c.id
$$;
