-- Download counts: the press room counts downloads in
-- memory and writes one row per item and minute with how many there were
-- (press.Downloads), instead of a row per request. Rows written before
-- stand for one download each.
ALTER TABLE downloads ADD COLUMN count INTEGER NOT NULL DEFAULT 1 CHECK (count > 0);

-- Ids that reach the outside world are never used twice:
-- users, registrations, tracks, rooms, speakers, sessions, check-ins, press
-- releases, press files, media contacts and outbox messages become
-- AUTOINCREMENT. SQLite cannot alter that in place, so each table is rebuilt
-- from its own definition by the Go step "stable_ids" that runs after this
-- file, with foreign keys off (internal/database/stableids.go).
