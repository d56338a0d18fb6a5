-- Accounts people manage themselves: a profile (job title and what to ask them about), links that reset a
-- forgotten password or confirm a new email address (stored as hashes, single use), and the device each session
-- signed in from, so that a sign-in from a new one can be told to the account's owner.

ALTER TABLE users
    ADD COLUMN job_title    text NOT NULL DEFAULT '' CHECK (length(job_title) <= 100),
    ADD COLUMN ask_me_about text NOT NULL DEFAULT '' CHECK (length(ask_me_about) <= 300);

-- One row per link sent. A new link of the same purpose ends the person's older ones.
CREATE TABLE account_tokens (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash  text NOT NULL UNIQUE,
    purpose     text NOT NULL CHECK (purpose IN ('password_reset', 'email_change')),
    user_id     bigint NOT NULL REFERENCES users (id),
    new_email   text CHECK (new_email = lower(new_email)),
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    CHECK ((purpose = 'email_change') = (new_email IS NOT NULL))
);
CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose, created_at);

-- The hash of a long-lived, HttpOnly device cookie: a browser that signed in before is known again.
ALTER TABLE sessions ADD COLUMN device_hash text;
CREATE INDEX sessions_device_idx ON sessions (user_id, device_hash);
CREATE INDEX sessions_user_recent_idx ON sessions (user_id, last_seen_at DESC) WHERE revoked_at IS NULL;
