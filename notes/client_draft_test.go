package notes_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/confidenotes/confide/notes"
)

func TestClientDraftSurvivesReopeningAndGoesWhenDiscarded(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Example")
	edited := *c
	edited.Phones = []string{"555-0142"}
	edited.Related = []notes.Person{{Name: "Ben Example", Relation: "brother"}}
	edited.Name = "" // half-typed: a draft need not be valid
	if err := f.SaveClientDraft(edited); err != nil {
		t.Fatal(err)
	}
	newOne := notes.Client{Name: "Cara New", Emails: []string{"cara@example.org"}}
	if err := f.SaveClientDraft(newOne); err != nil {
		t.Fatal(err)
	}
	f.reopen(t) // a lock, a crash or a quit: replayed from the journal

	got, err := f.ClientDraft(c.ID)
	if err != nil || got == nil {
		t.Fatalf("draft after reopening = %v, %v", got, err)
	}
	if got.ID != c.ID || got.Name != "" || !reflect.DeepEqual(got.Phones, edited.Phones) || !reflect.DeepEqual(got.Related, edited.Related) {
		t.Errorf("draft = %+v, want the edited details", got)
	}
	if stored, _ := f.GetClient(c.ID); stored.Name != "Ada Example" || len(stored.Phones) != 0 {
		t.Errorf("a draft changed the saved client: %+v", stored)
	}
	if n, err := f.ClientDraft(""); err != nil || n == nil || n.Name != "Cara New" {
		t.Errorf("new-client draft = %+v, %v", n, err)
	}

	if err := f.DiscardClientDraft(c.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := f.ClientDraft(c.ID); err != nil || got != nil {
		t.Errorf("discarded draft = %+v, %v", got, err)
	}
	if n, _ := f.ClientDraft(""); n == nil {
		t.Error("discarding one client's draft took the new client's too")
	}
	if err := f.SaveClientDraft(notes.Client{ID: "c-nobody", Name: "x"}); !errors.Is(err, notes.ErrNotFound) {
		t.Errorf("draft for an unknown client: %v, want ErrNotFound", err)
	}
}
