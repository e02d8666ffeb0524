package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
)

// noteView shows a signed note read-only, with its addenda, and adds a
// new addendum: a dated correction, signed when written.
type noteView struct {
	p    *clientPane
	note *notes.Note

	body      *fyne.Container
	addendum  *widget.Entry
	add       *widget.Button
	print     *widget.Button
	superbill *widget.Button // for a session with a service code

	// The addendum being written autosaves as a draft, like a note.
	dirty  bool
	closed bool
	timer  *time.Timer
}

func (v *noteView) buildUI() fyne.CanvasObject {
	v.body = container.NewVBox()
	v.addendum = &widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: "Write a correction or addition…"}
	if draft, err := v.p.m.notes.AddendumDraft(v.note.ID); err != nil {
		v.p.m.c.showError(err)
	} else {
		v.addendum.SetText(draft)
	}
	v.addendum.OnChanged = func(string) { v.changed() }
	v.addendum.SetMinRowsVisible(3)
	v.add = &widget.Button{Text: "Add addendum…", Icon: theme.ContentAddIcon(), OnTapped: v.onAdd}
	v.print = &widget.Button{Text: "Print or save as PDF…", Icon: theme.DocumentPrintIcon(), Importance: widget.LowImportance, OnTapped: v.onPrint}
	actions := container.NewHBox(v.print)
	if v.note.ServiceCode != "" && v.note.Kind != notes.Psychotherapy {
		v.superbill = &widget.Button{Text: "Superbill…", Icon: theme.DocumentIcon(), Importance: widget.LowImportance, OnTapped: v.onSuperbill}
		actions.Add(v.superbill)
	}
	v.refresh()
	bottom := container.NewVBox(widget.NewSeparator(),
		&widget.Label{Text: "Addendum", TextStyle: fyne.TextStyle{Bold: true}},
		v.addendum, container.NewHBox(actions, layout.NewSpacer(), v.add))
	return container.NewBorder(nil, bottom, nil, nil, activityScroll(v.body, v.p.m.c.idle.touch))
}

// refresh lays the note and its addenda out: the session, the text, and
// each signature in the practice's time zone with its hash.
func (v *noteView) refresh() {
	if v.body == nil {
		return
	}
	n := v.note
	prof, err := v.p.m.consent.Profile()
	if err != nil {
		v.p.m.c.showError(err)
	}
	v.body.RemoveAll()
	v.body.Add(container.NewHBox(
		&widget.Label{Text: kindLabel(n.Kind) + " · " + n.Date, TextStyle: fyne.TextStyle{Bold: true}},
		layout.NewSpacer(),
		&widget.Label{Text: "Signed · read-only", SizeName: captionSize, Importance: widget.SuccessImportance},
	))
	if session := sessionText(n.Session); session != "" {
		v.body.Add(&widget.Label{Text: session, SizeName: captionSize})
	}
	clin := v.p.m.consent.Clinical()
	if dx := noteDiagnosesText(clin, n, false); dx != "" {
		v.body.Add(&widget.Label{Text: dx, SizeName: captionSize, Wrapping: fyne.TextWrapWord})
	}
	if n.Kind == notes.Psychotherapy {
		v.body.Add(&widget.Label{Text: "Psychotherapy note: kept apart from the record.", SizeName: captionSize, Importance: widget.WarningImportance})
	}
	for _, s := range n.Sections {
		if len(n.Sections) > 1 || s.Name != "" {
			v.body.Add(&widget.Label{Text: s.Name, TextStyle: fyne.TextStyle{Bold: true}})
		}
		v.body.Add(&widget.Label{Text: v.p.shown(s.Text), Wrapping: fyne.TextWrapWord, Selectable: true})
	}
	if goals, err := clin.NoteGoalTexts(n.ID); err != nil {
		v.p.m.c.showError(err)
	} else if len(goals) > 0 {
		v.body.Add(&widget.Label{Text: "Treatment plan goals addressed", TextStyle: fyne.TextStyle{Bold: true}})
		for _, g := range goals {
			v.body.Add(&widget.Label{Text: "• " + v.p.shown(g), Wrapping: fyne.TextWrapWord})
		}
	}
	v.body.Add(signatureBlock(prof.SignatureLine(n.SignedBy, n.SignedAt), n.Hash))
	for _, a := range n.Addenda {
		v.body.Add(widget.NewSeparator())
		v.body.Add(&widget.Label{Text: "Addendum · " + a.SignedAt.In(prof.Location()).Format("2 Jan 2006"), TextStyle: fyne.TextStyle{Bold: true, Italic: true}})
		v.body.Add(&widget.Label{Text: v.p.shown(a.Body()), Wrapping: fyne.TextWrapWord, Selectable: true})
		v.body.Add(signatureBlock(prof.SignatureLine(a.SignedBy, a.SignedAt), a.Hash))
	}
}

// signatureBlock shows who signed and when, then the content hash as a
// small footnote on one line that scrolls sideways rather than breaking
// the number.
func signatureBlock(line, hash string) fyne.CanvasObject {
	sig := &widget.Label{Text: line, Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance}
	foot := &widget.Label{Text: "SHA-256 " + hash, SizeName: captionSize, Importance: widget.LowImportance,
		TextStyle: fyne.TextStyle{Monospace: true}, Selectable: true}
	return container.NewVBox(sig, container.NewHScroll(foot))
}

// sessionText says when a note's session was and how it is billed:
// "Session 2026-11-14 · 14:00 to 14:50 · 50 minutes · service code 90834".
// The end is the start plus the minutes (clinical.SessionEnd).
func sessionText(s notes.Session) string {
	parts := []string{"Session " + s.Date}
	if end := clinical.SessionEnd(s); end != "" {
		parts = append(parts, s.Start+" to "+end)
	} else if s.Start != "" {
		parts = append(parts, "started "+s.Start)
	}
	if s.DurationMin > 0 {
		parts = append(parts, itoaMin(s.DurationMin))
	}
	if s.ServiceCode != "" {
		parts = append(parts, "service code "+s.ServiceCode)
	}
	if len(parts) == 1 {
		return ""
	}
	return strings.Join(parts, " · ")
}

func itoaMin(m int) string {
	if m == 1 {
		return "1 minute"
	}
	return strconv.Itoa(m) + " minutes"
}

// onPrint saves the note, with its addenda, as a PDF where the clinician
// chooses; the copy is entered in the client's disclosures.
func (v *noteView) onPrint() {
	v.p.m.c.idle.touch()
	name := strings.ToLower(strings.ReplaceAll(kindLabel(v.note.Kind), " ", "-")) + "-" + v.note.Date + ".pdf"
	printNote(v.p.m.deps(), v.note.ClientID, v.note.ID, name, v.p.m.reloadConsentTab)
}

// onSuperbill writes the superbill of this session, or of its month.
func (v *noteView) onSuperbill() {
	v.p.m.c.idle.touch()
	showSuperbillDialog(v.p.m.deps(), v.note, v.p.m.reloadConsentTab)
}

// changed notes an edit of the addendum and (re)starts the autosave timer.
func (v *noteView) changed() {
	v.p.m.c.idle.touch()
	if v.closed {
		return
	}
	v.dirty = true
	if v.timer != nil {
		v.timer.Stop()
	}
	v.timer = time.AfterFunc(v.p.m.c.autosave, func() {
		fyne.Do(func() {
			if !v.closed {
				if err := v.save(); err != nil {
					v.p.m.c.showError(err)
				}
			}
		})
	})
}

// save writes the addendum draft if it changed: one small durable commit.
func (v *noteView) save() error {
	if v.timer != nil {
		v.timer.Stop()
	}
	if !v.dirty {
		return nil
	}
	if err := v.p.m.notes.SaveAddendumDraft(v.note.ID, v.addendum.Text); err != nil {
		return err
	}
	v.dirty = false
	return nil
}

// close saves the addendum draft; the view is about to go (another note,
// a lock, a quit).
func (v *noteView) close() error {
	err := v.save()
	v.closed = true
	return err
}

// onAdd confirms, then adds and signs the addendum.
func (v *noteView) onAdd() {
	v.p.m.c.idle.touch()
	text := strings.TrimSpace(v.addendum.Text)
	if text == "" {
		dialog.ShowInformation("Write the addendum first", "Type the correction or addition in the field above, then add it.", v.p.m.c.win)
		return
	}
	dialog.ShowConfirm("Add this addendum?",
		"It is dated and signed now, and kept with the note. Like the note, it cannot be changed afterwards.",
		func(ok bool) {
			if ok {
				v.addNow(text)
			}
		}, v.p.m.c.win)
}

// addNow adds the addendum and shows the note again with it.
func (v *noteView) addNow(text string) {
	if _, err := v.p.m.notes.AddAddendum(v.note.ID, text); err != nil {
		v.p.m.c.showError(err)
		return
	}
	n, err := v.p.m.notes.GetNote(v.note.ID)
	if err != nil {
		v.p.m.c.showError(err)
		return
	}
	v.note = n
	v.addendum.SetText("")
	v.dirty = false // the draft went with the addendum
	if v.timer != nil {
		v.timer.Stop()
	}
	v.refresh()
	v.p.reloadNotes(n.ID)
}
