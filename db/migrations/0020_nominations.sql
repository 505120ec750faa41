-- Focal points and nominations (issue 16). Governments come to a meeting
-- like this one through a focal point per country (a ministry or a
-- permanent mission), who nominates the country's delegates; each nominee
-- completes their own registration from a private link.

-- 'open': anyone registers on the public form (as before); 'invitation':
-- only nomination links register (press accreditation stays open);
-- 'both': either way.
ALTER TABLE conference ADD COLUMN registration_mode TEXT NOT NULL DEFAULT 'open'
    CHECK (registration_mode IN ('open', 'invitation', 'both'));

-- A country's focal point. The nomination link's token is 256 bits; only
-- its SHA-256 is kept, as for the self-service link. A removed focal point
-- keeps its row (its nominations name it) and its link opens nothing.
CREATE TABLE focal_points (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    country       TEXT NOT NULL CHECK (length(country) = 2),
    name          TEXT NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    organisation  TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL,
    language      TEXT NOT NULL DEFAULT 'en',
    token_hash    BLOB NOT NULL UNIQUE,
    created_at    TEXT NOT NULL,
    removed_at    TEXT
);
CREATE INDEX focal_points_country ON focal_points (conference_id, country);

-- A delegate nominated by a focal point. The nominee's own registration
-- link (token hashed) opens the registration form pre-filled and tied to
-- the country; registration_id is set once they registered. A withdrawn
-- nomination frees its place and its link opens nothing.
CREATE TABLE nominations (
    id                 INTEGER PRIMARY KEY,
    conference_id      INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    focal_point_id     INTEGER NOT NULL REFERENCES focal_points (id),
    country            TEXT NOT NULL CHECK (length(country) = 2),
    first_name         TEXT NOT NULL,
    last_name          TEXT NOT NULL,
    email              TEXT NOT NULL,
    email_key          TEXT NOT NULL, -- lower(trim(email))
    job_title          TEXT NOT NULL DEFAULT '',
    organisation       TEXT NOT NULL DEFAULT '',
    head_of_delegation INTEGER NOT NULL DEFAULT 0 CHECK (head_of_delegation IN (0, 1)),
    token_hash         BLOB NOT NULL UNIQUE,
    registration_id    INTEGER UNIQUE REFERENCES registrations (id) ON DELETE SET NULL,
    created_at         TEXT NOT NULL,
    withdrawn_at       TEXT
);
CREATE INDEX nominations_country ON nominations (conference_id, country);
-- One open nomination per address.
CREATE UNIQUE INDEX nominations_email ON nominations (conference_id, email_key) WHERE withdrawn_at IS NULL;

-- Official nomination letters (Notes Verbales): PDF only, stored on disk
-- under a generated name beside the press files, its SHA-256 kept. One
-- per delegation (nomination_id NULL) or per nominee.
CREATE TABLE nomination_documents (
    id             INTEGER PRIMARY KEY,
    conference_id  INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    country        TEXT NOT NULL CHECK (length(country) = 2),
    focal_point_id INTEGER NOT NULL REFERENCES focal_points (id),
    nomination_id  INTEGER REFERENCES nominations (id),
    stored_name    TEXT NOT NULL UNIQUE,
    original_name  TEXT NOT NULL,
    size           INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    uploaded_at    TEXT NOT NULL
);
CREATE INDEX nomination_documents_country ON nomination_documents (conference_id, country);
