-- Other employers of PSWs beside local authorities: NHS trusts to which social work is delegated, children's trusts
-- and community interest companies. Network administrators add them; they answer consultations. An employer may
-- run an authority's children's or adults' services (or both) for one or more local authorities.
ALTER TABLE organisations
    DROP CONSTRAINT organisations_kind_check,
    ADD CONSTRAINT organisations_kind_check CHECK (kind IN ('local_authority', 'csw_office', 'nhs_trust',
                                                            'childrens_trust', 'community_interest_company', 'other')),
    ADD COLUMN services text CHECK (services IN ('children', 'adults', 'both'));

CREATE TABLE organisation_delegations (
    employer_id         bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    local_authority_id  bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (employer_id, local_authority_id),
    CHECK (employer_id <> local_authority_id)
);
CREATE INDEX organisation_delegations_authority_idx ON organisation_delegations (local_authority_id);

CREATE OR REPLACE VIEW organisation_directory AS
SELECT o.id, o.kind, o.name, o.code, o.dfe_la_code, o.la_type, o.region_code, r.name AS region_name,
       o.london_subregion, o.in_sn_model, o.services
FROM organisations o LEFT JOIN regions r ON r.code = o.region_code;
