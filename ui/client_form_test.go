package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/notes"
)

// Client details typed and not saved survive a lock, a move to another
// client and a quit; Save keeps them for good, Cancel drops them only once
// the user says so.
func TestClientDetailsBeingEditedAreNeverLost(t *testing.T) {
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	c, w := start(t, Options{Dir: dir, Store: store})
	m := c.main
	ann, err := m.notes.AddClient(notes.Client{Name: "Ann Lee", Status: notes.Active})
	if err != nil {
		t.Fatal(err)
	}
	bo, err := m.notes.AddClient(notes.Client{Name: "Bo Park", Status: notes.Active})
	if err != nil {
		t.Fatal(err)
	}
	m.clients.load()
	m.clients.choose(ann.ID)
	m.pane.onEdit()
	test.Type(m.pane.form.phones, "555-0123")
	test.Type(m.pane.form.employer, "Harbor Bakery")

	// A lock puts the form back, as it was.
	c.onLock()
	settle(c)
	test.Tap(c.unlock.unlock)
	settle(c)
	m = c.main
	if m.pane == nil || m.pane.form == nil {
		t.Fatalf("unlocking did not reopen the client's details:\n%s", texts(w))
	}
	if got := m.pane.form.phones.Text; got != "555-0123" {
		t.Errorf("after lock and unlock the phones field holds %q", got)
	}
	requireText(t, w, "changes you had not saved")
	if stored, _ := m.notes.GetClient(ann.ID); len(stored.Phones) != 0 {
		t.Errorf("the lock saved the form as if Save was tapped: %+v", stored.Phones)
	}

	// Moving to another client and back keeps them too.
	m.clients.choose(bo.ID)
	m.clients.choose(ann.ID)
	m.pane.onEdit()
	if got := m.pane.form.employer.Text; got != "Harbor Bakery" {
		t.Errorf("after moving away and back the employer field holds %q", got)
	}

	// So does quitting.
	c.Quit()
	c, w = start(t, Options{Dir: dir, Store: store})
	m = c.main
	m.clients.choose(ann.ID)
	m.pane.onEdit()
	if got := m.pane.form.phones.Text; got != "555-0123" {
		t.Fatalf("after quitting and starting again the phones field holds %q", got)
	}

	// Cancel asks first; saying no keeps the form.
	test.Tap(m.pane.form.cancel)
	if !strings.Contains(allText(w), "Drop these changes?") {
		t.Fatalf("Cancel with changes asks nothing:\n%s", allText(w))
	}
	tapButton(t, w, "No")
	if m.pane.form == nil {
		t.Fatal("declining to drop the changes closed the form")
	}

	// Save keeps them for good, and the draft goes.
	test.Tap(m.pane.form.save)
	if stored, _ := m.notes.GetClient(ann.ID); len(stored.Phones) != 1 || stored.Employer != "Harbor Bakery" {
		t.Errorf("after Save the client holds %+v", stored)
	}
	if d, err := m.notes.ClientDraft(ann.ID); err != nil || d != nil {
		t.Errorf("after Save a draft is left: %v, %v", d, err)
	}

	// Cancel, confirmed, drops an edit and leaves no draft.
	m.pane.onEdit()
	requireNoText(t, w, "changes you had not saved")
	m.pane.form.employer.SetText("Somewhere Else")
	c.onLock()
	settle(c)
	test.Tap(c.unlock.unlock)
	settle(c)
	m = c.main
	test.Tap(m.pane.form.cancel)
	tapButton(t, w, "Yes")
	if m.pane.form != nil {
		t.Fatal("Cancel left the form open")
	}
	if stored, _ := m.notes.GetClient(ann.ID); stored.Employer != "Harbor Bakery" {
		t.Errorf("Cancel changed the client: employer %q", stored.Employer)
	}
	if d, _ := m.notes.ClientDraft(ann.ID); d != nil {
		t.Errorf("after Cancel a draft is left: %+v", d)
	}
}

// A new client being written survives a lock and becomes a client on Save.
func TestNewClientBeingWrittenSurvivesLock(t *testing.T) {
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	c, w := start(t, Options{Dir: dir, Store: store})
	tapButton(t, w, "New client")
	test.Type(c.main.form.name, "Cara Mendes")
	test.Type(c.main.form.emails, "cara@example.org")

	c.onLock()
	settle(c)
	test.Tap(c.unlock.unlock)
	settle(c)
	m := c.main
	if m.form == nil || m.form.name.Text != "Cara Mendes" || m.form.emails.Text != "cara@example.org" {
		t.Fatalf("unlocking did not bring back the new client being written:\n%s", texts(w))
	}
	test.Tap(m.form.save)
	if m.pane == nil || m.pane.client.Name != "Cara Mendes" {
		t.Fatalf("Save did not add the client:\n%s", texts(w))
	}
	if d, err := m.notes.ClientDraft(""); err != nil || d != nil {
		t.Errorf("after Save the new-client draft is left: %v, %v", d, err)
	}
	tapButton(t, w, "New client")
	if m.form == nil || m.form.name.Text != "" {
		t.Errorf("a second new client starts from the first one's details")
	}
}

// Form errors: each beside its field, the form scrolled there and the
// field focused; US dates are read; a date picker fills the field; Minor
// follows the date of birth.
func TestClientFormErrorsAndDates(t *testing.T) {
	c, w, _ := mainWithPractice(t) // the clock says 2026-11-23
	m := c.main
	tapButton(t, w, "New client")
	f := m.form
	test.Type(f.name, "Rosa Diaz")
	test.Type(f.dob.entry, "14/03/1985") // day first: no such month
	f.scroll.ScrollToBottom()
	test.Tap(f.save)
	if m.form == nil || m.pane != nil {
		t.Fatal("a bad date of birth was saved")
	}
	if !f.dob.err.Visible() || !strings.Contains(f.dob.err.Text, "no such date") {
		t.Fatalf("no error beside the date of birth: %q", f.dob.err.Text)
	}
	if f.nameErr.Visible() {
		t.Error("the name, which is right, is marked")
	}
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(f.dob.root).Y - d.AbsolutePositionForObject(f.scroll).Y
	if y < 0 || y+f.dob.root.Size().Height > f.scroll.Size().Height {
		t.Fatalf("the date of birth is not scrolled into view: at %v in a view %v high", y, f.scroll.Size().Height)
	}
	if w.Canvas().Focused() != f.dob.entry {
		t.Error("the field with the error does not have the focus")
	}

	// The US way is read, and says how it was read; Minor follows.
	f.dob.entry.SetText("")
	test.Type(f.dob.entry, "03/14/1985")
	if f.dob.err.Visible() || !strings.Contains(f.dob.note.Text, "14 March 1985 · 41 years old") || f.minor.Checked {
		t.Errorf("03/14/1985 reads %q (error %q), minor %v", f.dob.note.Text, f.dob.err.Text, f.minor.Checked)
	}
	f.dob.entry.SetText("2014-06-01")
	if !f.minor.Checked || !f.guardianBox.Visible() {
		t.Error("a 12-year-old is not marked minor, with guardians")
	}

	// The picker: jump to a month and year, pick a day.
	test.Tap(f.dob.pick)
	var sels []*widget.Select
	everything(w, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && len(s.Options) == 12 || ok && len(s.Options) > 100 {
			sels = append(sels, s)
		}
	})
	if len(sels) != 2 {
		t.Fatalf("the calendar offers %d month and year choices, want 2", len(sels))
	}
	sels[0].SetSelected("March")
	sels[1].SetSelected("1990")
	tapButton(t, w, "14")
	if f.dob.entry.Text != "1990-03-14" || f.minor.Checked {
		t.Fatalf("picked %q, minor %v", f.dob.entry.Text, f.minor.Checked)
	}

	// A date of birth in the future is refused beside the field.
	f.dob.entry.SetText("2030-01-01")
	test.Tap(f.save)
	if !strings.Contains(f.dob.err.Text, "in the future") {
		t.Errorf("a future date of birth says %q", f.dob.err.Text)
	}
	f.dob.entry.SetText("3/14/1985")
	test.Tap(f.save)
	if m.pane == nil || m.pane.client.DOB != "1985-03-14" {
		t.Fatalf("the client was not saved with the date read the US way: %+v", m.pane)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{"1985-03-14": "1985-03-14", "03/14/1985": "1985-03-14", "3/4/1985": "1985-03-04",
		" 12/31/2000 ": "2000-12-31", "02/30/2001": "", "14/03/1985": "", "1985/03/14": "", "March 14": ""} {
		got, err := parseDate(in)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("parseDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
