-- Announcements (issue 15): a message organisers write to a group of
-- registrants chosen with the registrations desk's filters. The row is
-- written when the message is sent or scheduled; idempotency_key is the
-- form's hidden key, so posting the same form twice stores (and queues)
-- it once. filter is the desk's query string; translations is JSON
-- {"es": {"subject": "...", "body": "..."}, ...}. recipients is the count
-- when the messages were queued (0 while scheduled).
CREATE TABLE announcements (
    id              INTEGER PRIMARY KEY,
    conference_id   INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    idempotency_key TEXT    NOT NULL UNIQUE CHECK (idempotency_key <> ''),
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    translations    TEXT    NOT NULL DEFAULT '{}',
    filter          TEXT    NOT NULL DEFAULT '',
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_by_email TEXT   NOT NULL DEFAULT '',
    created_at      TEXT    NOT NULL,
    send_at         TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('scheduled', 'sent', 'cancelled')),
    sent_at         TEXT,
    cancelled_at    TEXT,
    recipients      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX announcements_due ON announcements (state, send_at);

-- Which announcement an outbox message carries, for the delivered /
-- failed / waiting counts of the list.
ALTER TABLE outbox ADD COLUMN announcement_id INTEGER REFERENCES announcements (id) ON DELETE SET NULL;
CREATE INDEX outbox_announcement ON outbox (announcement_id) WHERE announcement_id IS NOT NULL;
