package notes_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes"
)

// TestNoteLongerThanTwoMBIsRefused: a note's text is bounded, whether it
// comes as a new draft, an autosave or an addendum.
func TestNoteLongerThanTwoMBIsRefused(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Client One")
	big := strings.Repeat("a", notes.MaxNoteBytes+1)
	_, err := f.NewDraft(notes.Draft{ClientID: c.ID, Kind: notes.Progress, Template: notes.Free,
		Session: notes.Session{Date: "2026-03-13"}, Sections: []notes.Section{{Name: "Note", Text: big}}})
	if !errors.Is(err, notes.ErrTooLarge) || !errors.Is(err, notes.ErrInvalid) {
		t.Errorf("new draft of 2 MB + 1: %v, want ErrTooLarge", err)
	}
	n := f.draft(t, c.ID, notes.Progress, strings.Repeat("a", notes.MaxNoteBytes)) // exactly the limit is fine
	if err := f.UpdateDraft(n.ID, []notes.Section{{Name: "Note", Text: big}}); !errors.Is(err, notes.ErrTooLarge) {
		t.Errorf("autosave of 2 MB + 1: %v, want ErrTooLarge", err)
	}
	s := f.signed(t, c.ID, "Signed.")
	if _, err := f.AddAddendum(s.ID, big); !errors.Is(err, notes.ErrTooLarge) {
		t.Errorf("addendum of 2 MB + 1: %v, want ErrTooLarge", err)
	}
}

// TestDateOfBirthAfterTodayIsRefused: a date of birth in the future is a
// typing mistake, refused when a client is added or changed.
func TestDateOfBirthAfterTodayIsRefused(t *testing.T) {
	f := newFixture(t) // today is 2026-03-14
	if _, err := f.AddClient(notes.Client{Name: "Born Tomorrow", DOB: "2026-03-15"}); !errors.Is(err, notes.ErrInvalid) {
		t.Errorf("a date of birth tomorrow: %v, want ErrInvalid", err)
	}
	c, err := f.AddClient(notes.Client{Name: "Born Today", DOB: "2026-03-14"})
	if err != nil {
		t.Fatalf("a date of birth today: %v", err)
	}
	c.DOB = "2030-01-01"
	if err := f.UpdateClient(*c); !errors.Is(err, notes.ErrInvalid) {
		t.Errorf("changed to a date of birth in 2030: %v, want ErrInvalid", err)
	}
}

// longNote is a note of about 1 MB in which the searched words occur
// thousands of times, the case that took FTS5's snippet() 15 s.
func longNote() string {
	para := "Client reported increased anxiety at work this week. Sleep has been poor. We discussed coping strategies and reviewed the plan. "
	return strings.Repeat(para, 1<<20/len(para))
}

// TestSearchOfALongNote: a long note is found, with a short snippet that
// marks the match, like any other.
func TestSearchOfALongNote(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Client One")
	n := f.draft(t, c.ID, notes.Progress, longNote())
	short := f.draft(t, c.ID, notes.Progress, "Discussed coping strategies once.")
	hits, err := f.Search("coping strategies", notes.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 {
		t.Fatalf("%d hits, want 2", len(hits))
	}
	for _, h := range hits {
		if h.NoteID != n.ID && h.NoteID != short.ID {
			t.Errorf("unexpected hit %s", h.NoteID)
		}
		if len(h.Snippet) > 400 || !strings.Contains(h.Snippet, notes.MarkOpen+"coping"+notes.MarkClose) {
			t.Errorf("snippet of %s = %q, want a short one marking the match", h.NoteID, h.Snippet)
		}
	}
}

// BenchmarkSearchLongNote times a search whose match is a 1 MB note.
func BenchmarkSearchLongNote(b *testing.B) {
	f := newFixture(b)
	c := f.client(b, "Client One")
	f.draft(b, c.ID, notes.Progress, longNote())
	b.ResetTimer()
	for b.Loop() {
		if _, err := f.Search("coping strategies", notes.Filter{}); err != nil {
			b.Fatal(err)
		}
	}
}
