package ui

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// Texts of the release fixture: the client, the people in her life, and a
// psychotherapy note that must never reach a release to the client.
const (
	releaseClientName = "Maria Garcia"
	releasePsychText  = "PSYCHNOTE private hypotheses about attachment"
	releaseProgress   = "Maria argued about money with Daniel. Lucia called during the session."
)

// releaseThirdParties are names that a release must redact.
var releaseThirdParties = []string{"Daniel", "Lucia"}

// releaseFixture is a fresh vault with a client who has related people,
// a signed progress note and a signed psychotherapy note, and the
// panelDeps the wizard gets from the window.
type releaseFixture struct {
	t      *testing.T
	now    time.Time
	dir    string // where the test saves releases
	notes  *notes.Store
	store  *consent.Store
	client string
	errs   []error
}

func newReleaseFixture(t *testing.T) *releaseFixture {
	t.Helper()
	f := &releaseFixture{t: t, now: time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC), dir: t.TempDir()}
	clock := func() time.Time { return f.now }
	v, _, err := vault.Create(filepath.Join(t.TempDir(), "vault"), vault.CreateOptions{}, vault.Clock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	if f.notes, err = notes.Open(v, notes.WithClock(clock)); err != nil {
		t.Fatal(err)
	}
	if f.store, err = consent.Open(v, consent.WithClock(clock)); err != nil {
		t.Fatal(err)
	}
	c, err := f.notes.AddClient(notes.Client{Name: releaseClientName, DOB: "1985-07-04",
		Related: []notes.Person{{Name: "Daniel Garcia", Relation: "husband"}, {Name: "Lucia Ramos", Relation: "sister"}}})
	if err != nil {
		t.Fatal(err)
	}
	f.client = c.ID
	f.note(notes.Progress, "2026-03-10", releaseProgress)
	f.note(notes.Psychotherapy, "2026-03-10", releasePsychText+".")
	return f
}

// note adds a signed note of one section.
func (f *releaseFixture) note(kind notes.Kind, date, text string) {
	f.t.Helper()
	n, err := f.notes.NewDraft(notes.Draft{ClientID: f.client, Kind: kind, Session: notes.Session{Date: date, Start: "10:00", DurationMin: 50, ServiceCode: "90834"},
		Sections: []notes.Section{{Name: "Note", Text: text}}})
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.notes.Sign(n.ID); err != nil {
		f.t.Fatal(err)
	}
}

// authorization records an authorization of the client for recipient,
// adjusted by edit.
func (f *releaseFixture) authorization(recipient string, edit func(a *consent.Authorization)) {
	f.t.Helper()
	a := consent.Authorization{ClientID: f.client, Info: "progress notes of 2026", Discloser: "Dr. Lee",
		Recipient: recipient, RecipientAddress: "2 Clinic Rd", Purpose: "continuity of care",
		Expires: "2026-12-31", Signed: "2026-03-01", Signer: "the client"}
	if edit != nil {
		edit(&a)
	}
	if _, err := f.store.AddAuthorization(a); err != nil {
		f.t.Fatal(err)
	}
}

// open shows the wizard over a headless main window, saving releases in
// the fixture's folder instead of asking with the file dialog.
func (f *releaseFixture) open() (*releaseWizard, fyne.Window) {
	f.t.Helper()
	test.NewTempApp(f.t)
	w := test.NewTempWindow(f.t, widget.NewLabel("main window"))
	w.Resize(fyne.NewSize(1000, 760))
	d := panelDeps{win: w, notes: f.notes, consent: f.store, now: func() time.Time { return f.now },
		showErr: func(err error) { f.errs = append(f.errs, err) },
		copy:    func(string) {}, privacy: func() bool { return false }}
	wiz := newReleaseWizard(d, f.client)
	if wiz == nil {
		f.t.Fatalf("the wizard did not open: %v", errors.Join(f.errs...))
	}
	wiz.saveAs = func(name string, done func(string)) { done(filepath.Join(f.dir, name)) }
	releasePending = nil // what a failed test left
	wiz.spawn = func(job func()) { releasePending = append(releasePending, job) }
	wiz.show()
	return wiz, w
}

// noErrors fails the test if the wizard reported an error.
func (f *releaseFixture) noErrors() {
	f.t.Helper()
	if len(f.errs) > 0 {
		f.t.Fatalf("the wizard reported: %v", errors.Join(f.errs...))
	}
}

// releaseWalk visits every visible object of the wizard.
func releaseWalk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	if p := plain(o); p != o {
		visit(p)
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			releaseWalk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			releaseWalk(c, visit)
		}
	}
}

// releaseShown is the text of the wizard's visible labels, rich texts,
// checks, buttons and entries, one per line.
func releaseShown(wiz *releaseWizard) string {
	var b strings.Builder
	releaseWalk(wiz.root, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
		case *widget.Check:
			b.WriteString("[ ] " + x.Text + "\n")
		case *widget.Button:
			b.WriteString("[" + x.Text + "]\n")
		case *widget.Entry:
			b.WriteString("<" + x.Text + ">\n")
		}
	})
	return b.String()
}

// releaseFind returns the first visible object of type T that match accepts.
func releaseFind[T fyne.CanvasObject](t *testing.T, wiz *releaseWizard, what string, match func(T) bool) T {
	t.Helper()
	var found T
	ok := false
	releaseWalk(wiz.root, func(o fyne.CanvasObject) {
		if x, is := o.(T); is && !ok && match(x) {
			found, ok = x, true
		}
	})
	if !ok {
		t.Fatalf("no %s; the wizard shows:\n%s", what, releaseShown(wiz))
	}
	return found
}

// releaseTap taps the visible button labelled text and waits for the work
// it starts.
func releaseTap(t *testing.T, wiz *releaseWizard, text string) {
	t.Helper()
	b := releaseFind(t, wiz, "button "+text, func(b *widget.Button) bool { return b.Text == text })
	if b.Disabled() {
		t.Fatalf("button %q is disabled; the wizard shows:\n%s", text, releaseShown(wiz))
	}
	test.Tap(b)
	releaseSettle(wiz)
}

// releasePending is the background work a tap started, which the test
// runs once the tap is over (the test driver runs fyne.Do at once, on the
// calling goroutine, so a real goroutine would race with the tap).
var releasePending []func()

// releaseSettle runs the work that was started, and what it starts, and
// waits for it.
func releaseSettle(wiz *releaseWizard) {
	for len(releasePending) > 0 {
		job := releasePending[0]
		releasePending = releasePending[1:]
		go job()
		wiz.working.Wait()
	}
}

// releaseField is the widget of the visible form item labelled label.
func releaseField(t *testing.T, wiz *releaseWizard, label string) fyne.CanvasObject {
	t.Helper()
	form := releaseFind(t, wiz, "field "+label, func(f *widget.Form) bool {
		for _, it := range f.Items {
			if it.Text == label {
				return true
			}
		}
		return false
	})
	for _, it := range form.Items {
		if it.Text == label {
			return plain(it.Widget)
		}
	}
	return nil
}

// releaseType replaces the text of the entry labelled label, typing as a
// user would.
func releaseType(t *testing.T, w fyne.Window, wiz *releaseWizard, label, text string) {
	t.Helper()
	e, ok := releaseField(t, wiz, label).(*widget.Entry)
	if !ok {
		t.Fatalf("field %q is not a text field", label)
	}
	w.Canvas().Focus(e)
	e.SetText("")
	test.Type(e, text)
}

// releaseRequire fails unless the wizard shows want.
func releaseRequire(t *testing.T, wiz *releaseWizard, want string) {
	t.Helper()
	if got := releaseShown(wiz); !strings.Contains(got, want) {
		t.Fatalf("the wizard does not show %q; it shows:\n%s", want, got)
	}
}

// releaseRequireNot fails if the wizard shows unwanted.
func releaseRequireNot(t *testing.T, wiz *releaseWizard, unwanted string) {
	t.Helper()
	if got := releaseShown(wiz); strings.Contains(got, unwanted) {
		t.Fatalf("the wizard shows %q:\n%s", unwanted, got)
	}
}

// releasePDFText is the text pdftotext reads from a PDF, white space
// collapsed.
func releasePDFText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// releaseRowOf reports whether c is a row holding a label that contains
// text, and a button.
func releaseRowOf(c *fyne.Container, text string) bool {
	label, button := false, false
	for _, o := range c.Objects {
		switch x := o.(type) {
		case *widget.Label:
			label = label || strings.Contains(x.Text, text)
		case *widget.Button:
			button = true
		}
	}
	return label && button
}

// releaseTexts is the visible text under o, one line per label, button or
// entry.
func releaseTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	releaseWalk(o, func(x fyne.CanvasObject) {
		switch x := x.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.Button:
			b.WriteString("[" + x.Text + "]\n")
		case *widget.Entry:
			b.WriteString("<" + x.Text + ">\n")
		}
	})
	return b.String()
}
