-- The clinical record beside the notes: outcome measures and the risk flags
-- they raise, risk assessments, measure schedules, treatment plans and the
-- goals notes address, diagnoses, and the practice's fee table. Rows of a
-- client go with the client when the record is destroyed (notes'
-- destruction_pending), and only then may frozen rows be deleted.

CREATE TABLE clinical_measures (
	id         TEXT PRIMARY KEY,
	client_id  TEXT NOT NULL,
	instrument TEXT NOT NULL,
	given_on   TEXT NOT NULL,
	items      TEXT NOT NULL DEFAULT '',   -- JSON array of the answers; '' for a total given on paper
	total      INTEGER NOT NULL,
	band       TEXT NOT NULL,
	flags      TEXT NOT NULL DEFAULT '[]', -- JSON array, e.g. ["item9"]
	given_by   TEXT NOT NULL DEFAULT '',
	details    TEXT NOT NULL DEFAULT '{}', -- JSON: subscales, follow-up answer, risk answers of a paper total
	created_at TEXT NOT NULL
);
CREATE INDEX clinical_measures_by_client ON clinical_measures(client_id, instrument, given_on);

CREATE TRIGGER clinical_measures_frozen BEFORE UPDATE ON clinical_measures
BEGIN
	SELECT RAISE(ABORT, 'a measure cannot be changed');
END;

CREATE TRIGGER clinical_measures_kept BEFORE DELETE ON clinical_measures
WHEN NOT EXISTS (SELECT 1 FROM destruction_pending p WHERE p.client_id = OLD.client_id)
BEGIN
	SELECT RAISE(ABORT, 'a measure cannot be deleted');
END;

-- A risk assessment documents the answer to a risk flag. It is a record,
-- never changed.
CREATE TABLE clinical_risk_assessments (
	id          TEXT PRIMARY KEY,
	client_id   TEXT NOT NULL,
	assessed_on TEXT NOT NULL,
	level       TEXT NOT NULL CHECK (level IN ('low', 'moderate', 'high', 'imminent')),
	details     TEXT NOT NULL, -- JSON RiskAssessment
	created_at  TEXT NOT NULL
);

CREATE TRIGGER clinical_risk_assessments_frozen BEFORE UPDATE ON clinical_risk_assessments
BEGIN
	SELECT RAISE(ABORT, 'a risk assessment cannot be changed');
END;

CREATE TRIGGER clinical_risk_assessments_kept BEFORE DELETE ON clinical_risk_assessments
WHEN NOT EXISTS (SELECT 1 FROM destruction_pending p WHERE p.client_id = OLD.client_id)
BEGIN
	SELECT RAISE(ABORT, 'a risk assessment cannot be deleted');
END;

-- A flag raised by a measure (PHQ-9 item 9 above 0), open until a risk
-- assessment answers it.
CREATE TABLE clinical_risk_flags (
	id            TEXT PRIMARY KEY,
	client_id     TEXT NOT NULL,
	measure_id    TEXT NOT NULL REFERENCES clinical_measures(id),
	flag          TEXT NOT NULL,
	raised_on     TEXT NOT NULL,
	assessment_id TEXT REFERENCES clinical_risk_assessments(id)
);
CREATE INDEX clinical_risk_flags_by_client ON clinical_risk_flags(client_id);

CREATE TRIGGER clinical_risk_flags_answered_once BEFORE UPDATE ON clinical_risk_flags
WHEN OLD.assessment_id IS NOT NULL OR NEW.assessment_id IS NULL OR NEW.id IS NOT OLD.id
	OR NEW.client_id IS NOT OLD.client_id OR NEW.measure_id IS NOT OLD.measure_id
	OR NEW.flag IS NOT OLD.flag OR NEW.raised_on IS NOT OLD.raised_on
	OR (SELECT client_id FROM clinical_risk_assessments WHERE id = NEW.assessment_id) IS NOT OLD.client_id
BEGIN
	SELECT RAISE(ABORT, 'a risk flag is answered once, by an assessment of the same client');
END;

CREATE TRIGGER clinical_risk_flags_kept BEFORE DELETE ON clinical_risk_flags
WHEN NOT EXISTS (SELECT 1 FROM destruction_pending p WHERE p.client_id = OLD.client_id)
BEGIN
	SELECT RAISE(ABORT, 'a risk flag cannot be deleted');
END;

-- A measure given again every N sessions or every N months.
CREATE TABLE clinical_schedules (
	client_id      TEXT NOT NULL,
	instrument     TEXT NOT NULL,
	every_sessions INTEGER NOT NULL DEFAULT 0,
	every_months   INTEGER NOT NULL DEFAULT 0,
	start_on       TEXT NOT NULL,
	PRIMARY KEY (client_id, instrument),
	CHECK ((every_sessions > 0) <> (every_months > 0))
);

-- Treatment plans. seq is the stable order of versions; a new version
-- supersedes a signed one, which stays in the record unchanged.
CREATE TABLE clinical_plans (
	seq          INTEGER PRIMARY KEY,
	id           TEXT NOT NULL UNIQUE,
	client_id    TEXT NOT NULL,
	version      INTEGER NOT NULL,
	supersedes   TEXT REFERENCES clinical_plans(id),
	body         TEXT NOT NULL, -- JSON: problems, goals, objectives, interventions
	review_on    TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	signed_at    TEXT,
	signed_by    TEXT NOT NULL DEFAULT '',
	content_hash BLOB,
	CHECK ((signed_at IS NULL) = (content_hash IS NULL))
);
CREATE INDEX clinical_plans_by_client ON clinical_plans(client_id, seq);
-- A signed plan is superseded by at most one signed plan.
CREATE UNIQUE INDEX clinical_plans_one_successor ON clinical_plans(supersedes)
	WHERE signed_at IS NOT NULL AND supersedes IS NOT NULL;

CREATE TRIGGER clinical_plans_supersede_signed BEFORE INSERT ON clinical_plans
WHEN NEW.supersedes IS NOT NULL AND NOT EXISTS (SELECT 1 FROM clinical_plans p
	WHERE p.id = NEW.supersedes AND p.client_id = NEW.client_id AND p.signed_at IS NOT NULL)
BEGIN
	SELECT RAISE(ABORT, 'a plan can supersede only a signed plan of the same client');
END;

CREATE TRIGGER clinical_plans_signed_frozen_update BEFORE UPDATE ON clinical_plans
WHEN OLD.signed_at IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'plan is signed; revise it as a new version');
END;

CREATE TRIGGER clinical_plans_signed_not_replaced BEFORE INSERT ON clinical_plans
WHEN EXISTS (SELECT 1 FROM clinical_plans WHERE (id = NEW.id OR seq = NEW.seq) AND signed_at IS NOT NULL)
BEGIN
	SELECT RAISE(ABORT, 'plan is signed; revise it as a new version');
END;

CREATE TRIGGER clinical_plans_signed_frozen_delete BEFORE DELETE ON clinical_plans
WHEN OLD.signed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM destruction_pending p WHERE p.client_id = OLD.client_id)
BEGIN
	SELECT RAISE(ABORT, 'plan is signed; revise it as a new version');
END;

-- The goals a note addressed, with progress on each. Frozen once the note
-- is signed, like the note.
CREATE TABLE clinical_goal_links (
	note_id    TEXT NOT NULL,
	goal_id    TEXT NOT NULL,
	plan_id    TEXT NOT NULL REFERENCES clinical_plans(id),
	client_id  TEXT NOT NULL,
	progress   INTEGER NOT NULL CHECK (progress BETWEEN 1 AND 5),
	comment    TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL,
	PRIMARY KEY (note_id, goal_id)
);
CREATE INDEX clinical_goal_links_by_goal ON clinical_goal_links(client_id, goal_id);

CREATE TRIGGER clinical_goal_links_need_draft_insert BEFORE INSERT ON clinical_goal_links
WHEN (SELECT signed_at FROM notes WHERE id = NEW.note_id) IS NOT NULL
	OR NOT EXISTS (SELECT 1 FROM notes WHERE id = NEW.note_id AND client_id = NEW.client_id)
	OR NOT EXISTS (SELECT 1 FROM clinical_plans WHERE id = NEW.plan_id AND client_id = NEW.client_id AND signed_at IS NOT NULL)
BEGIN
	SELECT RAISE(ABORT, 'goals are linked to a draft note of the client, from a signed plan');
END;

CREATE TRIGGER clinical_goal_links_need_draft_update BEFORE UPDATE ON clinical_goal_links
WHEN (SELECT signed_at FROM notes WHERE id = OLD.note_id) IS NOT NULL
	OR NEW.note_id IS NOT OLD.note_id OR NEW.client_id IS NOT OLD.client_id
BEGIN
	SELECT RAISE(ABORT, 'note is signed; its goal links are frozen');
END;

CREATE TRIGGER clinical_goal_links_need_draft_delete BEFORE DELETE ON clinical_goal_links
WHEN (SELECT signed_at FROM notes WHERE id = OLD.note_id) IS NOT NULL
	AND NOT EXISTS (SELECT 1 FROM destruction_pending p WHERE p.client_id = OLD.client_id)
BEGIN
	SELECT RAISE(ABORT, 'note is signed; its goal links are frozen');
END;

-- A draft deleted takes its goal links with it.
CREATE TRIGGER clinical_goal_links_go_with_note BEFORE DELETE ON notes
BEGIN
	DELETE FROM clinical_goal_links WHERE note_id = OLD.id;
END;

-- Diagnoses: only the end date may be set, once.
CREATE TABLE clinical_diagnoses (
	id         TEXT PRIMARY KEY,
	client_id  TEXT NOT NULL,
	code       TEXT NOT NULL,
	start_on   TEXT NOT NULL,
	end_on     TEXT NOT NULL DEFAULT '',
	is_primary INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	CHECK (end_on = '' OR end_on >= start_on)
);
CREATE INDEX clinical_diagnoses_by_client ON clinical_diagnoses(client_id, start_on);

CREATE TRIGGER clinical_diagnoses_end_once BEFORE UPDATE ON clinical_diagnoses
WHEN OLD.end_on <> '' OR NEW.id IS NOT OLD.id OR NEW.client_id IS NOT OLD.client_id OR NEW.code IS NOT OLD.code
	OR NEW.start_on IS NOT OLD.start_on OR NEW.is_primary IS NOT OLD.is_primary OR NEW.created_at IS NOT OLD.created_at
BEGIN
	SELECT RAISE(ABORT, 'a diagnosis can only be ended, once');
END;

CREATE TRIGGER clinical_diagnoses_kept BEFORE DELETE ON clinical_diagnoses
WHEN NOT EXISTS (SELECT 1 FROM destruction_pending p WHERE p.client_id = OLD.client_id)
BEGIN
	SELECT RAISE(ABORT, 'a diagnosis cannot be deleted; end it');
END;

-- The practice's fee per service code, in cents.
CREATE TABLE clinical_fees (
	code  TEXT PRIMARY KEY,
	cents INTEGER NOT NULL CHECK (cents >= 0)
);

CREATE TRIGGER clinical_destroy_with_client AFTER DELETE ON clients
WHEN EXISTS (SELECT 1 FROM destruction_pending p WHERE p.client_id = OLD.id)
BEGIN
	DELETE FROM clinical_goal_links WHERE client_id = OLD.id;
	DELETE FROM clinical_risk_flags WHERE client_id = OLD.id;
	DELETE FROM clinical_risk_assessments WHERE client_id = OLD.id;
	DELETE FROM clinical_measures WHERE client_id = OLD.id;
	DELETE FROM clinical_schedules WHERE client_id = OLD.id;
	DELETE FROM clinical_diagnoses WHERE client_id = OLD.id;
	DELETE FROM clinical_plans WHERE client_id = OLD.id;
END;
