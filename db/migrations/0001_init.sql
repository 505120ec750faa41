-- The schema for the whole mission: later migrations add to it, they do not
-- rewrite it. Instants are stored as UTC text in RFC 3339 with a Z suffix
-- (strftime('%Y-%m-%dT%H:%M:%fZ')); calendar dates as YYYY-MM-DD.

CREATE TABLE conference (
    id                     INTEGER PRIMARY KEY,
    slug                   TEXT    NOT NULL UNIQUE,
    name                   TEXT    NOT NULL,
    short_name             TEXT    NOT NULL,
    tagline                TEXT    NOT NULL DEFAULT '',
    description            TEXT    NOT NULL DEFAULT '',
    aim                    TEXT    NOT NULL DEFAULT '',
    organiser              TEXT    NOT NULL DEFAULT '',
    supporter              TEXT    NOT NULL DEFAULT '',
    programme              TEXT    NOT NULL DEFAULT '',
    venue                  TEXT    NOT NULL DEFAULT '',
    venue_address          TEXT    NOT NULL DEFAULT '',
    city                   TEXT    NOT NULL DEFAULT '',
    timezone               TEXT    NOT NULL DEFAULT 'UTC',
    start_date             TEXT    NOT NULL CHECK (date(start_date) = start_date),
    end_date               TEXT    NOT NULL CHECK (date(end_date) = end_date),
    capacity               INTEGER NOT NULL CHECK (capacity >= 0),
    moderation             INTEGER NOT NULL DEFAULT 0 CHECK (moderation IN (0, 1)),
    registration_opens     TEXT,
    registration_closes    TEXT,
    letter_signatory_name  TEXT    NOT NULL DEFAULT '',
    letter_signatory_title TEXT    NOT NULL DEFAULT '',
    letter_costs           TEXT    NOT NULL DEFAULT '',
    created_at             TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL,
    CHECK (end_date >= start_date)
);

-- Key figures for the home page and the press fact sheet, editable in settings.
CREATE TABLE figures (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL DEFAULT 0,
    value         TEXT    NOT NULL,
    label         TEXT    NOT NULL
);
CREATE INDEX figures_conference ON figures (conference_id, position);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT    NOT NULL DEFAULT '',
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'organiser', 'checkin', 'press_officer')),
    password_hash TEXT    NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    last_login_at TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

-- Server-side web sessions (fiber.Storage). The key is the SHA-256 of the
-- cookie's value, so a copy of the database does not hold live session ids.
CREATE TABLE web_sessions (
    key        TEXT    PRIMARY KEY,
    data       BLOB    NOT NULL,
    expires_at INTEGER NOT NULL DEFAULT 0 -- Unix seconds; 0 never expires
) WITHOUT ROWID;
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);

CREATE TABLE registrations (
    id                  INTEGER PRIMARY KEY,
    conference_id       INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    reference           TEXT    NOT NULL UNIQUE,
    manage_token_hash   BLOB    NOT NULL UNIQUE, -- SHA-256 of the self-service token
    checkin_code        TEXT    NOT NULL UNIQUE,
    status              TEXT    NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected', 'waitlisted', 'cancelled')),
    category            TEXT    NOT NULL DEFAULT 'participant'
                                CHECK (category IN ('participant', 'speaker', 'press', 'organiser', 'staff')),
    first_name          TEXT    NOT NULL,
    last_name           TEXT    NOT NULL,
    badge_name          TEXT    NOT NULL DEFAULT '',
    email               TEXT    NOT NULL,
    email_key           TEXT    NOT NULL, -- lower(trim(email)): the uniqueness key
    phone               TEXT    NOT NULL DEFAULT '',
    country             TEXT    NOT NULL CHECK (length(country) = 2),
    organisation        TEXT    NOT NULL,
    org_type            TEXT    NOT NULL CHECK (org_type IN ('government', 'ngo', 'regional_institution',
                                   'international_agency', 'academia', 'media', 'other')),
    job_title           TEXT    NOT NULL DEFAULT '',
    dietary             TEXT    NOT NULL DEFAULT '',
    accessibility       TEXT    NOT NULL DEFAULT '',
    visa_letter         INTEGER NOT NULL DEFAULT 0 CHECK (visa_letter IN (0, 1)),
    passport_name       TEXT    NOT NULL DEFAULT '',
    nationality         TEXT    NOT NULL DEFAULT '',
    passport_number     TEXT    NOT NULL DEFAULT '',
    passport_expiry     TEXT    NOT NULL DEFAULT '',
    date_of_birth       TEXT    NOT NULL DEFAULT '',
    letter_approved_at  TEXT,
    passport_purged_at  TEXT,
    list_consent        INTEGER NOT NULL DEFAULT 0 CHECK (list_consent IN (0, 1)),
    outlet              TEXT    NOT NULL DEFAULT '',
    media_type          TEXT    NOT NULL DEFAULT '',
    press_card          TEXT    NOT NULL DEFAULT '',
    head_of_delegation  INTEGER NOT NULL DEFAULT 0 CHECK (head_of_delegation IN (0, 1)),
    rejection_reason    TEXT    NOT NULL DEFAULT '',
    waitlisted_at       TEXT,    -- set while waitlisted: the queue order
    badge_printed_at    TEXT,
    consent_at          TEXT    NOT NULL,
    cancelled_at        TEXT,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    UNIQUE (conference_id, email_key)
);
CREATE INDEX registrations_status ON registrations (conference_id, status);
CREATE INDEX registrations_waitlist ON registrations (conference_id, waitlisted_at) WHERE status = 'waitlisted';
CREATE INDEX registrations_country ON registrations (conference_id, country);
CREATE INDEX registrations_last_name ON registrations (conference_id, last_name COLLATE NOCASE);
CREATE INDEX registrations_created ON registrations (conference_id, created_at);

CREATE TABLE tracks (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    slug          TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    colour        TEXT    NOT NULL CHECK (colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    description   TEXT    NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (conference_id, slug)
);

CREATE TABLE rooms (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    capacity      INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
    position      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (conference_id, name)
);

CREATE TABLE speakers (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    title         TEXT    NOT NULL DEFAULT '',
    organisation  TEXT    NOT NULL DEFAULT '',
    country       TEXT    NOT NULL DEFAULT '',
    bio           TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX speakers_conference ON speakers (conference_id, name);

CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    track_id      INTEGER REFERENCES tracks (id) ON DELETE SET NULL,
    room_id       INTEGER REFERENCES rooms (id) ON DELETE SET NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('plenary', 'panel', 'workshop', 'break', 'reception')),
    title         TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    starts_at     TEXT    NOT NULL,
    ends_at       TEXT    NOT NULL,
    capacity      INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
    published     INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX sessions_time ON sessions (conference_id, starts_at);
CREATE INDEX sessions_room ON sessions (room_id, starts_at);

CREATE TABLE session_speakers (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
    role       TEXT    NOT NULL DEFAULT 'speaker' CHECK (role IN ('speaker', 'moderator', 'chair')),
    position   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, speaker_id)
) WITHOUT ROWID;
CREATE INDEX session_speakers_speaker ON session_speakers (speaker_id);

-- A participant's personal agenda; workshops with a capacity fill first come, first served.
CREATE TABLE session_signups (
    session_id      INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    registration_id INTEGER NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    created_at      TEXT    NOT NULL,
    PRIMARY KEY (session_id, registration_id)
) WITHOUT ROWID;
CREATE INDEX session_signups_registration ON session_signups (registration_id);

-- Arrivals at the door (session_id NULL) and attendance at sessions.
CREATE TABLE checkins (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    session_id      INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
    checked_in_at   TEXT    NOT NULL,
    checked_in_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    undone_at       TEXT,
    undone_by       INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX checkins_registration ON checkins (registration_id, session_id);
CREATE INDEX checkins_session ON checkins (session_id);

CREATE TABLE press_releases (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    slug          TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    dateline      TEXT    NOT NULL DEFAULT '',
    release_date  TEXT    NOT NULL CHECK (date(release_date) = release_date),
    summary       TEXT    NOT NULL DEFAULT '',
    body          TEXT    NOT NULL DEFAULT '', -- Markdown
    published     INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    UNIQUE (conference_id, slug)
);

CREATE TABLE press_files (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    title         TEXT    NOT NULL,
    original_name TEXT    NOT NULL,
    stored_name   TEXT    NOT NULL UNIQUE, -- generated; never the uploader's name
    content_type  TEXT    NOT NULL,
    size          INTEGER NOT NULL CHECK (size >= 0),
    sha256        TEXT    NOT NULL,
    caption       TEXT    NOT NULL DEFAULT '',
    credit        TEXT    NOT NULL DEFAULT '',
    description   TEXT    NOT NULL DEFAULT '',
    published     INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

CREATE TABLE media_contacts (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL DEFAULT '',
    organisation  TEXT    NOT NULL DEFAULT '',
    phone         TEXT    NOT NULL DEFAULT '',
    mobile        TEXT    NOT NULL DEFAULT '',
    email         TEXT    NOT NULL DEFAULT '',
    languages     TEXT    NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0
);

-- One row per download of the media kit or a press file; no IP address is kept.
CREATE TABLE downloads (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    item          TEXT    NOT NULL CHECK (item IN ('kit', 'file')),
    press_file_id INTEGER REFERENCES press_files (id) ON DELETE SET NULL,
    downloaded_at TEXT    NOT NULL
);
CREATE INDEX downloads_item ON downloads (conference_id, item, press_file_id);

-- E-mail waiting to be sent, written in the same transaction as the change it reports.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    conference_id   INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    registration_id INTEGER REFERENCES registrations (id) ON DELETE SET NULL,
    kind            TEXT    NOT NULL,
    to_email        TEXT    NOT NULL,
    to_name         TEXT    NOT NULL DEFAULT '',
    subject         TEXT    NOT NULL,
    body_text       TEXT    NOT NULL,
    body_html       TEXT    NOT NULL DEFAULT '',
    state           TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    last_error      TEXT    NOT NULL DEFAULT '',
    created_at      TEXT    NOT NULL,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_registration ON outbox (registration_id);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER REFERENCES conference (id) ON DELETE CASCADE,
    user_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor         TEXT    NOT NULL, -- who, in words: a user's e-mail, "participant" or "system"
    action        TEXT    NOT NULL,
    entity        TEXT    NOT NULL,
    entity_id     INTEGER,
    changes       TEXT    NOT NULL DEFAULT '{}', -- JSON: field -> [old, new], passport numbers masked
    created_at    TEXT    NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_created ON audit_log (created_at);
