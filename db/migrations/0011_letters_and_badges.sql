-- Who pays a participant's travel and stay, as the visa letter states it
-- for that person: 'organiser' (sponsored), 'self' (own costs or their
-- organisation's), or '' (not decided: the letter prints the conference's
-- general statement of costs). Set by organisers only. Only a column is
-- added, so this applies on top of whatever other migrations add.
ALTER TABLE registrations ADD COLUMN costs_covered_by TEXT NOT NULL DEFAULT ''
	CHECK (costs_covered_by IN ('', 'organiser', 'self'));

-- Pictures the documents print, uploaded in the settings: the signature
-- drawn above the signatory's name on visa letters, and the logo at the
-- top of badges. Each is kept as a PNG the server re-encoded itself (so a
-- file is an image and nothing else), one of each kind per conference.
CREATE TABLE conference_images (
	conference_id INTEGER NOT NULL REFERENCES conference(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('signature', 'logo')),
	png BLOB NOT NULL,
	width INTEGER NOT NULL,
	height INTEGER NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (conference_id, kind)
);
