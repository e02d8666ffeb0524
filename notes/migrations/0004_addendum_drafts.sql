-- The addendum being written to a signed note, autosaved like a draft so
-- that a lock, a crash or a quit loses no word of it. One per note; it goes
-- when the addendum is added.
CREATE TABLE addendum_drafts (
	note_id    TEXT PRIMARY KEY REFERENCES notes(id),
	text       TEXT NOT NULL,
	updated_at TEXT NOT NULL
) WITHOUT ROWID;
