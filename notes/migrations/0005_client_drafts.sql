-- Client details being edited and not yet saved, kept so that a lock, a
-- quit or a move to another client loses none of them. One per client; the
-- empty key is the new client being written. They go on Save or Cancel.
CREATE TABLE client_drafts (
	client_id  TEXT PRIMARY KEY,
	data       TEXT NOT NULL,
	updated_at TEXT NOT NULL
) WITHOUT ROWID;
