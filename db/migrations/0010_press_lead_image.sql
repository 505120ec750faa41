-- A press release's lead picture: one of the press room's files, shown
-- above the text and in the PDF. Deleting the file leaves the release
-- without one. Only a column is added, so this applies on top of whatever
-- other migrations add.
ALTER TABLE press_releases ADD COLUMN lead_image_id INTEGER REFERENCES press_files(id) ON DELETE SET NULL;
