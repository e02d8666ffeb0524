package consent_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// A release is driven step by step, as the wizard does: who asks and why,
// the basis, the scope, the review of every redaction, then the release.
func ExampleStore_NewRelease() {
	dir, _ := os.MkdirTemp("", "confide-example")
	defer os.RemoveAll(dir)
	v, _, err := vault.Create(filepath.Join(dir, "vault"), vault.CreateOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer v.Close()
	s, _ := consent.Open(v)
	c, _ := s.Notes().AddClient(notes.Client{Name: "Maria Garcia", Related: []notes.Person{{Name: "Daniel Garcia", Relation: "husband"}}})
	n, _ := s.Notes().NewDraft(notes.Draft{ClientID: c.ID, Kind: notes.Progress, Session: notes.Session{Date: "2026-03-10", Start: "10:00", DurationMin: 50, ServiceCode: "90834"},
		Sections: []notes.Section{{Name: "Note", Text: "Maria said her husband Daniel was supportive."}}})
	s.Notes().Sign(n.ID)

	// 1. Who asks and why.
	r, _ := s.NewRelease(consent.ReleaseRequest{ClientID: c.ID, Type: consent.ByAuthorization, Recipient: "Dr. Smith", Purpose: "continuity of care"})
	// 2. The basis: no authorization on file yet.
	_, err = r.CheckBasis()
	fmt.Println(errors.Is(err, consent.ErrNotAuthorized))
	s.AddAuthorization(consent.Authorization{ClientID: c.ID, Info: "progress notes", Discloser: "Dr. Lee", Recipient: "Dr. Smith",
		RecipientAddress: "2 Clinic Rd", Purpose: "continuity of care", ExpiryEvent: "end of treatment", Signed: "2026-01-05", Signer: "the client"})
	// 3 and 4. The scope (here the default) and the redactions to review.
	p, err := r.Preview()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Notes[0].Sections[0].Text)
	// 5 and 6. The PDF, recorded in the accounting of disclosures.
	m, err := r.Release(filepath.Join(dir, "release.pdf"), consent.ReleaseOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(m.Notes), "note released; accountable:", m.Request.Accountable())
	// Output:
	// true
	// Maria said her husband [redacted: third party] was supportive.
	// 1 note released; accountable: false
}
