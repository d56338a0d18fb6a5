-- Who is who at each organisation: a member may choose to be listed on its page (opt-in), and says whether they are
-- its Principal Social Worker, for children's services, adults' services or both, so that a post nobody holds shows
-- as vacant.

ALTER TABLE users
    ADD COLUMN listed                  boolean NOT NULL DEFAULT false,
    ADD COLUMN principal_social_worker text NOT NULL DEFAULT 'no'
        CHECK (principal_social_worker IN ('no', 'children', 'adults', 'both'));
CREATE INDEX users_listed_idx ON users (organisation_id) WHERE listed AND disabled_at IS NULL;
