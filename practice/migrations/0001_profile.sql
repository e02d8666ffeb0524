-- The clinician and practice profile: one row, the practice's own details
-- (no client's). Kept as JSON so that a field added later needs no
-- migration; the columns hold only what a query needs.
CREATE TABLE practice_profile (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	data       TEXT NOT NULL, -- JSON Profile
	updated_at TEXT NOT NULL
);
