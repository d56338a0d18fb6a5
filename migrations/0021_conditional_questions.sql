-- Conditional questions: a question may be asked only when an earlier single-choice, multiple-choice or yes/no
-- question was answered a given way. The analysis counts only the responses that were asked it.
ALTER TABLE consultation_questions
    ADD COLUMN shown_when_key text CHECK (shown_when_key ~ '^[a-z][a-z0-9_]{0,39}$'),
    ADD COLUMN shown_when_answer text CHECK (length(shown_when_answer) BETWEEN 1 AND 200),
    ADD CHECK ((shown_when_key IS NULL) = (shown_when_answer IS NULL));
