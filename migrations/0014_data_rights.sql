-- Data rights (UK GDPR): a person may delete their account. Its personal data is removed, but the network's record
-- stays readable: the account row remains, named "A former member of <organisation>", so that posts and resources
-- keep an author. erased_at marks it, so that nobody can enable it again.
ALTER TABLE users ADD COLUMN erased_at timestamptz;
ALTER TABLE users ADD CONSTRAINT users_erased_disabled_check CHECK (erased_at IS NULL OR disabled_at IS NOT NULL);

-- The audit log keeps an entry for --audit-retention-days; housekeeping removes older ones in batches, oldest first.
CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at);
