-- Sponsored travel, second step (issue 15): the itinerary of a sponsored
-- participant, which the participant or an organiser enters and an
-- organiser confirms, and the settings its rules read.

-- How many days before the first day and after the last a sponsored
-- itinerary's hotel nights may reach; the arriving airports the form
-- offers, as comma-separated IATA codes.
ALTER TABLE conference ADD COLUMN travel_margin_days INTEGER NOT NULL DEFAULT 2
    CHECK (travel_margin_days BETWEEN 0 AND 30);
ALTER TABLE conference ADD COLUMN travel_airports TEXT NOT NULL DEFAULT 'MIA,FLL';

-- One itinerary per registration. Arrival and departure are wall-clock
-- times 'YYYY-MM-DDTHH:MM' in the conference's zone, as printed on the
-- ticket for the arriving airport; check-in and check-out are dates
-- 'YYYY-MM-DD'; '' where not known yet. A confirmed itinerary holds its
-- rooms in the block; any change clears the confirmation.
CREATE TABLE itineraries (
    registration_id   INTEGER PRIMARY KEY REFERENCES registrations(id) ON DELETE CASCADE,
    arrival_at        TEXT NOT NULL DEFAULT '',
    arrival_flight    TEXT NOT NULL DEFAULT '',
    arrival_airport   TEXT NOT NULL DEFAULT '',
    departure_at      TEXT NOT NULL DEFAULT '',
    departure_flight  TEXT NOT NULL DEFAULT '',
    departure_airport TEXT NOT NULL DEFAULT '',
    check_in          TEXT NOT NULL DEFAULT '',
    check_out         TEXT NOT NULL DEFAULT '',
    transfer          INTEGER NOT NULL DEFAULT 0 CHECK (transfer IN (0, 1)),
    updated_at        TEXT NOT NULL,
    updated_by        TEXT NOT NULL DEFAULT '',
    confirmed_at      TEXT,
    confirmed_by      TEXT NOT NULL DEFAULT '',
    -- The confirmation went through although the room block was full on
    -- one of its nights: an organiser overrode the block (audited).
    over_block        INTEGER NOT NULL DEFAULT 0 CHECK (over_block IN (0, 1)),
    version           INTEGER NOT NULL DEFAULT 1,
    CHECK (check_out = '' OR check_in = '' OR check_out > check_in)
);
