package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// The therapist's whole day, headless: first run, recovery key, a client,
// a SOAP note that saves itself, signing, a refused edit, an addendum,
// search, lock, and unlock back to the same note.
func TestDailyFlow(t *testing.T) {
	store := newMemStore()
	c, w := start(t, Options{Dir: t.TempDir() + "/vault", Store: store})
	c.autosave = 50 * time.Millisecond
	w.Resize(fyne.NewSize(1100, 720))

	// First run and the recovery key.
	test.Tap(c.welcome.create)
	settle(c)
	rk := c.recoveryKey
	test.Type(rk.confirm, rk.key[len(rk.key)-confirmChars:])
	test.Tap(rk.proceed)
	m := c.main
	if m == nil {
		t.Fatalf("not on the main screen after confirming the key:\n%s", texts(w))
	}
	requireText(t, w, "Choose a client")

	// A new client.
	tapButton(t, w, "New client")
	f := m.form
	if f == nil {
		t.Fatal("New client shows no form")
	}
	test.Type(f.name, "Maria Garcia")
	test.Type(f.pronouns, "she/her")
	test.Type(f.phones, "555-0100")
	test.Tap(f.save)
	if m.pane == nil || m.pane.client.Name != "Maria Garcia" || m.pane.client.ID == "" {
		t.Fatalf("the new client is not selected; the window shows:\n%s", texts(w))
	}
	if len(m.clients.shown) != 1 || m.clients.list.Length() != 1 {
		t.Fatalf("the client list holds %d clients, want 1", len(m.clients.shown))
	}
	if w.Title() != titleUnlocked { // never the client's name
		t.Errorf("title %q", w.Title())
	}

	// A SOAP note: its four sections are separate fields.
	w.Canvas().(fyne.Shortcutable).TypedShortcut(newNoteShortcut) // Ctrl+N
	tapButton(t, w, "Start writing")
	e := m.pane.editor
	if e == nil || len(e.sections) != 4 {
		t.Fatalf("no SOAP editor with 4 sections; the window shows:\n%s", texts(w))
	}
	requireText(t, w, "Subjective")
	requireText(t, w, "Plan")
	test.Type(e.sections[0], "Reports sleeping better since the last session.")
	test.Type(e.sections[3], "Continue weekly sessions.")
	noteID := e.note.ID

	// Autosave: after the pause the text is in the vault, and it says so.
	eventually(t, "the autosave", func() bool {
		n, err := m.notes.GetNote(noteID)
		return err == nil && strings.Contains(n.Body(), "sleeping better") && strings.Contains(n.Body(), "weekly")
	})
	eventually(t, "the saved state", func() bool { return strings.HasPrefix(e.status.Text, "Saved") })

	// Sign, after confirming.
	test.Tap(e.sign)
	requireDialog(t, w, "Sign this note?")
	tapButton(t, w, "Sign note")
	if m.pane.editor != nil || m.pane.view == nil {
		t.Fatalf("the signed note is not shown read-only; the window shows:\n%s", texts(w))
	}
	if n, _ := m.notes.GetNote(noteID); !n.Signed() {
		t.Fatal("the note is not signed")
	}
	requireText(t, w, "read-only")

	// Editing is refused: no field holds its text, and the store says no.
	everything(w, func(o fyne.CanvasObject) {
		if en, ok := o.(*widget.Entry); ok && strings.Contains(en.Text, "sleeping better") {
			t.Error("a signed note's text is in an editable field")
		}
	})
	if err := m.notes.UpdateDraft(noteID, []notes.Section{{Name: "Subjective", Text: "changed"}}); !errors.Is(err, notes.ErrSigned) {
		t.Errorf("UpdateDraft on a signed note: %v, want ErrSigned", err)
	}
	c.menu.sign.Action() // Ctrl+Shift+S with no draft open
	requireDialog(t, w, "No draft is open")
	dismissDialogs(w)

	// An addendum.
	v := m.pane.view
	test.Type(v.addendum, "Correction: sleeping six hours, not eight.")
	test.Tap(v.add)
	tapButton(t, w, "Yes")
	if n, _ := m.notes.GetNote(noteID); len(n.Addenda) != 1 {
		t.Fatalf("the note has %d addenda, want 1", len(n.Addenda))
	}
	requireText(t, w, "sleeping six hours")
	if !strings.Contains(allText(w), "Signed · 1 addendum") {
		t.Errorf("the note list does not show the addendum badge:\n%s", allText(w))
	}

	// Search (Ctrl+F) finds it, with the word in bold; opening the hit
	// opens the note.
	m.showStart()
	w.Canvas().(fyne.Shortcutable).TypedShortcut(searchShortcut)
	s := m.finder
	if s == nil {
		t.Fatal("Ctrl+F opens no search")
	}
	test.Type(s.query, "better")
	if len(s.hits) != 1 || s.hits[0].NoteID != noteID {
		t.Fatalf("search found %+v, want the note", s.hits)
	}
	if !hasBoldSegment(w, "better") {
		t.Errorf("the hit does not show the word highlighted:\n%s", allText(w))
	}
	s.list.Select(0)
	if m.finder != nil || m.pane == nil || m.pane.view == nil || m.pane.view.note.ID != noteID {
		t.Fatal("opening the hit does not open the note")
	}

	// Lock hides everything at once.
	w.Canvas().(fyne.Shortcutable).TypedShortcut(lockShortcut)
	for _, secret := range []string{"Maria", "sleeping", "weekly", "555-0100"} {
		if strings.Contains(allText(w), secret) {
			t.Errorf("%q is still on the canvas after Ctrl+L", secret)
		}
	}
	settle(c)
	requireText(t, w, "Your notes are locked")

	// Unlocking returns to the same client and note.
	test.Tap(c.unlock.unlock)
	settle(c)
	m = c.main
	if m == nil || m.pane == nil || m.pane.client.Name != "Maria Garcia" || m.pane.view == nil || m.pane.view.note.ID != noteID {
		t.Fatalf("unlocking did not return to the note; the window shows:\n%s", texts(w))
	}
	requireText(t, w, "sleeping six hours")
}

// Locking in the middle of a sentence, before the autosave, loses nothing.
func TestLockSavesTheDraftAtOnce(t *testing.T) {
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	c, w := start(t, Options{Dir: dir, Store: store})
	c.autosave = time.Hour // only the lock can save
	m := c.main
	cl, err := m.notes.AddClient(notes.Client{Name: "Ann Lee", Status: notes.Active})
	if err != nil {
		t.Fatal(err)
	}
	m.clients.load()
	m.clients.choose(cl.ID)
	m.pane.newNoteOf(notes.Progress, notes.DAP, "2026-11-20")
	test.Type(m.pane.editor.sections[1], "Half a sentence")
	noteID := m.pane.editor.note.ID

	c.onLock()
	settle(c)
	test.Tap(c.unlock.unlock)
	settle(c)
	n, err := c.main.notes.GetNote(noteID)
	if err != nil {
		t.Fatal(err)
	}
	if got := n.Sections[1].Text; got != "Half a sentence" {
		t.Errorf("after lock and unlock the draft holds %q, want the typed text", got)
	}
	if c.main.pane.editor == nil || c.main.pane.editor.sections[1].Text != "Half a sentence" {
		t.Errorf("unlocking did not reopen the draft in the editor:\n%s", texts(w))
	}

	// Quitting saves too.
	test.Type(c.main.pane.editor.sections[0], "Last words")
	c.Quit()
	v, err := vault.Open(dir, vault.FromStore(store))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	s, err := notes.Open(v)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := s.GetNote(noteID); n == nil || n.Sections[0].Text != "Last words" {
		t.Errorf("quitting lost the last words: %+v", n)
	}
}

// hasBoldSegment reports whether a rich text on the canvas shows word in
// bold.
func hasBoldSegment(w fyne.Window, word string) bool {
	found := false
	everything(w, func(o fyne.CanvasObject) {
		if rt, ok := o.(*widget.RichText); ok {
			for _, seg := range rt.Segments {
				if ts, ok := seg.(*widget.TextSegment); ok && ts.Style.TextStyle.Bold && strings.Contains(ts.Text, word) {
					found = true
				}
			}
		}
	})
	return found
}

// dismissDialogs closes every dialog on the window.
func dismissDialogs(w fyne.Window) {
	for w.Canvas().Overlays().Top() != nil {
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	}
}

// The common actions have shortcuts, shown beside their menu items.
func TestShortcutsAreInTheMenus(t *testing.T) {
	c, _ := start(t, Options{Dir: t.TempDir(), Store: newMemStore()})
	inMenu := map[*fyne.MenuItem]bool{}
	for _, menu := range c.menu.main.Items {
		for _, it := range menu.Items {
			inMenu[it] = true
		}
	}
	tests := []struct {
		name string
		item *fyne.MenuItem
		want fyne.Shortcut
	}{
		{"new note", c.menu.newNote, newNoteShortcut},
		{"search", c.menu.search, searchShortcut},
		{"lock", c.menu.lock, lockShortcut},
		{"sign", c.menu.sign, signShortcut},
		{"privacy", c.menu.privacy, privacyShortcut},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !inMenu[tt.item] {
				t.Errorf("%q is not in the menus", tt.item.Label)
			}
			if tt.item.Shortcut != tt.want {
				t.Errorf("%q has shortcut %v, want %v", tt.item.Label, tt.item.Shortcut, tt.want)
			}
			if !tt.item.Disabled {
				t.Errorf("%q is enabled before the vault is open", tt.item.Label)
			}
		})
	}
}

// An addendum being written survives a lock and a quit, like a draft.
func TestLockSavesTheAddendumBeingWritten(t *testing.T) {
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	c, w := start(t, Options{Dir: dir, Store: store})
	c.autosave = time.Hour // only the lock and the quit can save
	m := c.main
	cl, err := m.notes.AddClient(notes.Client{Name: "Ann Lee", Status: notes.Active})
	if err != nil {
		t.Fatal(err)
	}
	d, err := m.notes.NewDraft(notes.Draft{ClientID: cl.ID, Kind: notes.Progress, Session: notes.Session{Date: "2026-11-20", Start: "10:00", DurationMin: 50, ServiceCode: "90834"}})
	if err != nil {
		t.Fatal(err)
	}
	m.notes.UpdateDraft(d.ID, []notes.Section{{Name: "Note", Text: "Met for 50 minutes."}})
	if _, err := m.notes.Sign(d.ID); err != nil {
		t.Fatal(err)
	}
	m.clients.load()
	m.clients.choose(cl.ID)
	m.pane.openNote(d.ID)
	test.Type(m.pane.view.addendum, "Correction: 45 minutes")

	c.onLock()
	settle(c)
	test.Tap(c.unlock.unlock)
	settle(c)
	if v := c.main.pane.view; v == nil || v.addendum.Text != "Correction: 45 minutes" {
		t.Fatalf("after lock and unlock the addendum field does not hold the typed text:\n%s", texts(w))
	}

	c.main.pane.view.addendum.SetText("Correction: 45 minutes, not 50")
	c.Quit()
	v, err := vault.Open(dir, vault.FromStore(store))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	s, err := notes.Open(v)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.AddendumDraft(d.ID); got != "Correction: 45 minutes, not 50" {
		t.Errorf("quitting lost the addendum being written: %q", got)
	}
}
