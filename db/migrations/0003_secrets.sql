-- Server-side secrets, each made at random the first time it is needed:
-- the key that signs the public forms' CSRF tokens (web/formguard.go) and
-- the one that signs staff's device cookies (auth).
-- Kept in the database so that a restart, or a restored backup, leaves the
-- forms people have open valid.
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
