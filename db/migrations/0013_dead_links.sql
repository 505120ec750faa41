-- Links that stopped working, so that following one says what happened
-- ("replaced by a newer one", "expired") instead of a bare 404. Only the
-- token's SHA-256 is kept, as for live links, and only for a bounded
-- time (registration.DeadLinkMemory): the table is a courtesy to people
-- holding an old e-mail, not a history. A new table only, so this applies
-- on top of whatever other migrations add.
CREATE TABLE dead_links (
    token_hash    BLOB    PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    reason        TEXT    NOT NULL CHECK (reason IN ('replaced', 'expired')),
    ended_at      TEXT    NOT NULL
);
CREATE INDEX dead_links_ended ON dead_links (ended_at);
