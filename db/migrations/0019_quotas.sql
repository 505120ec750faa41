-- Delegation quotas (issue 16): how many participants each country, and
-- optionally each type of organisation, may send. A registration beyond
-- a full quota waits in that quota's own queue (or is pending under
-- moderation); the waiting list stays one list of waitlisted rows, and
-- whether a row waits for its quota or for a place is derived from the
-- counts, never stored, so it cannot go stale.
CREATE TABLE quotas (
    conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    -- 'country' (value an ISO 3166-1 alpha-2 code) or 'org_type' (value
    -- one of the form's organisation types)
    dimension     TEXT NOT NULL CHECK (dimension IN ('country', 'org_type')),
    value         TEXT NOT NULL,
    quota         INTEGER NOT NULL CHECK (quota BETWEEN 0 AND 100000),
    PRIMARY KEY (conference_id, dimension, value)
);

-- The quota counts read a country's participants by status.
DROP INDEX registrations_country;
CREATE INDEX registrations_country ON registrations (conference_id, country, status, category);
