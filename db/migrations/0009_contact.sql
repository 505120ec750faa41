-- How people reach the organisers: shown in the public footer, at the foot
-- of every message, and on visa letters (whose consular readers need a
-- postal address and a phone number). Only columns are added, so this
-- applies on top of whatever other migrations add to conference.
ALTER TABLE conference ADD COLUMN contact_email TEXT NOT NULL DEFAULT '';
ALTER TABLE conference ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE conference ADD COLUMN postal_address TEXT NOT NULL DEFAULT '';
