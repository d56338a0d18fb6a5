-- Two-factor sign-in for password accounts: a TOTP authenticator (RFC 6238) and single-use recovery codes.
-- A secret is pending until the person proves their app has it by entering a code; last_used_step keeps any code
-- from being accepted twice (RFC 6238, section 5.2).
CREATE TABLE two_factor_authenticators (
    user_id         bigint PRIMARY KEY REFERENCES users (id),
    secret          bytea NOT NULL CHECK (length(secret) = 20),
    confirmed_at    timestamptz,
    last_used_step  bigint NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Only hashes are kept; a code is spent when used_at is set.
CREATE TABLE two_factor_recovery_codes (
    user_id    bigint NOT NULL REFERENCES users (id),
    code_hash  text NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

-- When the service started to require two-factor of the roles that need it: accounts older than this have their
-- grace period from then, not from their creation.
CREATE TABLE two_factor_rollout (
    started_at  timestamptz NOT NULL
);
INSERT INTO two_factor_rollout (started_at) VALUES (now());

-- How an organisation's people must sign in: set by its administrators. Two-factor becomes required for them from
-- two_factor_required_since; each person has the grace period (--two-factor-grace-days) from then, or from when
-- their account was created, to set it up.
CREATE TABLE organisation_sign_in_policies (
    organisation_id            bigint PRIMARY KEY REFERENCES organisations (id),
    two_factor_required_since  timestamptz,
    updated_at                 timestamptz NOT NULL DEFAULT now()
);
