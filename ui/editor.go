package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/notes"
)

// editor writes a draft note: its session details and one field per
// template section. It saves by itself a second after typing pauses, when a
// field loses the focus, and synchronously before the note closes, the
// client changes, the vault locks or the app quits, so no word is lost.
type editor struct {
	p    *clientPane
	note *notes.Note

	sections []*sectionEntry
	date     *widget.Entry
	start    *widget.Entry
	duration *widget.Entry
	code     *widget.Entry
	status   *widget.Label
	session  *widget.Label // what the session still needs before signing
	timing   *widget.Label // when the session ends, and whether its time code fits
	dx       *widget.Label // the diagnoses in effect on the note's date
	goals    *noteGoals    // the plan goals the note addressed, if the client has a plan
	warnings *widget.Label
	sign     *widget.Button
	discard  *widget.Button

	dirty, sessionDirty bool
	timer               *time.Timer
	closed              bool
}

// sectionEntry is a multi-line field that tells the editor when it loses
// the focus, so that the draft is saved then too. Tab moves to the next
// field and Shift+Tab back, as in every form: a tab character would put the
// following words in the wrong section.
type sectionEntry struct {
	widget.Entry
	onBlur func()
}

// AcceptsTab tells the window not to give Tab to the field but to move
// the focus.
func (e *sectionEntry) AcceptsTab() bool { return false }

// TypedKey moves the focus on Tab, should a driver deliver it here all the
// same, and types everything else.
func (e *sectionEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name != fyne.KeyTab {
		e.Entry.TypedKey(k)
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	if d, ok := fyne.CurrentApp().Driver().(interface{ CurrentKeyModifiers() fyne.KeyModifier }); ok && d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0 {
		c.FocusPrevious()
		return
	}
	c.FocusNext()
}

func newSectionEntry(text string, rows int, onChanged func(string), onBlur func()) *sectionEntry {
	e := &sectionEntry{onBlur: onBlur}
	e.MultiLine, e.Wrapping, e.Text, e.OnChanged = true, fyne.TextWrapWord, text, onChanged
	e.SetMinRowsVisible(rows)
	e.ExtendBaseWidget(e)
	return e
}

// FocusLost saves the draft as the user moves on.
func (e *sectionEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onBlur != nil {
		e.onBlur()
	}
}

func (e *editor) buildUI() fyne.CanvasObject {
	e.sessionDefaults()
	n := e.note
	e.status = &widget.Label{Text: "Saved", SizeName: captionSize, Importance: widget.SuccessImportance}
	e.session = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	e.session.Hide()
	e.timing = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: captionSize}
	e.dx = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: captionSize, Importance: widget.LowImportance}
	e.warnings = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	e.warnings.Hide()
	e.sign = &widget.Button{Text: "Sign…", Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: e.onSign}
	e.discard = &widget.Button{Text: "Delete draft", Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: e.onDelete}
	session := func(text, hint string) *widget.Entry {
		return &widget.Entry{Text: text, PlaceHolder: hint, OnChanged: func(string) {
			e.sessionDirty = true
			if e.session.Visible() { // says what is still missing, as it is filled in
				say(e.session, e.missingSession(false))
			}
			e.showTiming()
			e.changed()
		}}
	}
	// The hints say what goes in a field, never a value that could pass
	// for one.
	e.date = session(n.Date, "YYYY-MM-DD")
	e.start = session(n.Start, "HH:MM")
	dur := ""
	if n.DurationMin > 0 {
		dur = strconv.Itoa(n.DurationMin)
	}
	e.duration = session(dur, "Minutes")
	e.code = session(n.ServiceCode, "Code")

	fields := container.NewVBox()
	rows := 6 // a template's sections share the height; a free note takes it all
	if len(n.Sections) == 1 {
		rows = 16
	}
	for _, s := range n.Sections {
		entry := newSectionEntry(s.Text, rows, func(string) { e.dirty = true; e.changed() }, e.onBlur)
		e.sections = append(e.sections, entry)
		fields.Add(&widget.Label{Text: s.Name, TextStyle: fyne.TextStyle{Bold: true}})
		fields.Add(entry)
	}
	if g := newNoteGoals(e); g != nil {
		e.goals = g
		fields.Add(g.box)
	}
	title := &widget.Label{Text: kindLabel(n.Kind) + " · " + templateLabel(n.Template) + " · Draft", TextStyle: fyne.TextStyle{Bold: true}}
	sessionRow := container.NewGridWithColumns(4,
		labelled("Date", e.date), labelled("Start", e.start), labelled("Minutes", e.duration), labelled("Service code", e.code))
	top := container.NewVBox(container.NewHBox(title, layout.NewSpacer(), e.status), sessionRow, e.timing, e.session, e.dx)
	e.showTiming()
	e.showDiagnoses()
	if n.Kind == notes.Psychotherapy {
		top.Add(&widget.Label{Text: "Psychotherapy note: kept apart from the record and left out of releases unless specifically authorized. " +
			"Medications, session times, diagnoses and test results belong in a progress note.",
			Wrapping: fyne.TextWrapWord, SizeName: captionSize, Importance: widget.LowImportance})
	}
	bottom := container.NewVBox(e.warnings, container.NewHBox(e.discard, layout.NewSpacer(),
		&widget.Label{Text: shortcutText(signShortcut), SizeName: captionSize, Importance: widget.LowImportance}, e.sign))
	e.showWarnings()
	return container.NewBorder(top, bottom, nil, nil, activityScroll(fields, e.p.m.c.idle.touch))
}

// sessionDefaults gives a new session note its real session: the start
// is when the note was opened, in the practice's time zone, the length and
// the service code the practice's defaults. They are saved at once, so
// that what the fields show is what the note holds. A note already
// written, or with any of its session filled in, keeps what it has; a
// psychotherapy note holds no session times at all.
func (e *editor) sessionDefaults() {
	n := e.note
	if n.Signed() || !n.Kind.IsSession() || n.Start != "" || n.DurationMin != 0 || n.ServiceCode != "" || !noteBlank(n) {
		return
	}
	prof, err := e.p.m.consent.Profile()
	if err != nil {
		e.p.m.c.showError(err)
		return
	}
	sess := n.Session
	sess.DurationMin, sess.ServiceCode = prof.SessionDefaults()
	sess.Start = n.Created.In(prof.Location()).Format("15:04")
	if err := e.p.m.notes.UpdateSession(n.ID, sess); err != nil {
		e.p.m.c.showError(err)
		return
	}
	e.note.Session = sess
}

// noteBlank reports whether nothing is written in any section of n.
func noteBlank(n *notes.Note) bool {
	for _, s := range n.Sections {
		if strings.TrimSpace(s.Text) != "" {
			return false
		}
	}
	return true
}

// labelled puts a small caption above a field.
func labelled(caption string, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(&widget.Label{Text: caption, SizeName: captionSize, Importance: widget.LowImportance}, o)
}

// changed notes an edit and (re)starts the autosave timer.
func (e *editor) changed() {
	e.p.m.c.idle.touch()
	if e.closed {
		return
	}
	e.status.Importance = widget.LowImportance
	e.status.SetText("Editing…")
	if e.timer != nil {
		e.timer.Stop()
	}
	e.timer = time.AfterFunc(e.p.m.c.autosave, func() {
		fyne.Do(func() {
			if !e.closed {
				e.report(e.save())
			}
		})
	})
}

func (e *editor) onBlur() {
	if !e.closed {
		e.report(e.save())
	}
}

// save writes what changed since the last save: one small durable commit.
func (e *editor) save() error {
	if e.timer != nil {
		e.timer.Stop()
	}
	if !e.dirty && !e.sessionDirty && !e.goals.isDirty() {
		return nil
	}
	var errs []error
	if err := e.goals.save(); err != nil {
		errs = append(errs, err)
	}
	if e.dirty {
		secs := e.currentSections()
		if err := e.p.m.notes.UpdateDraft(e.note.ID, secs); err != nil {
			errs = append(errs, err)
		} else {
			e.note.Sections, e.dirty = secs, false
		}
	}
	if e.sessionDirty {
		sess, err := e.currentSession()
		if err == nil {
			err = e.p.m.notes.UpdateSession(e.note.ID, sess)
		}
		if err != nil {
			errs = append(errs, err)
		} else {
			dateChanged := sess.Date != e.note.Date
			e.note.Session, e.sessionDirty = sess, false
			if dateChanged {
				e.showDiagnoses()
			}
		}
	}
	e.showWarnings()
	return errors.Join(errs...)
}

// report shows the outcome of a save in the status line.
func (e *editor) report(err error) {
	if err != nil {
		title, _ := userMessage(err)
		e.status.Importance = widget.DangerImportance
		e.status.SetText("Not saved: " + title)
		return
	}
	if !e.dirty && !e.sessionDirty && !e.goals.isDirty() {
		e.status.Importance = widget.SuccessImportance
		e.status.SetText("Saved " + e.p.m.now().Format("15:04"))
	}
}

func (e *editor) currentSections() []notes.Section {
	secs := make([]notes.Section, len(e.sections))
	for i, s := range e.sections {
		secs[i] = notes.Section{Name: e.note.Sections[i].Name, Text: s.Text}
	}
	return secs
}

func (e *editor) currentSession() (notes.Session, error) {
	s := notes.Session{Date: strings.TrimSpace(e.date.Text), Start: strings.TrimSpace(e.start.Text), ServiceCode: strings.TrimSpace(e.code.Text)}
	if d := strings.TrimSpace(e.duration.Text); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || n < 0 {
			return s, fmt.Errorf("duration %w", notes.ErrInvalid)
		}
		s.DurationMin = n
	}
	return s, nil
}

// showWarnings lists what a psychotherapy note should not hold.
func (e *editor) showWarnings() {
	text := psychotherapyWarningText(e.note)
	say(e.warnings, text)
}

// psychotherapyWarningText explains the psychotherapy-note warnings of n,
// or is "" when there are none.
func psychotherapyWarningText(n *notes.Note) string {
	ws := notes.PsychotherapyWarnings(n)
	if len(ws) == 0 {
		return ""
	}
	topics := map[string]string{"medication": "a medication", "session-time": "session start or stop times",
		"diagnosis": "a diagnosis", "test-result": "test results"}
	seen := map[string]bool{}
	var parts []string
	for _, w := range ws {
		t := topics[w.Topic]
		if t == "" {
			t = w.Topic
		}
		key := t + " (" + w.Section + ")"
		if !seen[key] {
			seen[key] = true
			parts = append(parts, key)
		}
	}
	return "This psychotherapy note mentions " + strings.Join(parts, ", ") + ". " +
		"That is not protected as a psychotherapy note: it belongs in a progress note, which is part of the record."
}

// close saves and stops the autosave; the editor is about to go.
func (e *editor) close() error {
	err := e.save()
	e.closed = true
	return err
}

// missingSession says what a session note still needs before it can be
// signed, and with focus puts the cursor in the first field missing; ""
// when nothing is missing.
func (e *editor) missingSession(focus bool) string {
	if !e.note.Kind.IsSession() {
		return ""
	}
	sess, _ := e.currentSession()
	missing := sess.Missing()
	if missing == nil {
		return ""
	}
	first := map[string]*widget.Entry{"the start time": e.start, "the length in minutes": e.duration, "the service code": e.code}[missing[0]]
	if c := fyne.CurrentApp().Driver().CanvasForObject(first); focus && c != nil {
		c.Focus(first)
	}
	return "Before signing, fill in " + joinAnd(missing) + " of the session."
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// onSign asks for confirmation, then signs. A session note without its
// start, length and service code is not signed: the editor says what is
// missing beside the fields.
func (e *editor) onSign() {
	e.p.m.c.idle.touch()
	if err := e.save(); err != nil {
		e.report(err)
		e.p.m.c.showError(err)
		return
	}
	e.report(nil)
	if msg := e.missingSession(true); msg != "" {
		say(e.session, msg)
		return
	}
	say(e.session, "")
	if msg := e.goals.unfinished(); msg != "" {
		say(e.session, msg)
		return
	}
	if chk := e.timeCheck(); !chk.OK {
		e.confirmMismatch(chk)
		return
	}
	e.confirmSign(false)
}

// confirmSign asks for confirmation, then signs; accepted says the
// clinician chose to sign a time code that does not fit the minutes.
func (e *editor) confirmSign(accepted bool) {
	msg := "Once signed, this note is frozen: it cannot be changed or deleted. Later corrections are added as dated addenda."
	if w := psychotherapyWarningText(e.note); w != "" {
		msg = w + "\n\n" + msg
	}
	label := &widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}
	dlg := dialog.NewCustomConfirm("Sign this note?", "Sign note", "Not yet", label, func(ok bool) {
		if ok {
			e.signNow(accepted)
		}
	}, e.p.m.c.win)
	dlg.Resize(fyne.NewSize(480, 240))
	dlg.Show()
}

// signNow signs the draft and shows it read-only. The time code is
// checked again as it is signed (clinical.Store.SignNote), unless the
// clinician accepted the mismatch.
func (e *editor) signNow(acceptMismatch bool) {
	if err := e.save(); err != nil {
		e.p.m.c.showError(err)
		return
	}
	n, _, err := e.p.m.consent.Clinical().SignNote(e.note.ID, acceptMismatch)
	if err != nil {
		e.p.m.c.showError(err)
		return
	}
	e.closed = true
	p := e.p
	p.editor = nil
	if c, err := p.m.notes.GetClient(p.client.ID); err == nil { // signing moved the last contact
		p.client = c
		p.refreshNames()
	}
	p.reloadNotes("")
	p.openNote(n.ID)
}

// onDelete removes the draft after confirmation.
func (e *editor) onDelete() {
	dialog.ShowConfirm("Delete this draft?", "The draft and everything written in it will be gone.", func(ok bool) {
		if !ok {
			return
		}
		e.closed = true
		if e.timer != nil {
			e.timer.Stop()
		}
		if err := e.p.m.notes.DeleteDraft(e.note.ID); err != nil {
			e.p.m.c.showError(err)
			return
		}
		p := e.p
		p.editor = nil
		p.noteArea.Objects = []fyne.CanvasObject{p.emptyNote()}
		p.noteArea.Refresh()
		p.reloadNotes("")
	}, e.p.m.c.win)
}
