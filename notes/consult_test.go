package notes_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/notes/disguise"
	"github.com/confidenotes/confide/vault"
)

func consultFixture(t *testing.T) (*fixture, *notes.Client, []*notes.Note) {
	t.Helper()
	f := newFixture(t)
	c, err := f.AddClient(notes.Client{Name: "Maria Okafor", Preferred: "Mari", DOB: "1988-02-11",
		Employer: "Lakeside Credit Union", Related: []notes.Person{{Name: "Daniel Okafor", Relation: "husband"}}})
	if err != nil {
		t.Fatal(err)
	}
	a := f.signed(t, c.ID, "Maria reports conflict with her husband, Daniel, about work at Lakeside Credit Union. Mari's sister Tamsin visited.")
	b := f.signed(t, c.ID, "Daniel attended the second half. Maria felt heard; Tamsin was not discussed.")
	return f, c, []*notes.Note{a, b}
}

func TestConsultationKeepsPseudonymsAndHidesIdentity(t *testing.T) {
	f, c, ns := consultFixture(t)
	k, err := f.StartConsultation(notes.Consultation{ClientID: c.ID, Colleague: "Dr. Reyes", Purpose: "peer consultation"})
	if err != nil {
		t.Fatal(err)
	}
	p1, err := f.Prepare(k.ID, ns[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := f.Prepare(k.ID, ns[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*notes.Prepared{p1, p2} {
		for _, real := range []string{"Maria", "Okafor", "Daniel", "Lakeside", "Mari's"} {
			if strings.Contains(p.Result.Text, real) {
				t.Errorf("disguised text still says %q: %s", real, p.Result.Text)
			}
		}
	}
	if !strings.Contains(p1.Result.Text, "her husband, ") {
		t.Errorf("the relation is not kept readable: %s", p1.Result.Text)
	}
	pseudo := func(p *notes.Prepared, original string) string {
		for _, ch := range p.Result.Changes {
			if ch.Original == original {
				return ch.Replacement
			}
		}
		t.Fatalf("no change for %q", original)
		return ""
	}
	if a, b := pseudo(p1, "Daniel"), pseudo(p2, "Daniel"); a != b {
		t.Errorf("Daniel became %q in one note and %q in the other", a, b)
	}
	got, err := f.GetConsultation(k.ID)
	if err != nil || len(got.NoteIDs) != 2 {
		t.Fatalf("consultation log: %+v, %v", got, err)
	}
	var events []vault.Event
	f.v.Read(func(q vault.Querier) error {
		events, err = vault.Events(q, notes.EventConsultation, k.ID)
		return err
	})
	if len(events) != 2 {
		t.Fatalf("%d consultation events, want 2", len(events))
	}
	for _, e := range events {
		if strings.Contains(string(e.Data), "Maria") || strings.Contains(string(e.Data), "Daniel") {
			t.Fatal("the event log holds a name")
		}
	}
	// The mapping stays in the vault: nothing the API returns carries it.
	b, _ := json.Marshal(got)
	if strings.Contains(string(b), "date_shift") || strings.Contains(string(b), "names") {
		t.Fatalf("the consultation exposes its mapping: %s", b)
	}
}

func TestConsultationEdits(t *testing.T) {
	f, c, ns := consultFixture(t)
	k, _ := f.StartConsultation(notes.Consultation{ClientID: c.ID})
	err := f.SetEdits(k.ID, notes.Edits{
		Keep: []string{"Lakeside Credit Union"},                       // an undone change
		Add:  []notes.Mark{{Text: "Tamsin", Category: disguise.Name}}, // a missed name
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range ns {
		p, err := f.Prepare(k.ID, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(p.Result.Text, "Tamsin") {
			t.Errorf("a marked name was left: %s", p.Result.Text)
		}
		if strings.Contains(p.Original, "Lakeside") && !strings.Contains(p.Result.Text, "Lakeside Credit Union") {
			t.Errorf("an undone change was applied: %s", p.Result.Text)
		}
	}
	if err := f.SetEdits(k.ID, notes.Edits{Add: []notes.Mark{{Text: "  "}}}); !errors.Is(err, notes.ErrInvalid) {
		t.Fatalf("an empty mark: got %v", err)
	}
}

func TestConsultationRefusals(t *testing.T) {
	f, c, ns := consultFixture(t)
	other := f.client(t, "Someone Else")
	k, _ := f.StartConsultation(notes.Consultation{ClientID: c.ID})
	otherNote := f.signed(t, other.ID, "A note of another client.")
	tests := []struct {
		name    string
		consult string
		note    string
		want    error
	}{
		{"another client's note", k.ID, otherNote.ID, notes.ErrInvalid},
		{"unknown consultation", "k-nope", ns[0].ID, notes.ErrNotFound},
		{"unknown note", k.ID, "n-nope", notes.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := f.Prepare(tt.consult, tt.note); !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
	if _, err := f.StartConsultation(notes.Consultation{ClientID: c.ID, Profile: "anonymous"}); !errors.Is(err, notes.ErrInvalid) {
		t.Fatalf("unknown profile: %v", err)
	}
	if _, err := f.StartConsultation(notes.Consultation{ClientID: "c-nope"}); !errors.Is(err, notes.ErrNotFound) {
		t.Fatalf("unknown client: %v", err)
	}
}
