package ui

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/confidenotes/confide/notes"
)

// The due-for-destruction list shows records past their retention date
// (not those under a legal hold), and destroys one only after the word is
// typed.
func TestRetentionDestroysAfterConfirmation(t *testing.T) {
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	c, w := start(t, Options{Dir: dir, Store: store})
	w.Resize(fyne.NewSize(1100, 720))
	m := c.main
	old, err := m.notes.AddClient(notes.Client{Name: "Old Record", Status: notes.Closed, LastContact: "2010-03-01", DOB: "1970-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	held, err := m.notes.AddClient(notes.Client{Name: "Held Record", Status: notes.Closed, LastContact: "2010-03-01", DOB: "1970-01-01", LegalHold: true})
	if err != nil {
		t.Fatal(err)
	}
	m.clients.load()
	m.clients.choose(old.ID)

	c.menu.due.Action()
	all := dialogText(w)
	if !strings.Contains(all, "Old Record") || strings.Contains(all, "Held Record") {
		t.Fatalf("the list should hold the old record and not the held one:\n%s", all)
	}
	tapButton(t, w, "Destroy…")
	r := findRetention(t, w)
	test.Type(r.confirm, "nope")
	tapButton(t, w, "Destroy the record")
	if _, err := m.notes.GetClient(old.ID); err != nil {
		t.Fatal("destroyed without the confirmation word")
	}
	dismissDialogs(w)

	c.menu.due.Action()
	tapButton(t, w, "Destroy…")
	r = findRetention(t, w)
	test.Type(r.confirm, "destroy")
	tapButton(t, w, "Destroy the record")
	settle(c) // destruction runs off the UI goroutine
	if _, err := m.notes.GetClient(old.ID); !errors.Is(err, notes.ErrNotFound) {
		t.Fatalf("the record is still there: %v", err)
	}
	if _, err := m.notes.GetClient(held.ID); err != nil {
		t.Fatalf("the held record went too: %v", err)
	}
	if m.pane != nil {
		t.Error("the destroyed client is still on screen")
	}
	requireDialog(t, w, "The record was destroyed")

	// Locking with the list open takes the dialogs away too.
	c.menu.due.Action()
	c.onLock()
	if w.Canvas().Overlays().Top() != nil || strings.Contains(allText(w), "Held Record") {
		t.Errorf("a dialog outlives the lock:\n%s", allText(w))
	}
	settle(c)
}

// findRetention returns the confirmation entry's screen from the top
// dialog: the entry whose placeholder asks for the word.
func findRetention(t *testing.T, w fyne.Window) *retentionScreen {
	t.Helper()
	var r *retentionScreen
	everything(w, func(o fyne.CanvasObject) {
		if e, ok := o.(*keyEntry); ok && e.PlaceHolder == "Type "+destroyWord {
			r = &retentionScreen{confirm: e}
		}
	})
	if r == nil {
		t.Fatal("no confirmation field")
	}
	return r
}
