-- Consultations: a disguised copy of notes prepared for a colleague or a
-- supervisor. The mapping from real to disguised values is kept here, inside
-- the vault, so that the same person keeps the same pseudonym in every note
-- of a consultation; it is never exported.
CREATE TABLE consultations (
	id          TEXT PRIMARY KEY,
	client_id   TEXT NOT NULL REFERENCES clients(id),
	created_at  TEXT NOT NULL,
	colleague   TEXT NOT NULL DEFAULT '',
	purpose     TEXT NOT NULL DEFAULT '',
	profile     TEXT NOT NULL CHECK (profile IN ('consultation', 'safe-harbor', 'third-party')),
	consent_ref TEXT NOT NULL DEFAULT '', -- the consent on file when the client agreed to identified consultation
	mapping     TEXT NOT NULL,            -- JSON disguise.Mapping
	edits       TEXT NOT NULL DEFAULT '{}' -- JSON Edits: the clinician's undos and additions
);
CREATE INDEX consultations_by_client ON consultations(client_id, created_at);

CREATE TABLE consultation_notes (
	consultation_id TEXT NOT NULL REFERENCES consultations(id),
	note_id         TEXT NOT NULL REFERENCES notes(id),
	prepared_at     TEXT NOT NULL,
	PRIMARY KEY (consultation_id, note_id)
);
