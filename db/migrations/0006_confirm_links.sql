-- E-mail confirmation, sign-in links, the personal calendar's own token and
-- optimistic concurrency on registrations. Only columns and tables are
-- added, so this applies on top of whatever other migrations add to
-- registrations.

-- Whether a public registration waits for its address to be confirmed. On
-- for every conference, existing ones included (the safe side); the demo
-- seed switches it off for a first look without a mail server.
ALTER TABLE conference ADD COLUMN confirm_email INTEGER NOT NULL DEFAULT 1 CHECK (confirm_email IN (0, 1));

-- The personal calendar's read-only token. Kept as is, not hashed: the
-- self-service page shows the address again on every visit, and what it
-- opens (the titles of the sessions chosen) is already in session_signups
-- for anyone holding a copy of the database.
ALTER TABLE registrations ADD COLUMN calendar_token TEXT;
UPDATE registrations SET calendar_token = lower(hex(randomblob(32)));
CREATE UNIQUE INDEX registrations_calendar_token ON registrations (calendar_token);

-- The row's version: every edit form carries the one it was loaded from,
-- and a save from an older version is refused. The trigger counts every
-- write to the row, whichever code path makes it.
ALTER TABLE registrations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TRIGGER registrations_version AFTER UPDATE ON registrations
    WHEN NEW.version = OLD.version
BEGIN
    UPDATE registrations SET version = OLD.version + 1 WHERE id = NEW.id;
END;

-- Links sent by e-mail that act only when their owner follows them:
-- 'register' confirms a new address and then registers the form kept here,
-- 'signin' gives an existing registration a new self-service link,
-- 'email_change' moves a registration to the new address it was sent to.
-- Only the token's SHA-256 is kept; each is used once and expires. The rows
-- also bound how often one address is mailed (see registration.MailInterval).
CREATE TABLE email_tokens (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conference_id   INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    purpose         TEXT    NOT NULL CHECK (purpose IN ('register', 'signin', 'email_change')),
    token_hash      BLOB    NOT NULL UNIQUE,
    email_key       TEXT    NOT NULL, -- lower(trim()) of the address the link was sent to
    registration_id INTEGER REFERENCES registrations (id) ON DELETE CASCADE, -- signin, email_change
    form_kind       TEXT    NOT NULL DEFAULT '', -- register: 'participant' or 'press'
    form            TEXT    NOT NULL DEFAULT '', -- register: the form as JSON; emptied once used
    new_email       TEXT    NOT NULL DEFAULT '', -- email_change: the address as typed
    created_at      TEXT    NOT NULL,
    expires_at      TEXT    NOT NULL,
    used_at         TEXT
);
CREATE INDEX email_tokens_address ON email_tokens (conference_id, email_key, created_at);
CREATE INDEX email_tokens_expiry ON email_tokens (expires_at);
