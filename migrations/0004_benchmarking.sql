-- Workforce benchmarking: the metric catalogue, official figures imported from the DfE (and long-format files),
-- the published England, region and Inner/Outer London figures, imports with their reports, and authorities' own
-- local submissions with every revision kept.

CREATE TABLE benchmark_metrics (
    key         text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{1,62}$'),
    name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 120),
    unit        text NOT NULL CHECK (unit IN ('count', 'fte', 'percent', 'cases_per_fte', 'days')),
    sector      text NOT NULL CHECK (sector IN ('children', 'adults', 'both')),
    polarity    text NOT NULL CHECK (polarity IN ('lower_is_better', 'higher_is_better', 'neutral')),
    definition  text NOT NULL CHECK (length(definition) BETWEEN 1 AND 1000),
    source      text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
    official    boolean NOT NULL DEFAULT false, -- a column of the DfE workforce file
    position    integer NOT NULL,
    created_by  bigint REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE benchmark_imports (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    format       text NOT NULL CHECK (format IN ('dfe_csww', 'long')),
    filename     text CHECK (length(filename) <= 255),
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    status       text NOT NULL CHECK (status IN ('imported', 'unchanged')),
    report       jsonb NOT NULL,
    imported_by  bigint REFERENCES users (id), -- NULL when imported from the command line
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX benchmark_imports_created_idx ON benchmark_imports (id DESC);

-- A figure is a value or a suppression symbol with its reason, never both, never neither.
CREATE TABLE benchmark_values (
    metric_key       text NOT NULL REFERENCES benchmark_metrics (key),
    period           text NOT NULL CHECK (period ~ '^[0-9]{4}(-Q[1-4])?$'),
    organisation_id  bigint NOT NULL REFERENCES organisations (id),
    value            double precision,
    suppression      text CHECK (suppression IN ('c', 'u', 'x', 'z', 'low')),
    source           text NOT NULL CHECK (source IN ('dfe', 'import')),
    joint_with       text, -- the joint return's name, e.g. 'Kingston upon Thames / Richmond upon Thames'
    import_id        bigint NOT NULL REFERENCES benchmark_imports (id),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (metric_key, period, organisation_id),
    CHECK ((value IS NULL) <> (suppression IS NULL))
);
CREATE INDEX benchmark_values_organisation_idx ON benchmark_values (organisation_id, metric_key, period);

-- England (E92), regions (E12) and Inner/Outer London (E13) as the DfE publishes them.
CREATE TABLE benchmark_reference_values (
    metric_key   text NOT NULL REFERENCES benchmark_metrics (key),
    period       text NOT NULL CHECK (period ~ '^[0-9]{4}(-Q[1-4])?$'),
    area_code    text NOT NULL CHECK (area_code ~ '^E(92|12|13)[0-9]{6}$'),
    area_name    text NOT NULL,
    value        double precision,
    suppression  text CHECK (suppression IN ('c', 'u', 'x', 'z', 'low')),
    import_id    bigint NOT NULL REFERENCES benchmark_imports (id),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (metric_key, period, area_code),
    CHECK ((value IS NULL) <> (suppression IS NULL))
);

CREATE TABLE local_submissions (
    organisation_id  bigint NOT NULL REFERENCES organisations (id),
    period           text NOT NULL CHECK (period ~ '^[0-9]{4}(-Q[1-4])?$'),
    status           text NOT NULL CHECK (status IN ('draft', 'shared')),
    revision         integer NOT NULL CHECK (revision >= 1),
    updated_by       bigint NOT NULL REFERENCES users (id),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_id, period)
);

CREATE TABLE local_submission_values (
    organisation_id  bigint NOT NULL,
    period           text NOT NULL,
    metric_key       text NOT NULL REFERENCES benchmark_metrics (key),
    value            double precision NOT NULL,
    PRIMARY KEY (organisation_id, period, metric_key),
    FOREIGN KEY (organisation_id, period) REFERENCES local_submissions (organisation_id, period) ON DELETE CASCADE
);
CREATE INDEX local_submission_values_metric_idx ON local_submission_values (metric_key, period);

CREATE TABLE local_submission_revisions (
    organisation_id  bigint NOT NULL,
    period           text NOT NULL,
    revision         integer NOT NULL,
    status           text NOT NULL CHECK (status IN ('draft', 'shared')),
    figures          jsonb NOT NULL,
    changed_by       bigint NOT NULL REFERENCES users (id),
    changed_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_id, period, revision),
    FOREIGN KEY (organisation_id, period) REFERENCES local_submissions (organisation_id, period)
);

-- What comparisons read: official figures, and shared local figures where no official one exists.
CREATE VIEW benchmark_figures AS
SELECT v.metric_key, v.period, v.organisation_id, v.value, v.suppression, v.source, v.joint_with
FROM benchmark_values v
UNION ALL
SELECT lv.metric_key, lv.period, lv.organisation_id, lv.value, NULL, 'local', NULL
FROM local_submission_values lv
JOIN local_submissions ls ON ls.organisation_id = lv.organisation_id AND ls.period = lv.period
WHERE ls.status = 'shared'
  AND NOT EXISTS (SELECT 1 FROM benchmark_values v
                  WHERE v.metric_key = lv.metric_key AND v.period = lv.period
                    AND v.organisation_id = lv.organisation_id);

-- The DfE children's social work workforce indicators (reporting year, as at 30 September).
INSERT INTO benchmark_metrics (key, name, unit, sector, polarity, official, position, source, definition) VALUES
('inpost_fte', 'Social workers in post (FTE)', 'fte', 'children', 'neutral', true, 1,
 'DfE children''s social work workforce',
 'Full-time equivalent children''s social workers employed by the authority (not agency) on 30 September.'),
('inpost_headcount', 'Social workers in post (headcount)', 'count', 'children', 'neutral', true, 2,
 'DfE children''s social work workforce',
 'Number of children''s social workers employed by the authority (not agency) on 30 September.'),
('starters_fte', 'Starters (FTE)', 'fte', 'children', 'neutral', true, 3,
 'DfE children''s social work workforce',
 'Full-time equivalent social workers who joined the authority in the year to 30 September.'),
('starters_headcount', 'Starters (headcount)', 'count', 'children', 'neutral', true, 4,
 'DfE children''s social work workforce',
 'Number of social workers who joined the authority in the year to 30 September.'),
('leavers_fte', 'Leavers (FTE)', 'fte', 'children', 'neutral', true, 5,
 'DfE children''s social work workforce',
 'Full-time equivalent social workers who left the authority in the year to 30 September.'),
('leavers_headcount', 'Leavers (headcount)', 'count', 'children', 'neutral', true, 6,
 'DfE children''s social work workforce',
 'Number of social workers who left the authority in the year to 30 September.'),
('turnover_rate_fte', 'Turnover rate (FTE)', 'percent', 'children', 'lower_is_better', true, 7,
 'DfE children''s social work workforce',
 'Leavers in the year as a percentage of social workers in post on 30 September, by full-time equivalent.'),
('turnover_rate_headcount', 'Turnover rate (headcount)', 'percent', 'children', 'lower_is_better', true, 8,
 'DfE children''s social work workforce',
 'Leavers in the year as a percentage of social workers in post on 30 September, by headcount.'),
('agency_fte', 'Agency social workers (FTE)', 'fte', 'children', 'neutral', true, 9,
 'DfE children''s social work workforce',
 'Full-time equivalent agency social workers working for the authority on 30 September.'),
('agency_headcount', 'Agency social workers (headcount)', 'count', 'children', 'neutral', true, 10,
 'DfE children''s social work workforce',
 'Number of agency social workers working for the authority on 30 September.'),
('agency_rate_fte', 'Agency worker rate (FTE)', 'percent', 'children', 'lower_is_better', true, 11,
 'DfE children''s social work workforce',
 'Agency social workers as a percentage of all social workers (employed plus agency), by full-time equivalent.'),
('agency_rate_headcount', 'Agency worker rate (headcount)', 'percent', 'children', 'lower_is_better', true, 12,
 'DfE children''s social work workforce',
 'Agency social workers as a percentage of all social workers (employed plus agency), by headcount.'),
('agency_cover_fte', 'Agency workers covering vacancies (FTE)', 'fte', 'children', 'neutral', true, 13,
 'DfE children''s social work workforce',
 'Full-time equivalent agency social workers who were covering a vacant post on 30 September.'),
('agency_cover_rate_fte', 'Agency workers covering vacancies (% of agency)', 'percent', 'children', 'neutral',
 true, 14, 'DfE children''s social work workforce',
 'Agency social workers covering a vacancy as a percentage of all agency social workers, by full-time equivalent.'),
('vacancy_fte', 'Vacancies (FTE)', 'fte', 'children', 'neutral', true, 15,
 'DfE children''s social work workforce',
 'Full-time equivalent social worker posts that were vacant on 30 September.'),
('vacancy_rate_fte', 'Vacancy rate (FTE)', 'percent', 'children', 'lower_is_better', true, 16,
 'DfE children''s social work workforce',
 'Vacant posts as a percentage of all posts (vacancies plus social workers in post), by full-time equivalent.'),
('vacancy_agency_cover_rate_fte', 'Vacancies covered by agency workers', 'percent', 'children', 'neutral', true, 17,
 'DfE children''s social work workforce',
 'Vacant posts covered by an agency social worker as a percentage of all vacant posts, by full-time equivalent.'),
('case_holders_fte', 'Case-holding social workers (FTE)', 'fte', 'children', 'neutral', true, 18,
 'DfE children''s social work workforce',
 'Full-time equivalent social workers (employed and agency) who held one or more cases on 30 September.'),
('cases', 'Cases held', 'count', 'children', 'neutral', true, 19,
 'DfE children''s social work workforce',
 'Number of cases held by the authority''s case-holding social workers on 30 September.'),
('caseload_fte', 'Average caseload', 'cases_per_fte', 'children', 'lower_is_better', true, 20,
 'DfE children''s social work workforce',
 'Cases held divided by the full-time equivalent of case-holding social workers on 30 September.'),
('working_days_lost_fte', 'Working days lost to sickness', 'days', 'children', 'neutral', true, 21,
 'DfE children''s social work workforce',
 'Working days lost to sickness absence by employed social workers in the year, by full-time equivalent.'),
('absence_rate_fte', 'Sickness absence rate', 'percent', 'children', 'lower_is_better', true, 22,
 'DfE children''s social work workforce',
 'Working days lost to sickness as a percentage of the working days available to employed social workers.');
