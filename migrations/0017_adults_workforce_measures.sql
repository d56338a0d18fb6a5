-- Adults' social work workforce measures, for the adults' PSWs' benchmarking. There is no national collection like
-- the DfE's for children's services: network administrators import figures in the long format (for example from
-- Skills for Care's local authority workforce data), or authorities enter their own as local submissions. None is
-- an official statistic, and none is ever compared with the DfE's children's statistical-neighbour model.
INSERT INTO benchmark_metrics (key, name, unit, sector, polarity, official, position, source, definition) VALUES
('adults_sw_vacancy_rate', 'Social worker vacancy rate (adults)', 'percent', 'adults', 'lower_is_better', false, 101,
 'Skills for Care local authority workforce data, or the authority''s own figure',
 'Vacant social worker posts as a percentage of all social worker posts, filled and vacant, in the authority''s '
 'adult social care services.'),
('adults_sw_turnover_rate', 'Social worker turnover rate (adults)', 'percent', 'adults', 'lower_is_better', false, 102,
 'Skills for Care local authority workforce data, or the authority''s own figure',
 'Social workers who left the authority''s adult social care services in the last 12 months, as a percentage of the '
 'social workers it employs.'),
('adults_sw_sickness_days', 'Days lost to sickness per social worker (adults)', 'days', 'adults', 'lower_is_better',
 false, 103,
 'Skills for Care local authority workforce data, or the authority''s own figure',
 'Working days lost to sickness in the last 12 months, per social worker employed in the authority''s adult social '
 'care services.'),
('adults_sw_agency_rate', 'Agency social worker rate (adults)', 'percent', 'adults', 'lower_is_better', false, 104,
 'The authority''s own figure',
 'Agency social workers as a percentage of all social workers, employed and agency, working in the authority''s '
 'adult social care services.'),
('adults_sw_caseload', 'Average caseload (adults)', 'cases_per_fte', 'adults', 'lower_is_better', false, 105,
 'The authority''s own figure',
 'Open cases allocated to social workers, divided by the full-time equivalent of case-holding social workers in the '
 'authority''s adult social care services.');
