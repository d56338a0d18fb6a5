-- The caseload health check: per period and service, how many case-holding social workers an authority has in each
-- caseload band, and its local cap. Counts only, never people: the DfE's average caseload alone hides the workers
-- above a cap. Comparisons read shared returns; a draft is its organisation's alone.
CREATE TABLE caseload_returns (
    organisation_id  bigint NOT NULL REFERENCES organisations (id),
    period           text NOT NULL CHECK (period ~ '^[0-9]{4}(-Q[1-4])?$'),
    service          text NOT NULL CHECK (service IN ('children', 'adults')),
    cap              integer NOT NULL CHECK (cap IN (12, 15, 18, 22)),
    up_to_12         integer NOT NULL CHECK (up_to_12 BETWEEN 0 AND 100000),
    from_13_to_15    integer NOT NULL CHECK (from_13_to_15 BETWEEN 0 AND 100000),
    from_16_to_18    integer NOT NULL CHECK (from_16_to_18 BETWEEN 0 AND 100000),
    from_19_to_22    integer NOT NULL CHECK (from_19_to_22 BETWEEN 0 AND 100000),
    over_22          integer NOT NULL CHECK (over_22 BETWEEN 0 AND 100000),
    status           text NOT NULL CHECK (status IN ('draft', 'shared')),
    updated_by       bigint REFERENCES users (id) ON DELETE SET NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_id, period, service),
    CHECK (up_to_12 + from_13_to_15 + from_16_to_18 + from_19_to_22 + over_22 > 0)
);
CREATE INDEX caseload_returns_period_idx ON caseload_returns (period, service) WHERE status = 'shared';
