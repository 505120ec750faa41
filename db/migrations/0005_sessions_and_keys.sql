-- A counter per account, kept in every web session at login. Changing or
-- resetting the password, or deactivating the account, raises it, so every
-- session made before no longer matches and ends for good: reactivating
-- the account does not lower it again.
ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;

