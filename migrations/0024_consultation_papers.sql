-- Consultation papers: the library resources (network-wide ones, so that the whole audience may read them) that an
-- office attaches to a consultation, in order. An upload is attached by adding it to the library first.
CREATE TABLE consultation_papers (
    consultation_id  bigint NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    position         integer NOT NULL CHECK (position BETWEEN 1 AND 10),
    resource_id      bigint NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    PRIMARY KEY (consultation_id, resource_id),
    UNIQUE (consultation_id, position)
);
