package consent_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

func TestDueDate(t *testing.T) {
	tests := []struct {
		name     string
		kind     consent.RequestKind
		received string
		extended bool
		want     string
	}{
		{"access", consent.AccessRequest, "2026-01-01", false, "2026-01-31"},
		{"access extended", consent.AccessRequest, "2026-01-01", true, "2026-03-02"},
		{"access over February", consent.AccessRequest, "2026-02-01", false, "2026-03-03"},
		{"access in a leap year", consent.AccessRequest, "2024-02-01", false, "2024-03-02"},
		{"amendment", consent.AmendmentRequest, "2026-01-01", false, "2026-03-02"},
		{"amendment extended", consent.AmendmentRequest, "2026-01-01", true, "2026-04-01"},
		{"across the year", consent.AmendmentRequest, "2026-12-15", false, "2027-02-13"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := consent.DueDate(tt.kind, tt.received, tt.extended); got != tt.want {
				t.Errorf("DueDate = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestRequestLifecycle(t *testing.T) {
	f := newFixture(t)
	r, err := f.s.AddRequest(consent.Request{ClientID: f.client, Kind: consent.AccessRequest, Received: "2026-11-01"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		day  string
		left int
		over bool
	}{
		{"received", "2026-11-01", 30, false},
		{"due day", "2026-12-01", 0, false},
		{"day after", "2026-12-02", -1, true},
	}
	for _, tt := range tests {
		if got, over := r.DaysLeft(tt.day), r.Overdue(tt.day); got != tt.left || over != tt.over {
			t.Errorf("%s: DaysLeft = %d, Overdue = %v; want %d, %v", tt.name, got, over, tt.left, tt.over)
		}
	}
	if _, err := f.s.Extend(r.ID, "2026-11-10", ""); err == nil || !strings.Contains(err.Error(), "written reason") {
		t.Errorf("extension without reason: %v", err)
	}
	if _, err := f.s.Extend(r.ID, "2026-12-02", "records off site"); err == nil || !strings.Contains(err.Error(), "by the deadline") {
		t.Errorf("late extension: %v", err)
	}
	ext, err := f.s.Extend(r.ID, "2026-12-01", "records off site")
	if err != nil || ext.Due != "2026-12-31" {
		t.Fatalf("extension on the due day: %+v, %v", ext, err)
	}
	if _, err := f.s.Extend(r.ID, "2026-12-05", "again"); err == nil || !strings.Contains(err.Error(), "only one extension") {
		t.Errorf("second extension: %v", err)
	}
	if _, err := f.s.Grant(r.ID, "2026-12-20"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Deny(r.ID, "2026-12-21", "no"); !errors.Is(err, consent.ErrInvalid) {
		t.Errorf("closing a closed request = %v", err)
	}
}

func TestAmendmentAcceptedOrDenied(t *testing.T) {
	f := newFixture(t)
	ns := f.s.Notes()
	n, err := ns.NewDraft(notes.Draft{ClientID: f.client, Kind: notes.Progress, Session: notes.Session{Date: "2026-10-01", Start: "10:00", DurationMin: 50, ServiceCode: "90834"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := ns.UpdateDraft(n.ID, []notes.Section{{Name: "Note", Text: "Session text."}}); err != nil {
		t.Fatal(err)
	}
	if _, err := ns.Sign(n.ID); err != nil {
		t.Fatal(err)
	}
	add := func() *consent.Request {
		r, err := f.s.AddRequest(consent.Request{ClientID: f.client, Kind: consent.AmendmentRequest, Received: "2026-11-01", NoteID: n.ID})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	accepted, err := f.s.Accept(add().ID, "2026-11-15", "The client's employer is misstated; it is a school.")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ns.GetNote(n.ID)
	if err != nil || len(got.Addenda) != 1 || got.Addenda[0].ID != accepted.AmendmentID {
		t.Errorf("amendment not appended to the note: %+v, %v", got, err)
	}
	denied := add()
	if _, err := f.s.Disagree(denied.ID, "I disagree", ""); !errors.Is(err, consent.ErrInvalid) {
		t.Errorf("disagreement before denial = %v", err)
	}
	if _, err := f.s.Deny(denied.ID, "2026-11-20", "the record is accurate and complete"); err != nil {
		t.Fatal(err)
	}
	d, err := f.s.Disagree(denied.ID, "I disagree with the note", "The note reflects the session.")
	if err != nil || d.Outcome != consent.Denied || d.NoteID != n.ID || d.Rebuttal == "" {
		t.Errorf("after disagreement: %+v, %v", d, err)
	}
}
