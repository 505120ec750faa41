-- Every registration counts the places taken and, once the conference is
-- full, its position on the waiting list. Both counts now read an index
-- alone instead of visiting a table row per registration counted.
DROP INDEX registrations_status;
CREATE INDEX registrations_status ON registrations (conference_id, status, category);
DROP INDEX registrations_waitlist;
CREATE INDEX registrations_waitlist ON registrations (conference_id, status, waitlisted_at);
