-- Languages (issue 14). Each registration keeps the language it was made
-- in, so that every message to that person speaks it; rows made before
-- this migration were made in English.
ALTER TABLE registrations ADD COLUMN language TEXT NOT NULL DEFAULT 'en'
    CHECK (language IN ('en', 'es', 'fr', 'nl'));

-- Translations of the conference's own content, entered by organisers:
-- one row per record, field and language; the English original stays in
-- the record's own column. kind names the record's table (see
-- i18n.Kind*); a trigger on each table drops a record's translations with
-- it, since one table cannot hold a foreign key to several. Key-figure
-- labels are the exception: saving the settings replaces every figure
-- row, so their translations belong to the conference and the figure's
-- place in the list (record_id is the conference's id; settings.FigureField)
-- and go with the conference.
CREATE TABLE translations (
    conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    record_id     INTEGER NOT NULL,
    field         TEXT    NOT NULL,
    language      TEXT    NOT NULL CHECK (language IN ('es', 'fr', 'nl')),
    text          TEXT    NOT NULL CHECK (text <> ''),
    PRIMARY KEY (conference_id, language, kind, record_id, field)
) WITHOUT ROWID;

CREATE TRIGGER tracks_translations AFTER DELETE ON tracks BEGIN
    DELETE FROM translations WHERE kind = 'track' AND record_id = OLD.id;
END;
CREATE TRIGGER rooms_translations AFTER DELETE ON rooms BEGIN
    DELETE FROM translations WHERE kind = 'room' AND record_id = OLD.id;
END;
CREATE TRIGGER sessions_translations AFTER DELETE ON sessions BEGIN
    DELETE FROM translations WHERE kind = 'session' AND record_id = OLD.id;
END;
CREATE TRIGGER press_releases_translations AFTER DELETE ON press_releases BEGIN
    DELETE FROM translations WHERE kind = 'press_release' AND record_id = OLD.id;
END;
CREATE TRIGGER media_contacts_translations AFTER DELETE ON media_contacts BEGIN
    DELETE FROM translations WHERE kind = 'media_contact' AND record_id = OLD.id;
END;
