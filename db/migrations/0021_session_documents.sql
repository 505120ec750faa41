-- Documents of a session (issue 17): a concept note, slides, an outcome
-- document (a file, stored as the press files are) or a recording (a URL).
-- 'public' documents are listed on the agenda and in the schedule feeds;
-- 'participants' ones open only from a participant's own pages.
CREATE TABLE session_documents (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    session_id    INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    title         TEXT    NOT NULL,
    language      TEXT    NOT NULL DEFAULT 'en', -- the document's own language (en, es, fr, nl)
    visibility    TEXT    NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'participants')),
    -- A file (stored_name, original_name, content_type, size, sha256) or a
    -- link (url); exactly one of the two.
    url           TEXT    NOT NULL DEFAULT '',
    stored_name   TEXT    UNIQUE, -- generated; never the uploader's name
    original_name TEXT    NOT NULL DEFAULT '',
    content_type  TEXT    NOT NULL DEFAULT '',
    size          INTEGER NOT NULL DEFAULT 0 CHECK (size >= 0),
    sha256        TEXT    NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    CHECK ((url = '') <> (stored_name IS NULL))
);
CREATE INDEX session_documents_session ON session_documents (session_id, position, id);
