-- A consultation for both services takes one response from each of an authority's services: its children's PSWs
-- write one, its adults' PSWs another. service is NULL for a consultation of one service, and for individual
-- responses. Responses already given to a consultation for both services are its writer's service's (children's
-- when the writer works in both).
ALTER TABLE consultation_responses ADD COLUMN service text CHECK (service IN ('children', 'adults'));

UPDATE consultation_responses r
SET service = CASE WHEN u.sector = 'adults' THEN 'adults' ELSE 'children' END
FROM consultations c, users u
WHERE c.id = r.consultation_id AND u.id = r.updated_by AND c.audience = 'both' AND r.user_id IS NULL;

-- The old key's name was made up by PostgreSQL (and shortened to 63 characters): find it.
DO $$
DECLARE
    old_key text;
BEGIN
    SELECT conname INTO STRICT old_key FROM pg_constraint
    WHERE conrelid = 'consultation_responses'::regclass AND contype = 'u';
    EXECUTE format('ALTER TABLE consultation_responses DROP CONSTRAINT %I', old_key);
END $$;

ALTER TABLE consultation_responses
    ADD CONSTRAINT consultation_responses_respondent_key
        UNIQUE NULLS NOT DISTINCT (consultation_id, organisation_id, user_id, service);
