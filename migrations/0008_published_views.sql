-- What the directory publishes to the other capabilities. They read organisations, regions and statistical
-- neighbours through these views only (backend/table_owners.txt; infra/tools/check-table-ownership), so the
-- directory can change its tables without breaking them.

-- Every organisation with its region's name.
CREATE VIEW organisation_directory AS
SELECT o.id, o.kind, o.name, o.code, o.dfe_la_code, o.la_type, o.region_code, r.name AS region_name,
       o.london_subregion, o.in_sn_model
FROM organisations o LEFT JOIN regions r ON r.code = o.region_code;

-- The nine England regions.
CREATE VIEW region_directory AS
SELECT code, name FROM regions;

-- Each local authority's ten statistical neighbours, ranked 1 (closest) to 10, as the DfE model gives them.
CREATE VIEW neighbour_links AS
SELECT organisation_id, neighbour_id, rank, closeness FROM statistical_neighbours;
