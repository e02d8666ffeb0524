package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/notes/disguise"
)

// releaseMarkCategories are what a text the clinician marks can be.
var releaseMarkCategories = []disguise.Category{disguise.Name, disguise.Location, disguise.Phone, disguise.Email,
	disguise.ID, disguise.Date, disguise.Org, disguise.Other}

// releaseReview is step 4: the preview of every note as it will be
// released, each redaction a marked box with its category, which the
// clinician can undo; text the detector missed can be marked; withheld
// notes and the notices are listed.
type releaseReview struct {
	w        *releaseWizard
	preview  *consent.ReleasePreview
	box      *fyne.Container
	markText *keyEntry
	markCat  *keySelect
}

func (s *releaseReview) title() string { return "Review what is released" }

func (s *releaseReview) buildUI() fyne.CanvasObject {
	s.box = container.NewVBox(widget.NewLabel("Preparing the preview…"))
	s.markText = newField("", "Text the redactions missed, e.g. a name")
	s.markText.OnSubmitted = func(string) { s.onMark() } // Enter redacts it, rather than moving on
	var cats []string
	for _, c := range releaseMarkCategories {
		cats = append(cats, string(c))
	}
	s.markCat = newKeySelect(cats, nil)
	s.markCat.Selected = string(disguise.Name)
	mark := container.NewBorder(nil, nil, widget.NewLabel("Also redact:"),
		container.NewHBox(s.markCat, &widget.Button{Text: "Redact it", Icon: theme.ContentAddIcon(), OnTapped: s.onMark}), s.markText)
	s.refresh()
	return container.NewBorder(nil, mark, nil, nil, formScroll(s.box))
}

// refresh applies the clinician's edits and works out the preview again,
// in the background.
func (s *releaseReview) refresh() {
	r := s.w.rel
	if err := r.SetEdits(s.w.edits); err != nil {
		s.w.refused(err)
		return
	}
	var p *consent.ReleasePreview
	s.w.work(func() (err error) {
		p, err = r.Preview()
		return err
	}, func(err error) {
		if err != nil {
			s.w.next.Disable()
			s.w.refused(err)
			return
		}
		s.preview = p
		s.render()
	})
}

// render shows the preview.
func (s *releaseReview) render() {
	p := s.preview
	objs := []fyne.CanvasObject{panelNote(fmt.Sprintf("%s included, %s withheld, %s. Redacted text never reaches the PDF; "+
		"undo a redaction only for text the recipient may see.", releaseCount(len(p.Notes), "note"),
		releaseCount(len(p.Withheld), "note"), releaseCount(len(p.Redactions), "redaction")))}
	objs = append(objs, s.editRows()...)
	objs = append(objs, s.clinicalView()...)
	for _, n := range p.Notes {
		objs = append(objs, s.noteView(n, "")...)
	}
	if len(p.Consents) > 0 {
		objs = append(objs, releaseHeading("Consents included"))
		for _, c := range p.Consents {
			objs = append(objs, widget.NewLabel(fmt.Sprintf("%s, signed %s", c.Type, c.Signed)))
		}
	}
	objs = append(objs, releaseHeading("Withheld"))
	if len(p.Withheld) == 0 {
		objs = append(objs, widget.NewLabel("Nothing is withheld."))
	}
	for _, h := range p.Withheld {
		objs = append(objs, panelNote(fmt.Sprintf("%s, %s: %s", releaseKindLabel(h.Kind), h.Date, h.Reason)))
	}
	objs = append(objs, releaseHeading("Notices printed with the release"))
	for _, n := range p.Notices {
		objs = append(objs, panelNote(n))
	}
	s.box.Objects = objs
	s.box.Refresh()
}

// editRows list the clinician's changes so far, each one reversible.
func (s *releaseReview) editRows() []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for i, k := range s.w.edits.Keep {
		rows = append(rows, container.NewBorder(nil, nil, nil,
			&widget.Button{Text: "Redact again", OnTapped: func() { s.onRedactAgain(i) }},
			widget.NewLabel(fmt.Sprintf("Left as written: “%s”", k))))
	}
	for i, m := range s.w.edits.Add {
		rows = append(rows, container.NewBorder(nil, nil, nil,
			&widget.Button{Text: "Undo", OnTapped: func() { s.onUnmark(i) }},
			widget.NewLabel(fmt.Sprintf("Redacted by you (%s): “%s”", m.Category, m.Text))))
	}
	if rows != nil {
		rows = append([]fyne.CanvasObject{releaseHeading("Your changes")}, rows...)
	}
	return rows
}

// noteView is one note as released, with its redactions listed under it
// and its addenda after it.
func (s *releaseReview) noteView(n consent.ReleasedNote, prefix string) []fyne.CanvasObject {
	objs := s.sectionsView(n, fmt.Sprintf("%s%s, %s", prefix, releaseKindLabel(n.Kind), n.Session.Date))
	for _, a := range n.Addenda {
		objs = append(objs, s.noteView(a, "Addendum: ")...)
	}
	for _, d := range n.Disagreements {
		objs = append(objs, s.sectionsView(d, "Amendment denied "+d.Session.Date+": the client's statement of disagreement, which goes with this note")...)
	}
	return objs
}

// sectionsView is a heading and the sections of a note as released, each
// with its redactions.
func (s *releaseReview) sectionsView(n consent.ReleasedNote, heading string) []fyne.CanvasObject {
	objs := []fyne.CanvasObject{releaseHeading(heading)}
	for _, sec := range n.Sections {
		reds := slices.DeleteFunc(slices.Clone(s.preview.Redactions), func(d consent.Redaction) bool {
			return d.NoteID != n.ID || d.Section != sec.Name
		})
		if len(n.Sections) > 1 {
			objs = append(objs, &widget.Label{Text: sec.Name, TextStyle: fyne.TextStyle{Italic: true}})
		}
		objs = append(objs, &widget.RichText{Segments: releaseSegments(sec.Parts, reds), Wrapping: fyne.TextWrapWord, Scroll: container.ScrollNone})
		for _, d := range reds {
			objs = append(objs, s.redactionRow(d))
		}
	}
	return objs
}

// redactionRow is one redaction: its box, what it hides and its undo.
func (s *releaseReview) redactionRow(d consent.Redaction) fyne.CanvasObject {
	how := "found"
	undo := &widget.Button{Text: "Undo", Importance: widget.LowImportance, OnTapped: func() { s.onKeep(d.Original) }}
	if d.Marked {
		how = "marked by you"
		undo.OnTapped = func() { s.onUnmarkText(d.Original) }
	}
	text := widget.NewLabel(fmt.Sprintf("“%s” (%s)", d.Original, how))
	return container.NewBorder(nil, nil, container.NewCenter(releaseBox(string(d.Category))), undo, text)
}

// onKeep undoes a redaction: the text is left as written wherever it
// occurs in this release.
func (s *releaseReview) onKeep(text string) {
	if !slices.Contains(s.w.edits.Keep, text) {
		s.w.edits.Keep = append(s.w.edits.Keep, text)
	}
	s.refresh()
}

func (s *releaseReview) onRedactAgain(i int) {
	s.w.edits.Keep = slices.Delete(s.w.edits.Keep, i, i+1)
	s.refresh()
}

// onMark redacts a text the detector missed, wherever it occurs.
func (s *releaseReview) onMark() {
	text := strings.TrimSpace(s.markText.Text)
	if text == "" {
		s.w.say("Type the text to redact first.")
		return
	}
	s.w.say("")
	s.w.edits.Add = append(s.w.edits.Add, notes.Mark{Text: text, Category: disguise.Category(s.markCat.Selected)})
	s.markText.SetText("")
	s.refresh()
}

func (s *releaseReview) onUnmark(i int) {
	s.w.edits.Add = slices.Delete(s.w.edits.Add, i, i+1)
	s.refresh()
}

// onUnmarkText removes the marks that redacted text.
func (s *releaseReview) onUnmarkText(text string) {
	s.w.edits.Add = slices.DeleteFunc(s.w.edits.Add, func(m notes.Mark) bool { return strings.EqualFold(m.Text, text) })
	s.refresh()
}

func (s *releaseReview) onNext() {
	if s.preview == nil {
		return
	}
	s.w.advance()
}

// releaseHeading is a bold line that starts a part of the preview.
func releaseHeading(text string) *widget.Label {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}}
}

// releaseKindLabel names a note kind for people.
func releaseKindLabel(k notes.Kind) string {
	if k == notes.Psychotherapy {
		return "Psychotherapy note"
	}
	for _, rk := range releaseKinds {
		if rk.kind == k {
			return strings.TrimSuffix(strings.TrimSuffix(rk.label, "s"), " summary")
		}
	}
	return string(k)
}

// releaseCount says "1 note", "3 notes", "2 addenda".
func releaseCount(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case noun == "addendum":
		return fmt.Sprintf("%d addenda", n)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
