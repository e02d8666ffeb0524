-- Release files being put in place. A row is written before a release's
-- temporary file is, and goes once the file is renamed into place or
-- removed; a row left by a crash tells the next Open which plaintext
-- temporary file to finish placing (the release was recorded) or remove
-- (it was not). Paths live only here, inside the encrypted vault.
CREATE TABLE consent_release_files (
	temp       TEXT PRIMARY KEY,
	final      TEXT NOT NULL,
	release_id TEXT NOT NULL,
	started_at TEXT NOT NULL
) WITHOUT ROWID;
