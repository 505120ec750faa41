-- Retention of personal data. Only columns are added, so this
-- applies on top of whatever other migrations add to conference and
-- registrations.

-- Days after the conference's last day when passport details, and then
-- every personal detail, are deleted. Bounded as the settings form bounds
-- them: a day to ten years.
ALTER TABLE conference ADD COLUMN passport_retention_days INTEGER NOT NULL DEFAULT 30
    CHECK (passport_retention_days BETWEEN 1 AND 3650);
ALTER TABLE conference ADD COLUMN personal_retention_days INTEGER NOT NULL DEFAULT 365
    CHECK (personal_retention_days BETWEEN 1 AND 3650);

-- When a registration's personal details were erased (by an admin, or by
-- personal retention), and when its owner asked for that on cancelling.
ALTER TABLE registrations ADD COLUMN erased_at TEXT;
ALTER TABLE registrations ADD COLUMN erasure_requested_at TEXT;
