-- A counter per account, kept in every web session at login. Changing or
-- resetting the password, or deactivating the account, raises it, so every
-- session made before no longer matches and ends for good: reactivating
-- the account does not lower it again.
ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;

-- Server-side secrets, each made at random the first time it is needed:
-- here the key that signs device cookies. The same table as migration
-- 0003's (branch settings), so whichever runs first makes it.
CREATE TABLE IF NOT EXISTS secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
