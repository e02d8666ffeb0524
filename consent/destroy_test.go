package consent_test

import (
	"strings"
	"testing"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

// oldClient is a client whose notes' retention period passed long ago.
func oldClient(t *testing.T, f *fixture) string {
	t.Helper()
	return f.addClient(t, notes.Client{Name: "Long Gone", DOB: "1960-01-01", IntakeDate: "2009-03-01", LastContact: "2010-01-15", Status: notes.Closed})
}

func TestDestructionKeepsTheAccountingSixYears(t *testing.T) {
	tests := []struct {
		name      string
		disclosed string // "" for none
		auth      func(a *consent.Authorization)
		wantOK    bool
	}{
		{"nothing recorded", "", nil, true},
		{"disclosure seven years ago", "2019-11-22", nil, true},
		{"disclosure five years ago", "2021-11-24", nil, false},
		{"disclosure six years ago to the day", "2020-11-23", nil, false},
		{"authorization expired seven years ago", "", func(a *consent.Authorization) { a.Signed, a.Expires = "2018-01-01", "2019-01-01" }, true},
		{"authorization still in effect", "", func(a *consent.Authorization) { a.Signed, a.Expires = "2018-01-01", "2030-01-01" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			client := oldClient(t, f)
			if tt.disclosed != "" {
				if _, err := f.s.RecordDisclosure(consent.Disclosure{ClientID: client, Date: tt.disclosed, Recipient: "County Court",
					RecipientAddress: "1 Court Sq", Description: "session dates", Purpose: "proceeding", Request: consent.CourtOrder, MadeBy: "Dr. Lee"}); err != nil {
					t.Fatal(err)
				}
			}
			if tt.auth != nil {
				a := completeAuth(client)
				tt.auth(&a)
				if _, err := f.s.AddAuthorization(a); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := f.s.AddConsent(consent.Consent{ClientID: client, Type: consent.InformedConsent, Signed: "2009-03-01"}); err != nil {
				t.Fatal(err)
			}
			_, err := f.s.Notes().Destroy(client, testNow)
			if !tt.wantOK {
				if err == nil || !strings.Contains(err.Error(), "kept six years") {
					t.Fatalf("destroy: got %v, want a refusal naming the six years", err)
				}
				if list, _ := f.s.Consents(client); len(list) != 1 {
					t.Fatal("a refused destruction removed consent records")
				}
				return
			}
			if err != nil {
				t.Fatalf("destroy: %v", err)
			}
			if list, _ := f.s.Consents(client); len(list) != 0 {
				t.Fatalf("%d consent records outlived the client", len(list))
			}
			if ds, _ := f.s.Disclosures(client); len(ds) != 0 {
				t.Fatalf("%d disclosures outlived the client", len(ds))
			}
			if _, err := f.s.VerifyDisclosures(); err != nil {
				t.Fatalf("a logged destruction reads as tampering: %v", err)
			}
		})
	}
}
