-- Event messages and reminder rules (issue 15). Only columns and a table
-- are added, so this applies on top of whatever other migrations add.

-- Files sent with a message (the conference's .ics with a confirmation):
-- a JSON array of {"filename", "content_type", "data" (base64)}; '' for none.
ALTER TABLE outbox ADD COLUMN attachments TEXT NOT NULL DEFAULT '';

-- The reminder rule: "reminder_days days before the first day, to
-- confirmed participants", on by default at 7 days. Bounded as the
-- settings form bounds it.
ALTER TABLE conference ADD COLUMN reminder_enabled INTEGER NOT NULL DEFAULT 1
    CHECK (reminder_enabled IN (0, 1));
ALTER TABLE conference ADD COLUMN reminder_days INTEGER NOT NULL DEFAULT 7
    CHECK (reminder_days BETWEEN 1 AND 365);

-- Which rule's reminder went to which registration: the primary key makes
-- each rule send at most once per registration, also when two runs race.
CREATE TABLE reminders_sent (
    registration_id INTEGER NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    rule            TEXT    NOT NULL,
    sent_at         TEXT    NOT NULL,
    PRIMARY KEY (registration_id, rule)
) WITHOUT ROWID;
