-- Who signed a note: the clinician's name and credentials from the practice
-- profile at the moment of signing ("Jane Porter, LCSW"); empty for a note
-- signed before any profile was recorded. Set once, by the statement that
-- signs, and frozen with the note like everything else.
ALTER TABLE notes ADD COLUMN signed_by TEXT NOT NULL DEFAULT '';
