-- Records releases: one row per release made with the release flow, beside
-- its entry in the accounting of disclosures. The manifest (JSON) names what
-- left, by note id, and the SHA-256 of the files written; it holds no note
-- text. A supervision packet keeps its disguise mapping here, inside the
-- vault, as consultations do; it is never exported. Like the accounting,
-- releases are append-only.
CREATE TABLE consent_releases (
	id            TEXT PRIMARY KEY,
	client_id     TEXT NOT NULL,
	disclosure_id TEXT NOT NULL,
	released_on   TEXT NOT NULL,
	manifest      TEXT NOT NULL, -- JSON Manifest
	manifest_hash TEXT NOT NULL, -- hex SHA-256 of the manifest, also in the event log
	mapping       TEXT NOT NULL DEFAULT '', -- JSON disguise.Mapping of a supervision packet
	recorded_at   TEXT NOT NULL
);
CREATE INDEX consent_releases_client ON consent_releases(client_id, released_on);
CREATE TRIGGER consent_releases_no_update BEFORE UPDATE ON consent_releases
BEGIN
	SELECT RAISE(ABORT, 'a release cannot be changed');
END;
