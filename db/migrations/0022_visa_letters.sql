-- Visa invitation letters a consulate can verify (issue 17). One row per
-- approval of a registration's letter: the first download after an
-- approval issues it, so every copy of that letter prints the same code; a
-- new approval (after the passport details changed) is a new row and a new
-- code. The code itself is not stored: code_hash is its SHA-256 (looked up
-- by /verify/CODE), and the code is derived from nonce with a key kept in
-- the secrets table (internal/registration/verify.go), so that the letter
-- can print it again.
-- The facts are what the letter printed, kept so the verification page
-- shows the letter as issued and nothing more: the name as in the
-- passport, the nationality (ISO code), the passport number's last three
-- characters, and the invitation's dates (the conference's, when issued).
-- Retention and erasure blank them and withdraw the letter.
CREATE TABLE visa_letters (
    id               INTEGER PRIMARY KEY,
    conference_id    INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    registration_id  INTEGER NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    approved_at      TEXT    NOT NULL, -- the approval this letter prints (registrations.letter_approved_at)
    code_hash        BLOB    NOT NULL UNIQUE,
    nonce            BLOB    NOT NULL,
    issued_at        TEXT    NOT NULL,
    passport_name    TEXT    NOT NULL DEFAULT '',
    nationality      TEXT    NOT NULL DEFAULT '',
    passport_last3   TEXT    NOT NULL DEFAULT '',
    invited_from     TEXT    NOT NULL DEFAULT '', -- YYYY-MM-DD
    invited_until    TEXT    NOT NULL DEFAULT '',
    withdrawn_at     TEXT,
    withdrawn_reason TEXT    NOT NULL DEFAULT '' CHECK (withdrawn_reason IN ('', 'details_changed', 'not_confirmed', 'data_deleted')),
    verify_count     INTEGER NOT NULL DEFAULT 0,
    last_verified_at TEXT
);
-- One letter that holds per approval; a withdrawn one never comes back,
-- even if a new approval bears the same instant.
CREATE UNIQUE INDEX visa_letters_current ON visa_letters (registration_id, approved_at) WHERE withdrawn_at IS NULL;
CREATE INDEX visa_letters_registration ON visa_letters (registration_id);
