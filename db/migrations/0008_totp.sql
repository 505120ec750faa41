-- Two-factor login with TOTP (RFC 6238) for console accounts.
-- Only columns and a table are added, so this applies on top of whatever
-- other migrations add.

-- Whether admins and organisers must use a second factor. On for every
-- conference, existing ones included (the safe side); the demo seed turns
-- it off so that a first look needs no authenticator app, and its
-- dashboard says so.
ALTER TABLE conference ADD COLUMN require_2fa INTEGER NOT NULL DEFAULT 1 CHECK (require_2fa IN (0, 1));

-- The account's TOTP secret, sealed (AES-GCM) under a key kept in a file
-- beside the database, not in it ('' when 2FA is off), and the last time
-- step a code was accepted for: a code is refused unless its step is later,
-- so no code works twice.
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

-- Single-use recovery codes: only their SHA-256 is kept.
CREATE TABLE user_recovery_codes (
	id        INTEGER PRIMARY KEY,
	user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	code_hash TEXT NOT NULL,
	used_at   TEXT,
	UNIQUE (user_id, code_hash)
);
