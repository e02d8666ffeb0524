-- Destroying a client's record (notes: a destruction_pending row, then the
-- client's deletion) reaches the consent records too, whoever asks for it.
--
-- It is refused while they must still be kept (45 CFR 164.530(j), 164.528):
-- six years from each disclosure, and from the day each authorization was
-- last in effect (its revocation, its expiry event, or its expiry date; one
-- that has not ended is still in effect).
CREATE TRIGGER consent_destruction_retention BEFORE INSERT ON destruction_pending
WHEN EXISTS (SELECT 1 FROM consent_disclosures d
		WHERE d.client_id = NEW.client_id AND NEW.on_date <= date(d.disclosed_on, '+6 years'))
	OR EXISTS (SELECT 1 FROM consent_authorizations a
		WHERE a.client_id = NEW.client_id AND NEW.on_date <= date(CASE
			WHEN a.revoked_on <> '' THEN a.revoked_on
			WHEN a.ended_on <> '' THEN a.ended_on
			WHEN a.expires_on <> '' THEN a.expires_on
			ELSE '9999-12-31' END, '+6 years'))
BEGIN
	SELECT RAISE(ABORT, 'the accounting of disclosures and authorizations must be kept six years; see consent records');
END;

-- Disclosures and authorizations may go only with their client's record.
DROP TRIGGER consent_disclosures_no_delete;
CREATE TRIGGER consent_disclosures_no_delete BEFORE DELETE ON consent_disclosures
WHEN NOT EXISTS (SELECT 1 FROM destruction_pending p WHERE p.client_id = OLD.client_id)
BEGIN
	SELECT RAISE(ABORT, 'a disclosure cannot be deleted; record a correcting entry');
END;
DROP TRIGGER consent_authorizations_kept;
CREATE TRIGGER consent_authorizations_kept BEFORE DELETE ON consent_authorizations
WHEN NOT EXISTS (SELECT 1 FROM destruction_pending p WHERE p.client_id = OLD.client_id)
BEGIN
	SELECT RAISE(ABORT, 'an authorization cannot be deleted');
END;

CREATE TRIGGER consent_destroy_with_client AFTER DELETE ON clients
WHEN EXISTS (SELECT 1 FROM destruction_pending p WHERE p.client_id = OLD.id)
BEGIN
	DELETE FROM consent_consents WHERE client_id = OLD.id;
	DELETE FROM consent_requests WHERE client_id = OLD.id;
	DELETE FROM consent_safety WHERE client_id = OLD.id;
	DELETE FROM consent_releases WHERE client_id = OLD.id;
	DELETE FROM consent_disclosures WHERE client_id = OLD.id;
	DELETE FROM consent_authorizations WHERE client_id = OLD.id;
	DELETE FROM consent_incident_clients WHERE client_id = OLD.id;
END;
