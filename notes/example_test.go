package notes_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
	"github.com/confidenotes/confide/vault/vaulttest"
)

// A draft is written, autosaved, signed, and corrected with an addendum.
func Example() {
	dir, _ := os.MkdirTemp("", "confide-example")
	defer os.RemoveAll(dir)
	v, _, err := vault.Create(filepath.Join(dir, "vault"), vault.CreateOptions{Store: vaulttest.KeyStore{}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer v.Close()
	now := func() time.Time { return time.Date(2026, 3, 14, 11, 0, 0, 0, time.UTC) }
	s, err := notes.Open(v, notes.WithClock(now))
	if err != nil {
		fmt.Println(err)
		return
	}
	c, _ := s.AddClient(notes.Client{Name: "Maria Garcia", DOB: "1985-07-04"})
	n, _ := s.NewDraft(notes.Draft{ClientID: c.ID, Kind: notes.Progress, Template: notes.DAP,
		Session: notes.Session{Date: "2026-03-14", Start: "10:00", DurationMin: 50, ServiceCode: "90834"}})
	s.UpdateDraft(n.ID, notes.DAP.ParseBody("D: Reports better sleep.\nA: Improving.\nP: Weekly."))
	n, _ = s.Sign(n.ID)
	fmt.Println("signed:", n.Signed())
	fmt.Println("edit:", s.UpdateDraft(n.ID, n.Sections))
	s.AddAddendum(n.ID, "Sleep improved since the dose change.")
	n, _ = s.GetNote(n.ID)
	fmt.Println("addenda:", len(n.Addenda), "verified:", s.VerifyNote(n.ID) == nil)
	hits, _ := s.Search("sleep", notes.Filter{ClientID: c.ID})
	fmt.Println("hits:", len(hits), hits[0].Snippet)
	// Output:
	// signed: true
	// edit: note is signed; add an addendum
	// addenda: 1 verified: true
	// hits: 2 «Sleep» improved since the dose change.
}
