package ui

import (
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// consentFixture is a fresh vault with the notes and consent stores, a
// clock the test moves, and the panelDeps a panel gets from the window,
// recording what the panel copies, saves and reports.
type consentFixture struct {
	t      *testing.T
	now    time.Time
	notes  *notes.Store
	store  *consent.Store
	errs   []error
	copied []string
	saved  map[string][]byte // file name suggested -> bytes written
}

func newConsentFixture(t *testing.T) *consentFixture {
	t.Helper()
	f := &consentFixture{t: t, now: time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC), saved: map[string][]byte{}}
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
	save := panelSaveFile
	panelSaveFile = func(_ panelDeps, name string, write func(io.Writer) error) {
		var b strings.Builder
		if err := write(&b); err != nil {
			f.errs = append(f.errs, err)
		}
		f.saved[name] = []byte(b.String())
	}
	t.Cleanup(func() { panelSaveFile = save })
	return f
}

// deps are the panel's dependencies, as the main window passes them.
func (f *consentFixture) deps(w fyne.Window) panelDeps {
	return panelDeps{win: w, notes: f.notes, consent: f.store, now: func() time.Time { return f.now },
		showErr: func(err error) { f.errs = append(f.errs, err) },
		copy:    func(s string) { f.copied = append(f.copied, s) },
		privacy: func() bool { return false }}
}

// noErrors fails the test if the panel reported an error.
func (f *consentFixture) noErrors() {
	f.t.Helper()
	if len(f.errs) > 0 {
		f.t.Fatalf("the panel reported: %v", errors.Join(f.errs...))
	}
}

// client adds a client.
func (f *consentFixture) client(c notes.Client) string {
	f.t.Helper()
	added, err := f.notes.AddClient(c)
	if err != nil {
		f.t.Fatal(err)
	}
	return added.ID
}

// note adds a signed progress note of one section to a client.
func (f *consentFixture) note(clientID, date, text string) string {
	f.t.Helper()
	n, err := f.notes.NewDraft(notes.Draft{ClientID: clientID, Kind: notes.Progress, Template: notes.Free,
		Session: notes.Session{Date: date, Start: "10:00", DurationMin: 50, ServiceCode: "90834"}})
	if err != nil {
		f.t.Fatal(err)
	}
	if err := f.notes.UpdateDraft(n.ID, []notes.Section{{Name: "Note", Text: text}}); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.notes.Sign(n.ID); err != nil {
		f.t.Fatal(err)
	}
	return n.ID
}

// window shows a panel in a headless test window of a usual size.
func (f *consentFixture) window(build func(panelDeps) fyne.CanvasObject) fyne.Window {
	f.t.Helper()
	test.NewTempApp(f.t)
	w := test.NewTempWindow(f.t, nil)
	w.SetContent(build(f.deps(w)))
	w.Resize(fyne.NewSize(1000, 760))
	return w
}

// consentWalk visits every visible object on the window, widgets' inner
// objects included; visit returns whether to look inside o.
func consentWalk(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) {
	if o == nil || !o.Visible() || !visit(plain(o)) {
		return
	}
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, c := range children {
		consentWalk(c, visit)
	}
}

// consentButton finds the visible button labelled text.
func consentButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	consentWalk(w.Content(), func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no button %q; the window shows:\n%s", text, consentShown(w))
	}
	return found
}

// consentButtons finds every visible button labelled text.
func consentButtons(w fyne.Window, text string) []*widget.Button {
	var out []*widget.Button
	consentWalk(w.Content(), func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			out = append(out, b)
		}
		return true
	})
	return out
}

// consentField finds the widget of the visible form item labelled label.
func consentField(t *testing.T, w fyne.Window, label string) fyne.CanvasObject {
	t.Helper()
	var found fyne.CanvasObject
	consentWalk(w.Content(), func(o fyne.CanvasObject) bool {
		if f, ok := o.(*widget.Form); ok {
			for _, it := range f.Items {
				if it.Text == label && found == nil {
					found = it.Widget
				}
			}
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no field %q; the window shows:\n%s", label, consentShown(w))
	}
	return found
}

// consentType types text into the entry of the form item labelled label,
// replacing what it held, as a user would.
func consentType(t *testing.T, w fyne.Window, label, text string) {
	t.Helper()
	e, ok := consentField(t, w, label).(*widget.Entry)
	if !ok {
		t.Fatalf("field %q is not a text field", label)
	}
	consentTypeInto(w, e, text)
}

// consentTypeInto focuses e, clears it and types text.
func consentTypeInto(w fyne.Window, e *widget.Entry, text string) {
	w.Canvas().Focus(e)
	e.SetText("")
	test.Type(e, text)
}

// consentShown is the text of every visible label, rich text, button and
// entry, one per line, for assertions.
func consentShown(w fyne.Window) string {
	var b strings.Builder
	consentWalk(w.Content(), func(o fyne.CanvasObject) bool {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
			return false
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
			return false
		case *widget.Button:
			b.WriteString("[" + x.Text + "]\n")
			return false
		case *widget.Entry:
			b.WriteString("<" + x.Text + ">\n")
			return false
		case *widget.Select:
			b.WriteString("{" + x.Selected + "}\n")
			return false
		case *container.AppTabs:
			for _, it := range x.Items {
				b.WriteString("(" + it.Text + ")\n")
			}
		}
		return true
	})
	return b.String()
}

// requireShown fails unless the window shows want.
func requireShown(t *testing.T, w fyne.Window, want string) {
	t.Helper()
	if got := consentShown(w); !strings.Contains(got, want) {
		t.Fatalf("the window does not show %q; it shows:\n%s", want, got)
	}
}

// requireNotShown fails if the window shows unwanted.
func requireNotShown(t *testing.T, w fyne.Window, unwanted string) {
	t.Helper()
	if got := consentShown(w); strings.Contains(got, unwanted) {
		t.Fatalf("the window shows %q:\n%s", unwanted, got)
	}
}
