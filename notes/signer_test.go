package notes_test

import (
	"database/sql"
	"errors"
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes"
	profile "github.com/confidenotes/confide/practice"
)

// A note signed before any profile names nobody; once the profile is set,
// notes and addenda record who signed them, the log keeps it, and a
// changed signer is found.
func TestSignRecordsWhoSigned(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Client One")
	before := f.signed(t, c.ID, "Signed before the profile.")
	if before.SignedBy != "" {
		t.Errorf("signed by %q with no profile", before.SignedBy)
	}
	if err := f.Practice().SetProfile(profile.Profile{Name: "Jane Porter", Credentials: "LCSW"}); err != nil {
		t.Fatal(err)
	}
	n := f.signed(t, c.ID, "Signed after.")
	if n.SignedBy != "Jane Porter, LCSW" {
		t.Fatalf("signed by %q, want Jane Porter, LCSW", n.SignedBy)
	}
	if _, err := f.AddAddendum(n.ID, "A correction."); err != nil {
		t.Fatal(err)
	}
	f.reopen(t)
	got, err := f.GetNote(n.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.SignedBy != "Jane Porter, LCSW" || len(got.Addenda) != 1 || got.Addenda[0].SignedBy != "Jane Porter, LCSW" {
		t.Errorf("after reopening: note by %q, addenda %+v", got.SignedBy, got.Addenda)
	}
	for _, id := range []string{before.ID, n.ID} {
		if err := f.VerifyNote(id); err != nil {
			t.Errorf("verify %s: %v", id, err)
		}
	}
	// Changing the name on a signed note, with the triggers dropped, is found.
	f.alterSnapshot(t, func(db *sql.DB) {
		if _, err := db.Exec("DROP TRIGGER notes_signed_frozen_update"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("UPDATE notes SET signed_by = 'Someone Else, PhD' WHERE id = ?", n.ID); err != nil {
			t.Fatal(err)
		}
	})
	if err := f.VerifyNote(n.ID); !errors.Is(err, notes.ErrTampered) {
		t.Errorf("verify after changing the signer: %v, want ErrTampered", err)
	}
}

// Intakes and progress notes need their session's start, length and code
// before signing; other kinds do not.
func TestSessionNoteNeedsItsSessionFields(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Client One")
	tests := []struct {
		name    string
		kind    notes.Kind
		session notes.Session
		missing string // "" when it signs
	}{
		{"progress without anything", notes.Progress, notes.Session{Date: "2026-03-13"}, "the start time, the length in minutes, the service code"},
		{"progress without code", notes.Progress, notes.Session{Date: "2026-03-13", Start: "10:00", DurationMin: 50}, "the service code"},
		{"intake without length", notes.Intake, notes.Session{Date: "2026-03-13", Start: "10:00", ServiceCode: "90791"}, "the length in minutes"},
		{"complete progress note", notes.Progress, notes.Session{Date: "2026-03-13", Start: "10:00", DurationMin: 50, ServiceCode: "90834"}, ""},
		{"contact note", notes.Contact, notes.Session{Date: "2026-03-13"}, ""},
		{"treatment plan", notes.TreatmentPlan, notes.Session{Date: "2026-03-13"}, ""},
		{"psychotherapy note", notes.Psychotherapy, notes.Session{Date: "2026-03-13"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := f.NewDraft(notes.Draft{ClientID: c.ID, Kind: tt.kind, Session: tt.session,
				Sections: []notes.Section{{Name: "Note", Text: "Text."}}})
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.Sign(n.ID)
			if tt.missing == "" {
				if err != nil {
					t.Fatalf("sign: %v", err)
				}
				return
			}
			if !errors.Is(err, notes.ErrSessionIncomplete) || !strings.HasSuffix(err.Error(), "missing "+tt.missing) {
				t.Fatalf("sign: %v, want ErrSessionIncomplete missing %s", err, tt.missing)
			}
			if got, _ := f.GetNote(n.ID); got.Signed() {
				t.Fatal("the refused note is signed")
			}
			s := tt.session
			s.Start, s.DurationMin, s.ServiceCode = "10:00", 50, "90834"
			if err := f.UpdateSession(n.ID, s); err != nil {
				t.Fatal(err)
			}
			if _, err := f.Sign(n.ID); err != nil {
				t.Errorf("sign once complete: %v", err)
			}
		})
	}
}

// Signing a note of a session or a contact keeps the client's last contact
// current, and never moves it back.
func TestSigningKeepsLastContactCurrent(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Client One")
	sign := func(kind notes.Kind, date string) {
		t.Helper()
		n, err := f.NewDraft(notes.Draft{ClientID: c.ID, Kind: kind, Sections: []notes.Section{{Name: "Note", Text: "Text."}},
			Session: notes.Session{Date: date, Start: "09:00", DurationMin: 50, ServiceCode: "90834"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Sign(n.ID); err != nil {
			t.Fatal(err)
		}
	}
	last := func() string {
		t.Helper()
		got, err := f.GetClient(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.LastContact
	}
	steps := []struct {
		kind notes.Kind
		date string
		want string
	}{
		{notes.Progress, "2026-03-10", "2026-03-10"},
		{notes.Progress, "2026-02-01", "2026-03-10"}, // an older note signed late
		{notes.TreatmentPlan, "2026-03-20", "2026-03-10"},
		{notes.Contact, "2026-03-12", "2026-03-12"},
		{notes.Intake, "2026-03-13", "2026-03-13"},
	}
	for _, s := range steps {
		sign(s.kind, s.date)
		if got := last(); got != s.want {
			t.Errorf("after signing a %s of %s: last contact %q, want %s", s.kind, s.date, got, s.want)
		}
	}
}
