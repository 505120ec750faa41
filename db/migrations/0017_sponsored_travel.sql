-- Sponsored travel, first step (issue 15): the conference's travel
-- settings and a registration's request for sponsorship and its decision.
-- Only columns are added, so this applies on top of whatever other
-- migrations add.

-- Whether the conference pays delegates' travel; the per-diem rate per
-- night in integer cents of an ISO 4217 currency; the hotel room block.
ALTER TABLE conference ADD COLUMN sponsors_travel INTEGER NOT NULL DEFAULT 0
    CHECK (sponsors_travel IN (0, 1));
ALTER TABLE conference ADD COLUMN per_diem_cents INTEGER NOT NULL DEFAULT 0
    CHECK (per_diem_cents BETWEEN 0 AND 100000000);
ALTER TABLE conference ADD COLUMN per_diem_currency TEXT NOT NULL DEFAULT 'USD'
    CHECK (length(per_diem_currency) = 3);
ALTER TABLE conference ADD COLUMN hotel_name TEXT NOT NULL DEFAULT '';
ALTER TABLE conference ADD COLUMN hotel_address TEXT NOT NULL DEFAULT '';
ALTER TABLE conference ADD COLUMN hotel_rooms INTEGER NOT NULL DEFAULT 0
    CHECK (hotel_rooms BETWEEN 0 AND 100000);

-- '' not asked, 'requested', 'granted' or 'refused'; the person's reason,
-- the organiser's note on a refusal, and who decided when.
ALTER TABLE registrations ADD COLUMN sponsorship TEXT NOT NULL DEFAULT ''
    CHECK (sponsorship IN ('', 'requested', 'granted', 'refused'));
ALTER TABLE registrations ADD COLUMN sponsorship_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN sponsorship_note TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN sponsorship_decided_at TEXT;
ALTER TABLE registrations ADD COLUMN sponsorship_decided_by TEXT NOT NULL DEFAULT '';
