-- Organisation administrators are told when someone who signed in with their council account asks to join: the
-- notification is about the organisation.
ALTER TABLE notifications
    DROP CONSTRAINT notifications_subject_type_check,
    ADD CONSTRAINT notifications_subject_type_check
        CHECK (subject_type IN ('thread', 'consultation', 'resource', 'account', 'organisation'));
