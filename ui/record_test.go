package ui

import (
	"errors"
	"os"
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
	"github.com/confidenotes/confide/practice"
)

// recordPractice unlocks a vault on a fixed clock (23 Nov 2026, 09:00
// UTC) with one active client and the window at the default size.
func recordPractice(t *testing.T) (*Confide, fyne.Window, *fakeClock, *notes.Client) {
	t.Helper()
	clock := newFakeClock()
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	c, w := start(t, Options{Dir: dir, Store: store, Now: clock.Now})
	w.Resize(fyne.NewSize(1100, 720))
	cl, err := c.main.notes.AddClient(notes.Client{Name: "Ann Lee", Status: notes.Active, DOB: "1980-01-02"})
	if err != nil {
		t.Fatal(err)
	}
	c.main.clients.load()
	c.main.clients.choose(cl.ID)
	return c, w, clock, cl
}

// A new session note starts with real session values: the start is when
// it was opened, in the practice's time zone, the length and code the
// profile's defaults; they are saved, not placeholders. A note is signed
// only with all three, and signing moves the client's last contact.
func TestNewSessionNoteHasRealSessionValues(t *testing.T) {
	c, w, clock, cl := recordPractice(t)
	m := c.main
	if err := m.consent.Practice().SetProfile(practice.Profile{Name: "Jane Porter", Credentials: "LCSW",
		TimeZone: "America/New_York", DefaultMinutes: 53, DefaultCode: "90837"}); err != nil {
		t.Fatal(err)
	}
	clock.advance(5*time.Hour + 12*time.Minute) // 14:12 UTC, 9:12 in New York
	m.pane.newNoteOf(notes.Progress, notes.SOAP, "2026-11-23")
	e := m.pane.editor
	if e.start.Text != "09:12" || e.duration.Text != "53" || e.code.Text != "90837" {
		t.Fatalf("the new note's session shows %q %q %q, want 09:12 53 90837", e.start.Text, e.duration.Text, e.code.Text)
	}
	stored, err := m.notes.GetNote(e.note.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Start != "09:12" || stored.DurationMin != 53 || stored.ServiceCode != "90837" {
		t.Errorf("the note holds %+v: the defaults were not saved", stored.Session)
	}

	// Without a service code it is not signed; the editor says so beside
	// the fields and puts the cursor there.
	test.Type(e.sections[0], "Slept better this week.")
	e.code.SetText("")
	test.Tap(e.sign)
	if dialogText(w) != "" {
		t.Fatalf("a sign dialog opened for an incomplete session: %s", dialogText(w))
	}
	requireText(t, w, "Before signing, fill in the service code of the session.")
	if w.Canvas().Focused() != e.code {
		t.Error("the cursor is not in the service code")
	}
	test.Type(e.code, "90837")
	requireNoText(t, w, "Before signing")
	test.Tap(e.sign)
	tapButton(t, w, "Sign note")
	n, err := m.notes.GetNote(stored.ID)
	if err != nil || !n.Signed() {
		t.Fatalf("not signed: %v", err)
	}
	if n.SignedBy != "Jane Porter, LCSW" || n.ServiceCode != "90837" || n.Start != "09:12" {
		t.Errorf("signed note %+v", n)
	}

	// The signed view shows the session and the signature in the
	// practice's time zone, with the hash whole; the header the last contact.
	requireText(t, w, "Session 2026-11-23 · 09:12 to 10:05 · 53 minutes · service code 90837")
	requireText(t, w, "Electronically signed by Jane Porter, LCSW, 23 Nov 2026 9:12 AM EST")
	requireText(t, w, "SHA-256 "+n.Hash)
	requireText(t, w, "Last contact 2026-11-23")
	if got, _ := m.notes.GetClient(cl.ID); got.LastContact != "2026-11-23" {
		t.Errorf("the client's last contact is %q", got.LastContact)
	}
}

// A psychotherapy note or a note already written keeps its session as it
// is: no times are put in a psychotherapy note.
func TestSessionDefaultsOnlyOnANewSessionNote(t *testing.T) {
	c, _, _, _ := recordPractice(t)
	m := c.main
	m.pane.newNoteOf(notes.Psychotherapy, notes.Free, "2026-11-23")
	if e := m.pane.editor; e.start.Text != "" || e.duration.Text != "" || e.code.Text != "" {
		t.Errorf("a psychotherapy note got session values %q %q %q", e.start.Text, e.duration.Text, e.code.Text)
	}
	if e := m.pane.editor; e.start.PlaceHolder != "HH:MM" || e.code.PlaceHolder == "90834" {
		t.Errorf("the hints look like values: %q %q", e.start.PlaceHolder, e.code.PlaceHolder)
	}
}

// Tab in a section moves to the next field and Shift+Tab back: the
// window asks the field (fyne.Tabbable) and moves the focus itself; the
// field does the same if it is handed the key.
func TestTabMovesBetweenSections(t *testing.T) {
	c, w, _, _ := recordPractice(t)
	m := c.main
	m.pane.newNoteOf(notes.Progress, notes.SOAP, "2026-11-23")
	e := m.pane.editor
	for i, s := range e.sections {
		if s.AcceptsTab() {
			t.Fatalf("section %d takes Tab as a character", i)
		}
	}
	w.Canvas().Focus(e.sections[0])
	test.Type(e.sections[0], "Subjective words")
	e.sections[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	if w.Canvas().Focused() != e.sections[1] {
		t.Fatalf("Tab did not move to the next section")
	}
	test.Type(e.sections[1], "Objective words")
	if strings.Contains(e.sections[0].Text, "\t") || e.sections[0].Text != "Subjective words" || e.sections[1].Text != "Objective words" {
		t.Errorf("after Tab: %q | %q", e.sections[0].Text, e.sections[1].Text)
	}
	test.FocusPrevious(w.Canvas())
	if w.Canvas().Focused() != e.sections[0] {
		t.Error("Shift+Tab does not go back to the section before")
	}
}

// The start page lists, per client, the notes to write or sign and the
// consent to-dos; a note opens in the editor, a consent item on the
// client's consent tab.
func TestAttentionItemsOpenTheRightTab(t *testing.T) {
	c, w, clock, cl := recordPractice(t)
	m := c.main
	d, err := m.notes.NewDraft(notes.Draft{ClientID: cl.ID, Kind: notes.Progress, Session: notes.Session{Date: "2026-11-23"}})
	if err != nil {
		t.Fatal(err)
	}
	clock.advance(30 * time.Hour)
	m.showStart()
	requireText(t, w, "Ann Lee")
	requireText(t, w, "Progress note for the session of 2026-11-23 is not written yet")
	tapButton(t, w, "Progress note for the session of 2026-11-23 is not written yet")
	if m.pane == nil || m.pane.editor == nil || m.pane.editor.note.ID != d.ID || m.pane.tabs.Selected().Text != tabNotes {
		t.Fatalf("the item did not open the note in the editor")
	}
	m.showStart()
	tapButton(t, w, "Consent to record: informed consent and the date the limits of confidentiality were explained")
	if m.pane == nil || m.pane.tabs.Selected().Text != tabConsent {
		t.Fatalf("the consent item did not open the consent tab")
	}
}

// After a release the client's consent tab lists it at once.
func TestDisclosuresRefreshAfterARelease(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Ada Example"})
	f.note(id, "2026-03-10", "Session text.")
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })
	requireShown(t, w, "0 disclosures recorded")
	var wiz *releaseWizard
	orig := releaseShow
	t.Cleanup(func() { releaseShow = orig })
	releaseShow = func(rw *releaseWizard) { wiz = rw; rw.show() }
	test.Tap(consentButton(t, w, "Release records…"))
	if wiz == nil {
		t.Fatal("no release wizard opened")
	}
	wiz.saveAs = func(name string, done func(string)) { done(filepath.Join(t.TempDir(), name)) }
	releasePending = nil
	wiz.spawn = func(job func()) { releasePending = append(releasePending, job) }
	releaseToReview(t, wiz)
	releaseTap(t, wiz, "Next")
	releaseTap(t, wiz, "Choose where to save…")
	releaseTap(t, wiz, "Release")
	releaseRequire(t, wiz, "Released and recorded")
	requireShown(t, w, "1 disclosure recorded")
	f.noErrors()
}

// The chart is printed and exported from the consent tab: a PDF of a date
// range, or a PDF and a JSON bundle of the whole chart, each entered in
// the client's disclosures, which the tab then lists.
func TestPrintAndExportTheChart(t *testing.T) {
	f := newConsentFixture(t)
	if err := f.store.Practice().SetProfile(practice.Profile{Name: "Jane Porter", Credentials: "LCSW", Practice: "Porter Counseling"}); err != nil {
		t.Fatal(err)
	}
	id := f.client(notes.Client{Name: "Ada Example"})
	f.note(id, "2026-01-10", "JANUARYNOTE words.")
	f.note(id, "2026-03-10", "MARCHNOTE words.")
	dir := t.TempDir()
	origFile, origFolder, origSpawn := exportSavePath, exportChooseFolder, exportSpawn
	t.Cleanup(func() { exportSavePath, exportChooseFolder, exportSpawn = origFile, origFolder, origSpawn })
	exportSpawn = func(job func()) { job() }
	exportSavePath = func(d panelDeps, name string, done func(string)) { done(filepath.Join(dir, name)) }
	exportChooseFolder = func(d panelDeps, done func(string)) { done(filepath.Join(dir)) }
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })

	test.Tap(consentButton(t, w, "Print or export…"))
	formField(t, w, "What").(*widget.RadioGroup).SetSelected(exportRange)
	formField(t, w, "From").(*widget.Entry).SetText("2026-03-01")
	tapButton(t, w, "Choose where…")
	f.noErrors()
	pdf := filepath.Join(dir, "record-2026-03-14.pdf")
	text := pdfToTextUI(t, pdf)
	if !strings.Contains(text, "MARCHNOTE") || strings.Contains(text, "JANUARYNOTE") || !strings.Contains(text, "Porter Counseling") {
		t.Errorf("the range PDF:\n%s", text)
	}
	dismissDialogs(w)
	requireShown(t, w, "1 disclosure recorded")

	test.Tap(consentButton(t, w, "Print or export…"))
	formField(t, w, "As").(*widget.RadioGroup).SetSelected(exportBundle)
	tapButton(t, w, "Choose where…")
	f.noErrors()
	for _, name := range []string{"chart.json", "chart.pdf"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v", name, err)
		}
	}
	dismissDialogs(w)
	requireShown(t, w, "2 disclosures recorded")
	ds, _ := f.store.Disclosures(id)
	if len(ds) != 2 || ds[1].Request != consent.Export || !strings.Contains(ds[1].Description, "as PDF and JSON") {
		t.Errorf("the accounting: %+v", ds)
	}
}

// One signed note is printed from its view.
func TestPrintOneNote(t *testing.T) {
	c, w, _, cl := recordPractice(t)
	m := c.main
	n, err := m.notes.NewDraft(notes.Draft{ClientID: cl.ID, Kind: notes.Progress, Sections: []notes.Section{{Name: "Note", Text: "ONENOTE text."}},
		Session: notes.Session{Date: "2026-11-20", Start: "10:00", DurationMin: 50, ServiceCode: "90834"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.notes.Sign(n.ID); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	orig, origSpawn := exportSavePath, exportSpawn
	t.Cleanup(func() { exportSavePath, exportSpawn = orig, origSpawn })
	exportSpawn = func(job func()) { job() }
	exportSavePath = func(d panelDeps, name string, done func(string)) { done(filepath.Join(dir, name)) }
	m.pane.reloadNotes("")
	m.pane.openNote(n.ID)
	tapButton(t, w, "Print or save as PDF…")
	text := pdfToTextUI(t, filepath.Join(dir, "progress-note-2026-11-20.pdf"))
	for _, want := range []string{"Progress note", "ONENOTE", "Service code 90834", "Electronically signed"} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed note lacks %q:\n%s", want, text)
		}
	}
	requireDialogText(t, w, "1 note saved to")
	dismissDialogs(w)
	m.selectTab(tabConsent) // the copy is a disclosure, listed at once
	requireText(t, w, "1 disclosure recorded")
}

// The profile is edited in Settings; a bad NPI is refused beside the
// Save button and nothing is saved.
func TestSettingsProfileSection(t *testing.T) {
	c, w, _, _ := recordPractice(t)
	m := c.main
	m.onSettings()
	requireDialogText(t, w, "Notes are signed without a name until you save your profile.")
	entry := func(hint string) *widget.Entry {
		var found *widget.Entry
		everything(w, func(o fyne.CanvasObject) {
			if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == hint {
				found = e
			}
		})
		if found == nil {
			t.Fatalf("no field %q in Settings", hint)
		}
		return found
	}
	entry("Jane Porter").SetText("Jane Porter")
	entry("LCSW").SetText("LCSW")
	npi := entry("10 digits")
	npi.SetText("1234567890")
	tapButton(t, w, "Save profile")
	requireDialogText(t, w, "NPI 1234567890 has a wrong check digit; check it against your NPPES record. Nothing was saved.")
	if got, _ := m.consent.Profile(); got.IsSet() {
		t.Fatal("a profile with a bad NPI was saved")
	}
	npi.SetText("1234567893")
	everything(w, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.SelectEntry:
			x.SetText("America/Chicago")
		case *widget.RadioGroup:
			if len(x.Options) == 2 && x.Options[1] == profileA4 {
				x.SetSelected(profileA4)
			}
		}
	})
	tapButton(t, w, "Save profile")
	requireDialogText(t, w, "Saved. Notes you sign from now on read “Electronically signed by Jane Porter, LCSW”.")
	got, err := m.consent.Profile()
	if err != nil || got.SignatureName() != "Jane Porter, LCSW" || got.NPI != "1234567893" || got.TimeZone != "America/Chicago" || got.PaperSize() != practice.A4 {
		t.Errorf("saved profile %+v, %v", got, err)
	}
}

// formField is the widget of the form item labelled label, in the window
// or a dialog.
func formField(t *testing.T, w fyne.Window, label string) fyne.CanvasObject {
	t.Helper()
	var found fyne.CanvasObject
	everything(w, func(o fyne.CanvasObject) {
		if f, ok := o.(*widget.Form); ok {
			for _, it := range f.Items {
				if it.Text == label {
					found = plain(it.Widget)
				}
			}
		}
	})
	if found == nil {
		t.Fatalf("no field %q:\n%s", label, allText(w))
	}
	return found
}

func pdfToTextUI(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", path, "-").CombinedOutput()
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			t.Fatalf("pdftotext: %v", err)
		}
		t.Fatalf("pdftotext %s: %v\n%s", filepath.Base(path), err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
