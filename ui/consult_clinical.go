package ui

import (
	"fmt"

	"github.com/confidenotes/confide/notes"
)

// The clinical summary in a consultation: the client's measures (scores
// are not identifiers) and the current plan's goals
// (clinical.Store.ConsultationText), disguised with the consultation's
// mapping and edits like its notes (notes.Store.PrepareText), so a person
// the goals name keeps the pseudonym the notes give them. It is a tab of
// the review beside the notes, and part of what is copied or saved.

const (
	consultClinicalChoice = "The measures and treatment plan goals (the clinical summary)"
	consultClinicalTab    = "Clinical summary"
)

// prepareClinical disguises the clinical summary, when it goes and the
// client has one, as a prepared text without a note id. It reports false
// after showing the error.
func (r *consultReview) prepareClinical() ([]*notes.Prepared, bool) {
	if !r.clinical {
		return nil, true
	}
	text, err := r.p.d.consent.Clinical().ConsultationText(r.p.clientID)
	if err != nil {
		r.p.d.showErr(err)
		return nil, false
	}
	if text == "" {
		return nil, true
	}
	res, err := r.p.d.notes.PrepareText(r.k.ID, text)
	if err != nil {
		r.p.d.showErr(err)
		return nil, false
	}
	return []*notes.Prepared{{Original: text, Result: *res}}, true
}

// heading names the i-th prepared text in what is copied or saved: "Note
// 2 (progress)", or the clinical summary. Never a real date.
func (r *consultReview) heading(i int, pr *notes.Prepared) string {
	if pr.NoteID == "" {
		return "Clinical summary (measures and treatment plan goals)"
	}
	return fmt.Sprintf("Note %d (%s)", i+1, r.p.noteKinds[pr.NoteID])
}
