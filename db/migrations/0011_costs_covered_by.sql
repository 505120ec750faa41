-- Who pays a participant's travel and stay, as the visa letter states it
-- for that person: 'organiser' (sponsored), 'self' (own costs or their
-- organisation's), or '' (not decided: the letter prints the conference's
-- general statement of costs). Set by organisers only. Only a column is
-- added, so this applies on top of whatever other migrations add.
ALTER TABLE registrations ADD COLUMN costs_covered_by TEXT NOT NULL DEFAULT ''
	CHECK (costs_covered_by IN ('', 'organiser', 'self'));
