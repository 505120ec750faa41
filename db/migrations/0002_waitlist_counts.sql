-- Every registration counts the places taken and, once the conference is
-- full, its position on the waiting list. Both counts now read an index
-- alone instead of visiting a table row per registration counted.
DROP INDEX registrations_status;
CREATE INDEX registrations_status ON registrations (conference_id, status, category);
DROP INDEX registrations_waitlist;
CREATE INDEX registrations_waitlist ON registrations (conference_id, status, waitlisted_at);

-- The length of each conference's waiting list, kept by the triggers below.
-- A newcomer joins at the end of the list, so its position is this number:
-- read at once, where counting the list would cost a step per person on it.
CREATE TABLE waitlist_lengths (
    conference_id INTEGER PRIMARY KEY REFERENCES conference (id) ON DELETE CASCADE,
    waitlisted    INTEGER NOT NULL
);
INSERT INTO waitlist_lengths (conference_id, waitlisted)
    SELECT conference_id, count(*) FROM registrations WHERE status = 'waitlisted' GROUP BY conference_id;

CREATE TRIGGER waitlist_join_on_insert AFTER INSERT ON registrations WHEN NEW.status = 'waitlisted'
BEGIN
    INSERT INTO waitlist_lengths (conference_id, waitlisted) VALUES (NEW.conference_id, 1)
        ON CONFLICT (conference_id) DO UPDATE SET waitlisted = waitlisted + 1;
END;
CREATE TRIGGER waitlist_join_on_update AFTER UPDATE OF status ON registrations
    WHEN NEW.status = 'waitlisted' AND OLD.status <> 'waitlisted'
BEGIN
    INSERT INTO waitlist_lengths (conference_id, waitlisted) VALUES (NEW.conference_id, 1)
        ON CONFLICT (conference_id) DO UPDATE SET waitlisted = waitlisted + 1;
END;
CREATE TRIGGER waitlist_leave_on_update AFTER UPDATE OF status ON registrations
    WHEN OLD.status = 'waitlisted' AND NEW.status <> 'waitlisted'
BEGIN
    UPDATE waitlist_lengths SET waitlisted = waitlisted - 1 WHERE conference_id = OLD.conference_id;
END;
CREATE TRIGGER waitlist_leave_on_delete AFTER DELETE ON registrations WHEN OLD.status = 'waitlisted'
BEGIN
    UPDATE waitlist_lengths SET waitlisted = waitlisted - 1 WHERE conference_id = OLD.conference_id;
END;
