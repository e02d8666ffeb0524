-- The practice's own text of a printed form, edited from the shipped one.
-- One per template (the release authorization's text serves both release
-- forms); without a row the shipped text is used.
CREATE TABLE consent_form_templates (
	template   TEXT PRIMARY KEY,
	text       TEXT NOT NULL,
	updated_at TEXT NOT NULL
) WITHOUT ROWID;
