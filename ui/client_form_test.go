package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

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
