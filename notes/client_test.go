package notes_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/confidenotes/confide/notes"
)

func TestAddClientValidates(t *testing.T) {
	tests := []struct {
		name string
		c    notes.Client
		want error
	}{
		{"ok", notes.Client{Name: "Ada Lovelace", DOB: "1990-12-10"}, nil},
		{"no name", notes.Client{Name: "  "}, notes.ErrInvalid},
		{"bad dob", notes.Client{Name: "A B", DOB: "10/12/1990"}, notes.ErrInvalid},
		{"impossible date", notes.Client{Name: "A B", IntakeDate: "2025-02-30"}, notes.ErrInvalid},
		{"bad status", notes.Client{Name: "A B", Status: "paused"}, notes.ErrInvalid},
		{"related without name", notes.Client{Name: "A B", Related: []notes.Person{{Relation: "spouse"}}}, notes.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			_, err := f.AddClient(tt.c)
			if !errors.Is(err, tt.want) {
				t.Fatalf("AddClient = %v, want %v", err, tt.want)
			}
			want := 1
			if tt.want != nil {
				want = 0
			}
			if got := f.count(t, "clients"); got != want {
				t.Errorf("clients = %d, want %d", got, want)
			}
		})
	}
}

func TestClientRoundTrip(t *testing.T) {
	f := newFixture(t)
	in := notes.Client{Name: "Maria Elena Garcia", Preferred: "Lena", Pronouns: "she/her", DOB: "2010-04-02",
		Phones: []string{"(555) 010-2030"}, Emails: []string{"lena@example.com"},
		Addresses: []string{"12 Elm St, Springfield, IL 62704"}, Employer: "Acme Corp", School: "Lincoln High",
		Other:     []string{"plays cello in the youth orchestra"},
		Related:   []notes.Person{{Name: "Jorge Garcia", Relation: "father"}, {Name: "Ana Garcia", Relation: "sister"}},
		Guardians: []notes.Person{{Name: "Jorge Garcia", Relation: "guardian", Phone: "555-0101"}},
		Emergency: &notes.Person{Name: "Rosa Diaz", Relation: "aunt", Phone: "555-0102"},
		Status:    notes.Active, IntakeDate: "2025-09-01", LastContact: "2026-03-01", Minor: true}
	added, err := f.AddClient(in)
	if err != nil {
		t.Fatal(err)
	}
	f.reopen(t) // what was written is what the journal and the snapshot give back
	got, err := f.GetClient(added.ID)
	if err != nil {
		t.Fatal(err)
	}
	in.ID = added.ID
	if !reflect.DeepEqual(*got, in) {
		t.Errorf("GetClient =\n%+v\nwant\n%+v", *got, in)
	}
	if _, err := f.GetClient("c-missing"); !errors.Is(err, notes.ErrNotFound) {
		t.Errorf("GetClient(unknown) = %v, want ErrNotFound", err)
	}
}

func TestListClients(t *testing.T) {
	f := newFixture(t)
	for _, c := range []notes.Client{{Name: "zoe Zed"}, {Name: "Adam Ant", Status: notes.Closed}, {Name: "Bea Bee"}} {
		if _, err := f.AddClient(c); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name   string
		filter notes.ClientFilter
		want   []string
	}{
		{"all, by name", notes.ClientFilter{}, []string{"Adam Ant", "Bea Bee", "zoe Zed"}},
		{"active", notes.ClientFilter{Status: notes.Active}, []string{"Bea Bee", "zoe Zed"}},
		{"closed", notes.ClientFilter{Status: notes.Closed}, []string{"Adam Ant"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := f.ListClients(tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cs {
				got = append(got, c.Name)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestIdentifiers(t *testing.T) {
	f := newFixture(t)
	a, err := f.AddClient(notes.Client{Name: "Maria Garcia", Preferred: "Mia", DOB: "1985-07-04",
		Phones: []string{"555-0100"}, Emails: []string{"mia@example.com"}, Addresses: []string{"1 Oak Ave, Portland, OR"},
		Employer: "Intel", School: "PSU", Other: []string{"Rose Festival"},
		Related:   []notes.Person{{Name: "Luis Garcia", Relation: "husband"}},
		Guardians: []notes.Person{{Name: "Carmen Lopez"}}, Emergency: &notes.Person{Name: "Pat Kim", Phone: "555-0111"}})
	if err != nil {
		t.Fatal(err)
	}
	b := f.client(t, "Luis Garcia")
	if _, err := f.AddUnit(notes.Couple, "Garcia couple", a.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	c, err := f.GetClient(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := c.Identifiers()
	want := notes.Identifiers{
		Names:    []string{"Maria Garcia", "Mia", "Maria", "Garcia"},
		Related:  []notes.Related{{"Luis Garcia", "husband"}, {"Carmen Lopez", "guardian"}, {"Pat Kim", "emergency contact"}},
		Members:  []string{"Luis Garcia"},
		Places:   []string{"Portland", "OR", "Rose Festival"},
		Employer: "Intel", School: "PSU", DOB: "1985-07-04",
		Phones:    []string{"555-0100", "555-0111"},
		Emails:    []string{"mia@example.com"},
		Addresses: []string{"1 Oak Ave, Portland, OR"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Identifiers =\n%+v\nwant\n%+v", got, want)
	}
}

func TestAddUnitRefuses(t *testing.T) {
	f := newFixture(t)
	a := f.client(t, "A One")
	tests := []struct {
		name    string
		kind    notes.UnitKind
		members []string
		want    error
	}{
		{"bad kind", "tribe", []string{a.ID, a.ID}, notes.ErrInvalid},
		{"one member", notes.Group, []string{a.ID}, notes.ErrInvalid},
		{"unknown member", notes.Family, []string{a.ID, "c-nobody"}, notes.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := f.AddUnit(tt.kind, "", tt.members...); !errors.Is(err, tt.want) {
				t.Errorf("AddUnit = %v, want %v", err, tt.want)
			}
			if n := f.count(t, "units"); n != 0 {
				t.Errorf("units = %d, want 0", n)
			}
		})
	}
}
