-- Download counts (issue 12 item 2): the press room counts downloads in
-- memory and writes one row per item and minute with how many there were
-- (press.Downloads), instead of a row per request. Rows written before
-- stand for one download each.
ALTER TABLE downloads ADD COLUMN count INTEGER NOT NULL DEFAULT 1 CHECK (count > 0);
