-- Consents, authorizations, requests, the accounting of disclosures, and the
-- records of breaking confidentiality and of privacy incidents. Details that
-- are only ever read whole are kept as JSON in a details column.

CREATE TABLE consent_consents (
	id          TEXT PRIMARY KEY,
	client_id   TEXT NOT NULL,
	type        TEXT NOT NULL,
	signed_on   TEXT NOT NULL,
	details     TEXT NOT NULL DEFAULT '{}', -- JSON: version, signer, authority, form
	recorded_at TEXT NOT NULL
);
CREATE INDEX consent_consents_client ON consent_consents(client_id, signed_on);

CREATE TABLE consent_authorizations (
	id          TEXT PRIMARY KEY,
	client_id   TEXT NOT NULL,
	signed_on   TEXT NOT NULL,
	expires_on  TEXT NOT NULL DEFAULT '',
	revoked_on  TEXT NOT NULL DEFAULT '',
	ended_on    TEXT NOT NULL DEFAULT '', -- the day its expiry event happened
	details     TEXT NOT NULL DEFAULT '{}', -- JSON: the 164.508(c) elements
	recorded_at TEXT NOT NULL
);
CREATE INDEX consent_authorizations_client ON consent_authorizations(client_id, signed_on);

-- An authorization is never edited or removed; only its revocation date,
-- and the day its expiry event happened, may be set, each once.
CREATE TRIGGER consent_authorizations_frozen BEFORE UPDATE ON consent_authorizations
WHEN NEW.id IS NOT OLD.id OR NEW.client_id IS NOT OLD.client_id
	OR NEW.signed_on IS NOT OLD.signed_on OR NEW.expires_on IS NOT OLD.expires_on
	OR NEW.details IS NOT OLD.details OR NEW.recorded_at IS NOT OLD.recorded_at
	OR (OLD.revoked_on <> '' AND NEW.revoked_on IS NOT OLD.revoked_on)
	OR (OLD.ended_on <> '' AND NEW.ended_on IS NOT OLD.ended_on)
BEGIN
	SELECT RAISE(ABORT, 'an authorization cannot be changed, only revoked or ended once');
END;
CREATE TRIGGER consent_authorizations_kept BEFORE DELETE ON consent_authorizations
BEGIN
	SELECT RAISE(ABORT, 'an authorization cannot be deleted');
END;

CREATE TABLE consent_requests (
	id          TEXT PRIMARY KEY,
	client_id   TEXT NOT NULL,
	type        TEXT NOT NULL CHECK (type IN ('access', 'amendment')),
	received_on TEXT NOT NULL,
	due_on      TEXT NOT NULL,
	closed_on   TEXT NOT NULL DEFAULT '',
	details     TEXT NOT NULL DEFAULT '{}', -- JSON: extension, outcome, statements
	recorded_at TEXT NOT NULL
);
CREATE INDEX consent_requests_client ON consent_requests(client_id, received_on);

-- The accounting of disclosures (45 CFR 164.528) is append-only: a mistake
-- is answered by a correcting entry that references it.
CREATE TABLE consent_disclosures (
	id           TEXT PRIMARY KEY,
	client_id    TEXT NOT NULL,
	disclosed_on TEXT NOT NULL,
	request_type TEXT NOT NULL,
	accountable  INTEGER NOT NULL,
	corrects     TEXT NOT NULL DEFAULT '',
	details      TEXT NOT NULL, -- JSON: recipient, address, description, purpose, basis, by, authorization
	hash         TEXT NOT NULL, -- hex SHA-256 of the canonical encoding, also in the event log
	recorded_at  TEXT NOT NULL
);
CREATE INDEX consent_disclosures_client ON consent_disclosures(client_id, disclosed_on);
CREATE TRIGGER consent_disclosures_no_update BEFORE UPDATE ON consent_disclosures
BEGIN
	SELECT RAISE(ABORT, 'a disclosure cannot be changed; record a correcting entry');
END;
CREATE TRIGGER consent_disclosures_no_delete BEFORE DELETE ON consent_disclosures
BEGIN
	SELECT RAISE(ABORT, 'a disclosure cannot be deleted; record a correcting entry');
END;

CREATE TABLE consent_safety (
	id            TEXT PRIMARY KEY,
	client_id     TEXT NOT NULL,
	type          TEXT NOT NULL CHECK (type IN ('mandated-report', 'duty-to-warn')),
	decided_on    TEXT NOT NULL,
	disclosure_id TEXT NOT NULL,
	details       TEXT NOT NULL,
	recorded_at   TEXT NOT NULL
);
CREATE INDEX consent_safety_client ON consent_safety(client_id, decided_on);

CREATE TABLE consent_incidents (
	id            TEXT PRIMARY KEY,
	discovered_on TEXT NOT NULL,
	details       TEXT NOT NULL,
	recorded_at   TEXT NOT NULL
);
CREATE TABLE consent_incident_clients (
	incident_id TEXT NOT NULL REFERENCES consent_incidents(id),
	client_id   TEXT NOT NULL,
	PRIMARY KEY (incident_id, client_id)
);
