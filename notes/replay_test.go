package notes_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// TestJournalReplay copies the vault's files while it is open, before any
// compaction, and opens the copy: replaying the journal must rebuild the
// same clients, notes, search index and log, which holds only if every
// statement is deterministic.
func TestJournalReplay(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Replay Client")
	other := f.client(t, "Other Client")
	n := f.signed(t, c.ID, "Replayed words about lighthouses.")
	if _, err := f.AddAddendum(n.ID, "An addendum about harbours."); err != nil {
		t.Fatal(err)
	}
	d := f.draft(t, other.ID, notes.Psychotherapy, "draft about lanterns")
	if err := f.UpdateDraft(d.ID, []notes.Section{{Name: "Note", Text: "draft about lanterns, revised"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.AddUnit(notes.Family, "", c.ID, other.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.SetLegalHold(other.ID, true); err != nil {
		t.Fatal(err)
	}

	copyDir := filepath.Join(t.TempDir(), "copy")
	os.MkdirAll(copyDir, 0o700)
	for _, name := range []string{"vault.json", "vault.age", "journal"} {
		b, err := os.ReadFile(filepath.Join(f.dir, name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(copyDir, name), b, 0o600)
	}
	v2, err := vault.Open(copyDir, vault.FromStore(f.keys))
	if err != nil {
		t.Fatal(err)
	}
	defer v2.Close()
	s2, err := notes.Open(v2)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := v2.Status(); st.JournalRecords == 0 {
		t.Fatal("the copy has no journal to replay")
	}

	type view struct {
		Client *notes.Client
		Note   *notes.Note
		Draft  *notes.Note
		List   []notes.Summary
		Hits   []notes.Hit
	}
	look := func(s *notes.Store) view {
		var out view
		out.Client, _ = s.GetClient(other.ID)
		out.Note, _ = s.GetNote(n.ID)
		out.Draft, _ = s.GetNote(d.ID)
		out.List, _ = s.ListNotes(c.ID)
		out.Hits, _ = s.Search("lighthouses OR harbours OR lanterns", notes.Filter{})
		return out
	}
	want, got := look(f.Store), look(s2)
	if !reflect.DeepEqual(got, want) || len(want.Hits) != 3 || !got.Client.LegalHold {
		t.Errorf("replayed:\n%+v\nwant\n%+v", got, want)
	}
	if err := s2.VerifyNote(n.ID); err != nil {
		t.Errorf("VerifyNote on the replayed copy: %v", err)
	}
	if n, err := v2.VerifyLog(); err != nil || n != 3 {
		t.Errorf("VerifyLog on the replayed copy = %d, %v", n, err)
	}
	if err := v2.Update(integrityCheck); err != nil {
		t.Errorf("search index of the replayed copy: %v", err)
	}
}
