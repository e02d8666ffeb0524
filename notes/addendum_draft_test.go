package notes_test

import (
	"errors"
	"testing"

	"github.com/confidenotes/confide/notes"
)

func TestAddendumDraftSurvivesAndGoesWithTheAddendum(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Example")
	n := f.signed(t, c.ID, "Session went well.")
	if err := f.SaveAddendumDraft(n.ID, "Correction: the session was 45 minutes"); err != nil {
		t.Fatal(err)
	}
	f.reopen(t) // a lock, a crash or a quit: replayed from the journal
	if got, err := f.AddendumDraft(n.ID); err != nil || got != "Correction: the session was 45 minutes" {
		t.Fatalf("draft after reopening = %q, %v", got, err)
	}
	if _, err := f.AddAddendum(n.ID, "Correction: the session was 45 minutes"); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.AddendumDraft(n.ID); got != "" {
		t.Fatalf("the draft outlived its addendum: %q", got)
	}
	if err := f.SaveAddendumDraft(n.ID, "another"); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAddendumDraft(n.ID, "   "); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.AddendumDraft(n.ID); got != "" {
		t.Fatalf("an emptied draft is still there: %q", got)
	}
	draft := f.draft(t, c.ID, notes.Progress, "not signed yet")
	if err := f.SaveAddendumDraft(draft.ID, "x"); !errors.Is(err, notes.ErrNotSigned) {
		t.Fatalf("addendum draft on a draft note: got %v", err)
	}
}
