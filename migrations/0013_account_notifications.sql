-- Notices about a person's own account (their password or address changed, a new device signed in) show in the app
-- as well as by email: a notification may now be about an account, the person's own.
ALTER TABLE notifications
    DROP CONSTRAINT notifications_subject_type_check,
    ADD CONSTRAINT notifications_subject_type_check
        CHECK (subject_type IN ('thread', 'consultation', 'resource', 'account'));
