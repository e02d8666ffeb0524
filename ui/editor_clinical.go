package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
)

// The clinical record in the note editor: when the session ends and
// whether its psychotherapy time code fits the minutes (checked again
// before signing, with a way to sign anyway), the diagnoses in effect on
// the note's date, and the treatment plan goals a progress note
// addressed, each with its progress and a sentence.

// timeCheck checks the service code in the fields against the minutes.
func (e *editor) timeCheck() clinical.TimeCheck {
	sess, _ := e.currentSession()
	return clinical.CheckTimeCode(sess.ServiceCode, sess.DurationMin)
}

// showTiming says when the session ends and, for a psychotherapy time
// code, whether it fits the minutes.
func (e *editor) showTiming() {
	if e.timing == nil {
		return
	}
	sess, _ := e.currentSession()
	var parts []string
	if end := clinical.SessionEnd(sess); end != "" {
		parts = append(parts, "Ends "+end+".")
	}
	chk := clinical.CheckTimeCode(sess.ServiceCode, sess.DurationMin)
	switch {
	case chk.Checked && chk.OK:
		parts = append(parts, fmt.Sprintf("%d minutes fit %s.", sess.DurationMin, sess.ServiceCode))
	case chk.Checked:
		parts = append(parts, timeCodeAdvice(chk))
	}
	e.timing.Importance = widget.LowImportance
	if chk.Checked && !chk.OK {
		e.timing.Importance = widget.WarningImportance
	}
	say(e.timing, strings.Join(parts, " "))
}

// timeCodeAdvice words a time code that does not fit: the reason and the
// code that fits.
func timeCodeAdvice(chk clinical.TimeCheck) string {
	s := strings.ToUpper(chk.Reason[:1]) + chk.Reason[1:] + "."
	if chk.Fits != "" {
		s += " Use " + chk.Fits + ", or sign as it is."
	}
	return s
}

// confirmMismatch says, before signing, that the time code does not fit
// the minutes, and offers the code that fits, signing as it is, or going
// back.
func (e *editor) confirmMismatch(chk clinical.TimeCheck) {
	var dlg *dialog.CustomDialog
	buttons := container.NewHBox(layout.NewSpacer(), &widget.Button{Text: "Not yet", OnTapped: func() { dlg.Hide() }})
	if chk.Fits != "" {
		fits := chk.Fits
		buttons.Add(&widget.Button{Text: "Use " + fits, Importance: widget.HighImportance, OnTapped: func() {
			dlg.Hide()
			e.code.SetText(fits)
			if err := e.save(); err != nil {
				e.report(err)
				e.p.m.c.showError(err)
				return
			}
			e.report(nil)
			e.confirmSign(false)
		}})
	}
	buttons.Add(&widget.Button{Text: "Sign as it is", OnTapped: func() { dlg.Hide(); e.confirmSign(true) }})
	msg := &widget.Label{Text: timeCodeAdvice(chk) + "\n\nThe psychotherapy codes follow the minutes: 90832 for 16 to 37, 90834 for 38 to 52, 90837 for 53 or more.",
		Wrapping: fyne.TextWrapWord}
	dlg = dialog.NewCustomWithoutButtons("The service code does not fit the session's length",
		container.NewBorder(nil, buttons, nil, nil, msg), e.p.m.c.win)
	dlg.Resize(fyne.NewSize(520, 240))
	dlg.Show()
}

// showDiagnoses shows the diagnoses in effect on the note's date; a
// psychotherapy note holds none.
func (e *editor) showDiagnoses() {
	if e.dx == nil {
		return
	}
	say(e.dx, noteDiagnosesText(e.p.m.consent.Clinical(), e.note, true))
}

// noteDiagnosesText words the diagnoses in effect on a note's date, ""
// for a psychotherapy note or a date that cannot be read; with none in
// effect, it says so only if asked (the editor, where it can be acted on).
func noteDiagnosesText(clin *clinical.Store, n *notes.Note, sayNone bool) string {
	if n.Kind == notes.Psychotherapy {
		return ""
	}
	ds, err := clin.DiagnosesOn(n.ClientID, n.Date)
	if err != nil {
		return ""
	}
	if len(ds) == 0 {
		if !sayNone {
			return ""
		}
		return "No diagnosis in effect on " + n.Date + " (diagnoses are on the Plan tab)."
	}
	var lines []string
	for _, d := range ds {
		lines = append(lines, clinical.DiagnosisLine(d))
	}
	return "Diagnoses on " + n.Date + ": " + strings.Join(lines, "; ") + "."
}

// noteGoals are the goals of the client's current plan as a progress
// note's editor offers them: a tick for each goal the session addressed,
// the progress on it and a sentence, saved with the note.
type noteGoals struct {
	e     *editor
	plan  *clinical.Plan
	box   *fyne.Container
	rows  []*goalRow
	dirty bool
}

type goalRow struct {
	goal     clinical.Goal
	check    *widget.Check
	progress *widget.Select
	comment  *widget.Entry
	linked   bool // saved as linked
}

// progressChoices are the points of the progress scale, as the editor
// offers them.
var progressChoices = clinical.ProgressLabels[1:]

// newNoteGoals builds the goals of a progress note's editor; nil for
// other notes. Without a signed plan it says where one is made.
func newNoteGoals(e *editor) *noteGoals {
	if e.note.Kind != notes.Progress {
		return nil
	}
	clin := e.p.m.consent.Clinical()
	g := &noteGoals{e: e, box: container.NewVBox(&widget.Label{Text: "Treatment plan goals addressed", TextStyle: fyne.TextStyle{Bold: true}})}
	cur, err := clin.CurrentPlan(e.note.ClientID)
	if err != nil {
		e.p.m.c.showError(err)
		return nil
	}
	if cur == nil {
		g.box.Add(&widget.Label{Text: "No signed treatment plan yet: once one is signed on the Plan tab, the goals a session addressed are linked here.",
			Wrapping: fyne.TextWrapWord, SizeName: captionSize, Importance: widget.LowImportance})
		return g
	}
	g.plan = cur
	links, err := clin.NoteGoals(e.note.ID)
	if err != nil {
		e.p.m.c.showError(err)
	}
	for _, goal := range cur.Goals() {
		r := &goalRow{goal: goal}
		r.check = &widget.Check{Text: goal.Text, OnChanged: func(bool) { g.changed() }}
		r.progress = &widget.Select{Options: progressChoices, PlaceHolder: "Progress", OnChanged: func(string) {
			if !r.check.Checked {
				r.check.SetChecked(true) // choosing the progress ticks the goal
			}
			g.changed()
		}}
		r.comment = &widget.Entry{PlaceHolder: "A sentence on the progress", OnChanged: func(string) { g.changed() }}
		if i := slices.IndexFunc(links, func(l clinical.GoalLink) bool { return l.GoalID == goal.ID }); i >= 0 {
			r.linked = true
			r.check.Checked = true
			r.progress.Selected = clinical.ProgressLabels[links[i].Progress]
			r.comment.Text = links[i].Comment
		}
		g.rows = append(g.rows, r)
		g.box.Add(r.check)
		g.box.Add(container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel("    "), r.progress), nil, r.comment))
	}
	return g
}

func (g *noteGoals) changed() {
	g.dirty = true
	g.e.changed()
}

func (g *noteGoals) isDirty() bool { return g != nil && g.dirty }

// save links each ticked goal with a progress chosen, and unlinks those
// no longer ticked.
func (g *noteGoals) save() error {
	if !g.isDirty() {
		return nil
	}
	clin := g.e.p.m.consent.Clinical()
	for _, r := range g.rows {
		p := slices.Index(clinical.ProgressLabels, r.progress.Selected)
		switch {
		case r.check.Checked && p >= 1:
			if _, err := clin.LinkGoal(g.e.note.ID, r.goal.ID, p, r.comment.Text); err != nil {
				return err
			}
			r.linked = true
		case !r.check.Checked && r.linked:
			if err := clin.UnlinkGoal(g.e.note.ID, r.goal.ID); err != nil {
				return err
			}
			r.linked = false
		}
	}
	g.dirty = false
	return nil
}

// unfinished says what stops the goals from being signed: a goal ticked
// without its progress; "" when nothing does.
func (g *noteGoals) unfinished() string {
	if g == nil {
		return ""
	}
	for _, r := range g.rows {
		if r.check.Checked && r.progress.Selected == "" {
			return fmt.Sprintf("Before signing, choose the progress on the goal “%s”, or untick it.", r.goal.Text)
		}
	}
	return ""
}
