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
	warnings *widget.Label
	sign     *widget.Button
	discard  *widget.Button

	dirty, sessionDirty bool
	timer               *time.Timer
	closed              bool
}

// sectionEntry is a multi-line field that tells the editor when it loses
// the focus, so that the draft is saved then too.
type sectionEntry struct {
	widget.Entry
	onBlur func()
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
	n := e.note
	e.status = &widget.Label{Text: "Saved", SizeName: captionSize, Importance: widget.SuccessImportance}
	e.warnings = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	e.warnings.Hide()
	e.sign = &widget.Button{Text: "Sign…", Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: e.onSign}
	e.discard = &widget.Button{Text: "Delete draft", Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: e.onDelete}
	session := func(text, hint string) *widget.Entry {
		return &widget.Entry{Text: text, PlaceHolder: hint, OnChanged: func(string) { e.sessionDirty = true; e.changed() }}
	}
	e.date = session(n.Date, "2026-03-14")
	e.start = session(n.Start, "14:00")
	dur := ""
	if n.DurationMin > 0 {
		dur = strconv.Itoa(n.DurationMin)
	}
	e.duration = session(dur, "50")
	e.code = session(n.ServiceCode, "90834")

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
	title := &widget.Label{Text: kindLabel(n.Kind) + " · " + templateLabel(n.Template) + " · Draft", TextStyle: fyne.TextStyle{Bold: true}}
	sessionRow := container.NewGridWithColumns(4,
		labelled("Date", e.date), labelled("Start", e.start), labelled("Minutes", e.duration), labelled("Service code", e.code))
	top := container.NewVBox(container.NewHBox(title, layout.NewSpacer(), e.status), sessionRow)
	if n.Kind == notes.Psychotherapy {
		top.Add(&widget.Label{Text: "Psychotherapy note: kept apart from the record and left out of releases unless specifically authorized. " +
			"Medications, session times, diagnoses and test results belong in a progress note.",
			Wrapping: fyne.TextWrapWord, SizeName: captionSize, Importance: widget.LowImportance})
	}
	bottom := container.NewVBox(e.warnings, container.NewHBox(e.discard, layout.NewSpacer(),
		&widget.Label{Text: keyLabel(signShortcut), SizeName: captionSize, Importance: widget.LowImportance}, e.sign))
	e.showWarnings()
	return container.NewBorder(top, bottom, nil, nil, activityScroll(fields, e.p.m.c.idle.touch))
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
	if !e.dirty && !e.sessionDirty {
		return nil
	}
	var errs []error
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
			e.note.Session, e.sessionDirty = sess, false
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
	if !e.dirty && !e.sessionDirty {
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

// onSign asks for confirmation, then signs.
func (e *editor) onSign() {
	e.p.m.c.idle.touch()
	if err := e.save(); err != nil {
		e.report(err)
		e.p.m.c.showError(err)
		return
	}
	e.report(nil)
	msg := "Once signed, this note is frozen: it cannot be changed or deleted. Later corrections are added as dated addenda."
	if w := psychotherapyWarningText(e.note); w != "" {
		msg = w + "\n\n" + msg
	}
	label := &widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}
	dlg := dialog.NewCustomConfirm("Sign this note?", "Sign note", "Not yet", label, func(ok bool) {
		if ok {
			e.signNow()
		}
	}, e.p.m.c.win)
	dlg.Resize(fyne.NewSize(480, 240))
	dlg.Show()
}

// signNow signs the draft and shows it read-only.
func (e *editor) signNow() {
	if err := e.save(); err != nil {
		e.p.m.c.showError(err)
		return
	}
	n, err := e.p.m.notes.Sign(e.note.ID)
	if err != nil {
		e.p.m.c.showError(err)
		return
	}
	e.closed = true
	p := e.p
	p.editor = nil
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
