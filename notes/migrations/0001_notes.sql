-- Clients, treatment units, notes, addenda and their full-text index.
-- Identifying text (names, note bodies) is kept out of ordinary indexes so
-- that destroying a client leaves it in no b-tree but the rows themselves
-- and the FTS5 index, both of which destruction empties.

CREATE TABLE clients (
	id           TEXT PRIMARY KEY,
	name         TEXT NOT NULL,
	preferred    TEXT NOT NULL DEFAULT '',
	pronouns     TEXT NOT NULL DEFAULT '',
	dob          TEXT NOT NULL DEFAULT '',
	status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
	intake_date  TEXT NOT NULL DEFAULT '',
	last_contact TEXT NOT NULL DEFAULT '',
	minor        INTEGER NOT NULL DEFAULT 0,
	legal_hold   INTEGER NOT NULL DEFAULT 0,
	details      TEXT NOT NULL DEFAULT '{}', -- JSON: phones, emails, addresses, employer, school, other
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL
);

-- Related people, guardians or personal representatives, emergency contacts.
CREATE TABLE client_people (
	client_id TEXT NOT NULL REFERENCES clients(id),
	pos       INTEGER NOT NULL,
	role      TEXT NOT NULL CHECK (role IN ('related', 'guardian', 'emergency')),
	name      TEXT NOT NULL,
	relation  TEXT NOT NULL DEFAULT '',
	phone     TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (client_id, pos)
);

CREATE TABLE units (
	id         TEXT PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('couple', 'family', 'group')),
	name       TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);

CREATE TABLE unit_members (
	unit_id   TEXT NOT NULL REFERENCES units(id),
	client_id TEXT NOT NULL REFERENCES clients(id),
	PRIMARY KEY (unit_id, client_id)
);
CREATE INDEX unit_members_by_client ON unit_members(client_id);

-- seq is the stable rowid the full-text index refers to.
CREATE TABLE notes (
	seq          INTEGER PRIMARY KEY,
	id           TEXT NOT NULL UNIQUE,
	client_id    TEXT NOT NULL REFERENCES clients(id),
	parent_id    TEXT REFERENCES notes(id),
	kind         TEXT NOT NULL CHECK (kind IN ('intake', 'progress', 'treatment-plan', 'contact',
	                 'termination', 'psychotherapy', 'other')), -- an addendum has its note's kind
	template     TEXT NOT NULL CHECK (template IN ('soap', 'dap', 'birp', 'girp', 'free')),
	session_date TEXT NOT NULL,
	start_time   TEXT NOT NULL DEFAULT '',
	duration_min INTEGER NOT NULL DEFAULT 0,
	service_code TEXT NOT NULL DEFAULT '',
	sections     TEXT NOT NULL, -- JSON [{"n": name, "s": start, "e": end}]: each section's text in body
	body         TEXT NOT NULL, -- the sections as plain text, the one copy of the text
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	signed_at    TEXT,
	content_hash BLOB,
	CHECK ((signed_at IS NULL) = (content_hash IS NULL))
);
CREATE INDEX notes_by_client ON notes(client_id, session_date, seq);
CREATE INDEX notes_by_parent ON notes(parent_id) WHERE parent_id IS NOT NULL;

-- A client being destroyed: the one state in which signed notes may go.
-- Destroy inserts the row and removes it in the same transaction. The row
-- is refused unless, on on_date, the retention period has passed (the rule
-- of RetentionDate, restated in SQL) and no legal hold is set.
CREATE TABLE destruction_pending (client_id TEXT PRIMARY KEY, on_date TEXT NOT NULL);

CREATE VIEW client_retention AS
	SELECT id AS client_id, legal_hold, CASE
		WHEN last = '' THEN NULL
		WHEN minor = 0 AND (dob = '' OR last >= date(dob, '+18 years')) THEN date(last, '+7 years')
		WHEN dob = '' THEN NULL
		ELSE max(date(last, '+7 years'), date(dob, '+18 years', '+3 years'))
	END AS destroy_after
	FROM (SELECT c.id, c.legal_hold, c.minor, c.dob,
		max(c.last_contact, c.intake_date, coalesce((SELECT max(n.session_date) FROM notes n WHERE n.client_id = c.id), '')) AS last
		FROM clients c);

CREATE TRIGGER destruction_needs_retention BEFORE INSERT ON destruction_pending
WHEN NOT EXISTS (SELECT 1 FROM client_retention r WHERE r.client_id = NEW.client_id
	AND r.legal_hold = 0 AND r.destroy_after IS NOT NULL AND NEW.on_date > r.destroy_after)
BEGIN
	SELECT RAISE(ABORT, 'the record may not be destroyed yet');
END;

-- Signed is frozen, whatever path the statement comes from.
CREATE TRIGGER notes_signed_frozen_update BEFORE UPDATE ON notes
WHEN OLD.signed_at IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'note is signed; add an addendum');
END;

-- REPLACE deletes without firing delete triggers, so a signed note may not
-- be the target of one, and ids never change.
CREATE TRIGGER notes_signed_not_replaced BEFORE INSERT ON notes
WHEN EXISTS (SELECT 1 FROM notes WHERE (id = NEW.id OR seq = NEW.seq) AND signed_at IS NOT NULL)
BEGIN
	SELECT RAISE(ABORT, 'note is signed; add an addendum');
END;

CREATE TRIGGER notes_ids_fixed BEFORE UPDATE OF id, seq ON notes
WHEN NEW.id IS NOT OLD.id OR NEW.seq IS NOT OLD.seq
BEGIN
	SELECT RAISE(ABORT, 'a note id cannot change');
END;

CREATE TRIGGER notes_signed_frozen_delete BEFORE DELETE ON notes
WHEN OLD.signed_at IS NOT NULL AND NOT EXISTS (
	SELECT 1 FROM destruction_pending d JOIN clients c ON c.id = d.client_id
	WHERE d.client_id = OLD.client_id AND c.legal_hold = 0)
BEGIN
	SELECT RAISE(ABORT, 'note is signed; add an addendum');
END;

-- Addenda correct signed notes only, and are themselves signed at once.
CREATE TRIGGER notes_addendum_needs_signed BEFORE INSERT ON notes
WHEN NEW.parent_id IS NOT NULL AND (NEW.signed_at IS NULL OR
	(SELECT signed_at FROM notes WHERE id = NEW.parent_id) IS NULL OR
	(SELECT kind FROM notes WHERE id = NEW.parent_id) IS NOT NEW.kind)
BEGIN
	SELECT RAISE(ABORT, 'an addendum needs a signed note and must be signed');
END;

-- Full-text index over note bodies and client names. External content:
-- the text lives once, in notes and clients; the index holds tokens only.
-- client_key is the client id's hex part as a single token, so that a
-- search within one client intersects posting lists instead of ranking
-- every match and filtering afterwards.
CREATE VIEW note_search_src AS
	SELECT n.seq AS seq, n.body AS body, c.name || ' ' || c.preferred AS client, substr(c.id, 3) AS client_key
	FROM notes n JOIN clients c ON c.id = n.client_id;

CREATE VIRTUAL TABLE note_search USING fts5(
	body, client, client_key,
	content = 'note_search_src', content_rowid = 'seq',
	tokenize = 'unicode61 remove_diacritics 2'
);
-- Deletions leave delete markers until segments merge; destruction runs
-- 'optimize', which rewrites the index without them (FTS5's secure-delete
-- option would do it on every autosave, at three times the cost).
INSERT INTO note_search(note_search, rank) VALUES ('rank', 'bm25(1.0, 0.5, 0.0)');

CREATE TRIGGER notes_search_insert AFTER INSERT ON notes BEGIN
	INSERT INTO note_search(rowid, body, client, client_key)
		SELECT NEW.seq, NEW.body, c.name || ' ' || c.preferred, substr(c.id, 3) FROM clients c WHERE c.id = NEW.client_id;
END;

CREATE TRIGGER notes_search_delete AFTER DELETE ON notes BEGIN
	INSERT INTO note_search(note_search, rowid, body, client, client_key)
		SELECT 'delete', OLD.seq, OLD.body, c.name || ' ' || c.preferred, substr(c.id, 3) FROM clients c WHERE c.id = OLD.client_id;
END;

CREATE TRIGGER notes_search_update AFTER UPDATE OF body ON notes BEGIN
	INSERT INTO note_search(note_search, rowid, body, client, client_key)
		SELECT 'delete', OLD.seq, OLD.body, c.name || ' ' || c.preferred, substr(c.id, 3) FROM clients c WHERE c.id = OLD.client_id;
	INSERT INTO note_search(rowid, body, client, client_key)
		SELECT NEW.seq, NEW.body, c.name || ' ' || c.preferred, substr(c.id, 3) FROM clients c WHERE c.id = NEW.client_id;
END;

CREATE TRIGGER clients_search_rename AFTER UPDATE OF name, preferred ON clients BEGIN
	INSERT INTO note_search(note_search, rowid, body, client, client_key)
		SELECT 'delete', n.seq, n.body, OLD.name || ' ' || OLD.preferred, substr(OLD.id, 3) FROM notes n WHERE n.client_id = OLD.id;
	INSERT INTO note_search(rowid, body, client, client_key)
		SELECT n.seq, n.body, NEW.name || ' ' || NEW.preferred, substr(NEW.id, 3) FROM notes n WHERE n.client_id = NEW.id;
END;
