-- Signing in with a council's own identity provider (OpenID Connect). Network administrators add providers; each
-- may sign people in for the email domains and organisations listed with it. A Microsoft Entra ID provider serving
-- several councils ("multi-tenant") tells the councils apart by their tenant id, one per organisation.
CREATE TABLE identity_providers (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    issuer         text NOT NULL UNIQUE CHECK (length(issuer) BETWEEN 8 AND 500),
    client_id      text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 200),
    client_secret  text NOT NULL CHECK (length(client_secret) BETWEEN 1 AND 500),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- One provider per domain, so that an email address finds its council's sign-in.
CREATE TABLE identity_provider_domains (
    provider_id  bigint NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
    domain       text NOT NULL UNIQUE CHECK (domain = lower(domain) AND length(domain) BETWEEN 3 AND 253),
    PRIMARY KEY (provider_id, domain)
);

CREATE TABLE identity_provider_organisations (
    provider_id      bigint NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
    organisation_id  bigint NOT NULL REFERENCES organisations (id),
    tenant_id        text CHECK (length(tenant_id) BETWEEN 1 AND 100),
    PRIMARY KEY (provider_id, organisation_id),
    UNIQUE (provider_id, tenant_id)
);

-- A sign-in under way: the browser went to the provider and has 10 minutes to come back. Only hashes of the state
-- and of the browser's binding cookie are kept; the nonce and the PKCE verifier are single-use secrets.
CREATE TABLE single_sign_on_attempts (
    state_hash     text PRIMARY KEY,
    binding_hash   text NOT NULL,
    provider_id    bigint NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
    nonce          text NOT NULL,
    code_verifier  text NOT NULL,
    return_to      text NOT NULL,
    email          text NOT NULL, -- the address the person gave: a refusal is told to its account's administrators
    expires_at     timestamptz NOT NULL
);
CREATE INDEX single_sign_on_attempts_expiry_idx ON single_sign_on_attempts (expires_at);

-- Who a provider's subject is here, and when they last signed in with it. An account whose sign-ins stop
-- (--single-sign-on-lapse-days) or that the provider refused (refused_at, with the provider's error code) may belong
-- to a leaver: its organisation's administrators are shown it. A sign-in clears the refusal.
CREATE TABLE external_identities (
    provider_id        bigint NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
    subject            text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    user_id            bigint NOT NULL REFERENCES users (id),
    linked_at          timestamptz NOT NULL DEFAULT now(),
    last_signed_in_at  timestamptz NOT NULL DEFAULT now(),
    refused_at         timestamptz,
    refusal            text CHECK (length(refusal) <= 60),
    PRIMARY KEY (provider_id, subject)
);
CREATE INDEX external_identities_user_idx ON external_identities (user_id);

-- A first sign-in by someone with no account: their organisation's administrators approve or decline it.
CREATE TABLE access_requests (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider_id      bigint NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
    subject          text NOT NULL,
    organisation_id  bigint NOT NULL REFERENCES organisations (id),
    email            text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    display_name     text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    requested_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (provider_id, subject)
);
CREATE INDEX access_requests_organisation_idx ON access_requests (organisation_id, requested_at);

-- A session opened by a provider remembers it, so that signing out can end the provider's session too.
ALTER TABLE sessions ADD COLUMN identity_provider_id bigint REFERENCES identity_providers (id) ON DELETE SET NULL;

-- An organisation can refuse password sign-in for its people once a provider serves it.
ALTER TABLE organisation_sign_in_policies ADD COLUMN single_sign_on_required_since timestamptz;
