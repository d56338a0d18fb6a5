-- Organisation administrators are told when someone who signed in with their council account asks to join: the
-- notification is about the request, and is taken back once the request is approved or declined.
ALTER TABLE notifications
    DROP CONSTRAINT notifications_subject_type_check,
    ADD CONSTRAINT notifications_subject_type_check
        CHECK (subject_type IN ('thread', 'consultation', 'resource', 'account', 'access_request'));
