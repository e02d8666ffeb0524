package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/confidenotes/confide/notes"
)

// Search as you type: the start of a word finds it, each note is listed
// once (an addendum's hit is its note's), the filters narrow the hits,
// opening a hit scrolls its note to the match, and Esc closes the search.
func TestSearchAsYouType(t *testing.T) {
	c, w, clients := mainWithPractice(t)
	m := c.main
	// A long signed note, the match near its end, with an addendum that
	// matches too.
	long := strings.Repeat("Filler about the week and the family.\n", 80) + "Nightmares returned after the move."
	n, err := m.notes.NewDraft(notes.Draft{ClientID: clients[0].ID, Kind: notes.Progress, Template: notes.Free,
		Session: notes.Session{Date: "2026-11-20", Start: "10:00", DurationMin: 50, ServiceCode: "90834"}, Sections: []notes.Section{{Name: "Note", Text: long}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.notes.Sign(n.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := m.notes.AddAddendum(n.ID, "Nightmares eased by the next week."); err != nil {
		t.Fatal(err)
	}

	w.Canvas().(fyne.Shortcutable).TypedShortcut(searchShortcut)
	s := m.finder
	if s == nil || w.Canvas().Focused() != s.query {
		t.Fatal("Ctrl+F does not open the search with the focus in it")
	}
	test.Type(s.query, "anxi")
	if len(s.hits) != 1 || !strings.Contains(s.hits[0].Snippet, notes.MarkOpen+"anxiety"+notes.MarkClose) {
		t.Fatalf("\"anxi\" finds %+v", s.hits)
	}
	s.query.SetText("")
	test.Type(s.query, "nightm")
	if len(s.hits) != 1 || s.hits[0].NoteID != n.ID {
		t.Fatalf("the note and its addendum are not one hit: %+v", s.hits)
	}

	// Filters.
	s.query.SetText("sle")
	if len(s.hits) != 2 {
		t.Fatalf("\"sle\" finds %d notes, want 2", len(s.hits))
	}
	s.kind.SetSelected(kindLabel(notes.Psychotherapy))
	if len(s.hits) != 1 || s.hits[0].Kind != notes.Psychotherapy {
		t.Errorf("the kind filter leaves %+v", s.hits)
	}
	s.kind.SetSelected(anyKind)
	s.from.SetText("11/17/2026")
	if len(s.hits) != 1 || s.hits[0].Date != "2026-11-17" {
		t.Errorf("the from date, typed the US way, leaves %+v", s.hits)
	}
	s.from.SetText("17/11/2026")
	requireDialogText(t, w, "From: there is no such date")
	s.from.SetText("")
	s.client.SetSelected("Jonathan Whitfield")
	if len(s.hits) != 0 {
		t.Errorf("the client filter leaves %+v", s.hits)
	}
	s.client.SetSelected(anyClient)

	// Opening a hit scrolls to it.
	s.query.SetText("nightm")
	s.list.Select(0)
	if m.finder != nil || w.Canvas().Overlays().Top() != nil {
		t.Fatal("opening a hit leaves the search open")
	}
	if m.pane == nil || m.pane.view == nil || m.pane.view.note.ID != n.ID {
		t.Fatal("the hit's note is not open")
	}
	// The match is on the 81st of 81 rows: the view must be at the
	// bottom of the note, not at its top.
	scroll, _, _, _ := findHit(m.pane.noteArea, nil)
	if scroll == nil || scroll.Offset.Y < scroll.Content.Size().Height-2*scroll.Size().Height {
		t.Fatalf("the note is not scrolled to the match near its end (offset %v of %v)", scroll.Offset, scroll.Content.Size())
	}

	// Esc in the search field closes the search.
	m.onSearch()
	s = m.finder
	s.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.finder != nil || w.Canvas().Overlays().Top() != nil {
		t.Fatal("Esc does not close the search")
	}
}

// requireDialogText requires text somewhere in the top dialog.
func requireDialogText(t *testing.T, w fyne.Window, want string) {
	t.Helper()
	if !strings.Contains(allText(w), want) {
		t.Fatalf("the window does not say %q:\n%s", want, allText(w))
	}
}

// Privacy mode masks the names a client's record knows inside note text:
// the client's, related people's, by initials, not other words.
func TestMaskPeople(t *testing.T) {
	cl := notes.Client{Name: "Maria de la Cruz", Preferred: "Mari",
		Related:   []notes.Person{{Name: "Daniel Okafor", Relation: "husband"}},
		Emergency: &notes.Person{Name: "Ana Lopez"}}
	got := maskPeople("Maria and Daniel argued; Mr. Okafor left. Mari called Ana Lopez. Marianne and the cruzado stayed.", cl.Identifiers())
	want := "M. and D. argued; Mr. O. left. M. called A. L.. Marianne and the cruzado stayed."
	if got != want {
		t.Errorf("maskPeople =\n%q\nwant\n%q", got, want)
	}
}

// A signed note in privacy mode names nobody the record knows.
func TestPrivacyModeMasksNamesInNotes(t *testing.T) {
	c, w, clients := mainWithPractice(t)
	m := c.main
	cl := clients[0]
	cl.Related = []notes.Person{{Name: "Tomas Garcia", Relation: "brother"}}
	if err := m.notes.UpdateClient(*cl); err != nil {
		t.Fatal(err)
	}
	n, err := m.notes.NewDraft(notes.Draft{ClientID: cl.ID, Kind: notes.Progress, Template: notes.Free,
		Session: notes.Session{Date: "2026-11-20", Start: "10:00", DurationMin: 50, ServiceCode: "90834"}, Sections: []notes.Section{{Name: "Note", Text: "Mia said Tomas visited; Maria slept well."}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.notes.Sign(n.ID); err != nil {
		t.Fatal(err)
	}
	m.openNote(cl.ID, n.ID)
	requireText(t, w, "Mia said Tomas visited; Maria slept well.")
	m.setPrivacy(true)
	requireText(t, w, "M. said T. visited; M. slept well.")
	for _, name := range []string{"Tomas", "Maria", "Mia", "Garcia"} {
		requireNoText(t, w, name)
	}
}
