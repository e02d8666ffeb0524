package clinical_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
)

// A note is signed only when its psychotherapy time code fits its
// minutes, unless the mismatch is accepted; other codes are not checked.
func TestSignNoteChecksTheTimeCode(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	draft := func(code string, minutes int) *notes.Note {
		t.Helper()
		n, err := f.Notes().NewDraft(notes.Draft{ClientID: c, Kind: notes.Progress, Template: notes.Free,
			Session:  notes.Session{Date: "2026-03-10", Start: "14:00", DurationMin: minutes, ServiceCode: code},
			Sections: notes.Free.ParseBody("Session.")})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	long := draft("90834", 60)
	_, chk, err := f.SignNote(long.ID, false)
	if !errors.Is(err, clinical.ErrCodeMismatch) || !strings.Contains(err.Error(), "60 minutes fit 90837, not 90834") || chk.Fits != "90837" {
		t.Fatalf("signing 90834 for 60 minutes: %v (%+v)", err, chk)
	}
	if n, _ := f.Notes().GetNote(long.ID); n.Signed() {
		t.Fatal("a refused note was signed")
	}
	n, chk, err := f.SignNote(long.ID, true)
	if err != nil || !n.Signed() || chk.OK {
		t.Fatalf("accepting the mismatch: %v, %+v", err, chk)
	}
	for _, tt := range []struct {
		code    string
		minutes int
	}{{"90837", 53}, {"90832", 16}, {"90834", 38}, {"90791", 90}, {"90847", 50}} {
		n := draft(tt.code, tt.minutes)
		if _, chk, err := f.SignNote(n.ID, false); err != nil || !chk.OK {
			t.Errorf("%s for %d minutes: %v, %+v", tt.code, tt.minutes, err, chk)
		}
	}
	// A note without a time code is not checked (nor, being a contact
	// note, does it need one).
	contact, err := f.Notes().NewDraft(notes.Draft{ClientID: c, Kind: notes.Contact, Template: notes.Free,
		Session: notes.Session{Date: "2026-03-11"}, Sections: notes.Free.ParseBody("Phone call.")})
	if err != nil {
		t.Fatal(err)
	}
	if _, chk, err := f.SignNote(contact.ID, false); err != nil || chk.Checked {
		t.Errorf("a note without a code: %v, %+v", err, chk)
	}
	if _, _, err := f.SignNote("n-missing", false); !errors.Is(err, clinical.ErrNotFound) {
		t.Errorf("an unknown note: %v", err)
	}
}

func TestSessionEnd(t *testing.T) {
	for _, tt := range []struct {
		s    notes.Session
		want string
	}{
		{notes.Session{Start: "14:00", DurationMin: 50}, "14:50"},
		{notes.Session{Start: "09:35", DurationMin: 53}, "10:28"},
		{notes.Session{Start: "23:40", DurationMin: 40}, "00:20"},
		{notes.Session{Start: "14:00"}, ""},
		{notes.Session{DurationMin: 50}, ""},
	} {
		if got := clinical.SessionEnd(tt.s); got != tt.want {
			t.Errorf("SessionEnd(%+v) = %q, want %q", tt.s, got, tt.want)
		}
	}
}
