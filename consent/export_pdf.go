package consent

import (
	"fmt"

	"github.com/confidenotes/confide/notes"
)

// chartDoc prints a chart: who and what on the first page, then each note
// with its session, its text, its signature and its addenda, then the
// sections other packages add.
func (s *Store) chartDoc(ch *Chart) (*Doc, error) {
	title := "Clinical record"
	if len(ch.Scope.NoteIDs) == 1 && len(ch.Notes) == 1 {
		title = kindName(ch.Notes[0].Kind) + " note"
	}
	doc := NewDocWith(title, ch.Client.Name, DocOptionsFor(ch.Practice))
	doc.Title(title)
	rows := [][2]string{{"Client", ch.Client.Name}}
	if ch.Client.DOB != "" {
		rows = append(rows, [2]string{"Date of birth", ch.Client.DOB})
	}
	period := "the whole record"
	switch {
	case len(ch.Scope.NoteIDs) > 0:
		period = countOf(len(ch.Notes), "note chosen", "notes chosen")
	case ch.Scope.From != "" || ch.Scope.To != "":
		period = fmt.Sprintf("sessions from %s to %s", orOpen(ch.Scope.From, "the start"), orOpen(ch.Scope.To, "today"))
	}
	rows = append(rows,
		[2]string{"Includes", period},
		[2]string{"Printed", ch.Practice.FormatTime(ch.ExportedAt) + " by " + ch.ExportedBy},
		[2]string{"Export", ch.ExportID},
	)
	doc.Fields(rows)
	if !ch.Scope.PsychotherapyNotes {
		doc.Paragraph("Psychotherapy notes, if any, are kept apart from the record and are not part of this copy (45 CFR 164.501).")
	}
	if ch.Client.Part2 {
		doc.Paragraph(NoticePart2)
	}
	if len(ch.Notes) == 0 {
		doc.Heading("Notes")
		doc.Paragraph("No signed note falls within what was asked for.")
	}
	for i, n := range ch.Notes {
		if i > 0 {
			doc.Rule()
		}
		rn := printable(n)
		if err := s.annotate(&rn, &n); err != nil {
			return nil, err
		}
		doc.releasedNote(rn, ch.Practice, false, false)
	}
	for _, sec := range ch.sections {
		if err := sec.Print(doc, ch.Sections[sec.Key()]); err != nil {
			return nil, fmt.Errorf("chart section %s: %w", sec.Key(), err)
		}
	}
	return doc, nil
}

// printable is a note as the release's printer takes it: every section
// released whole.
func printable(n notes.Note) ReleasedNote {
	rn := ReleasedNote{ID: n.ID, Kind: n.Kind, Session: n.Session, SignedAt: n.SignedAt, SignedBy: n.SignedBy, Hash: n.Hash,
		Sections: wholeSections(n.Sections)}
	for _, a := range n.Addenda {
		rn.Addenda = append(rn.Addenda, printable(a))
	}
	return rn
}
