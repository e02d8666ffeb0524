package notes_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/confidenotes/confide/notes"
)

func TestNewDraftRefusesBadInput(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Client One")
	ok := notes.Draft{ClientID: c.ID, Kind: notes.Progress, Template: notes.SOAP, Session: notes.Session{Date: "2026-03-01"}}
	tests := []struct {
		name   string
		change func(d *notes.Draft)
		want   error
	}{
		{"unknown client", func(d *notes.Draft) { d.ClientID = "c-0000" }, notes.ErrNotFound},
		{"wrong kind", func(d *notes.Draft) { d.Kind = "session" }, notes.ErrInvalid},
		{"addendum is not a kind", func(d *notes.Draft) { d.Kind = "addendum" }, notes.ErrInvalid},
		{"wrong template", func(d *notes.Draft) { d.Template = "sbar" }, notes.ErrInvalid},
		{"date does not parse", func(d *notes.Draft) { d.Date = "13/03/2026" }, notes.ErrInvalid},
		{"no date", func(d *notes.Draft) { d.Date = "" }, notes.ErrInvalid},
		{"bad start", func(d *notes.Draft) { d.Start = "25:00" }, notes.ErrInvalid},
		{"negative duration", func(d *notes.Draft) { d.DurationMin = -5 }, notes.ErrInvalid},
		{"sections of another template", func(d *notes.Draft) { d.Sections = notes.DAP.Blank() }, notes.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ok
			tt.change(&d)
			if _, err := f.NewDraft(d); !errors.Is(err, tt.want) {
				t.Fatalf("NewDraft = %v, want %v", err, tt.want)
			}
			if n := f.count(t, "notes"); n != 0 {
				t.Errorf("notes = %d, want 0", n)
			}
		})
	}
}

func TestDraftAutosave(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Client One")
	n, err := f.NewDraft(notes.Draft{ClientID: c.ID, Kind: notes.Progress, Template: notes.DAP,
		Session: notes.Session{Date: "2026-03-01", Start: "14:00", DurationMin: 53, ServiceCode: "90834"}})
	if err != nil {
		t.Fatal(err)
	}
	secs := []notes.Section{{"Data", "Reports better sleep."}, {"Assessment", "Improving."}, {"Plan", "Continue weekly."}}
	for i := range 3 { // autosave repeatedly; the last one wins
		f.clock.advance(1e9)
		secs[0].Text += string(rune('a' + i))
		if err := f.UpdateDraft(n.ID, secs); err != nil {
			t.Fatal(err)
		}
	}
	f.reopen(t)
	got, err := f.GetNote(n.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Sections, secs) || got.Signed() || got.ServiceCode != "90834" || !got.Updated.Equal(f.clock.now()) {
		t.Errorf("after autosave and reopen: %+v", got)
	}
	sess := notes.Session{Date: "2026-03-02", Start: "09:15", DurationMin: 45, ServiceCode: "90832"}
	if err := f.UpdateSession(n.ID, sess); err != nil {
		t.Fatal(err)
	}
	if got, err := f.GetNote(n.ID); err != nil || got.Session != sess {
		t.Errorf("after UpdateSession: %+v, %v", got.Session, err)
	}
	if err := f.UpdateSession(n.ID, notes.Session{Date: "2026-02-30"}); !errors.Is(err, notes.ErrInvalid) {
		t.Errorf("UpdateSession with a bad date = %v, want ErrInvalid", err)
	}
	if err := f.UpdateDraft(n.ID, notes.SOAP.Blank()); !errors.Is(err, notes.ErrInvalid) {
		t.Errorf("UpdateDraft with another template's sections = %v, want ErrInvalid", err)
	}
	if err := f.UpdateDraft("n-missing", secs); !errors.Is(err, notes.ErrNotFound) {
		t.Errorf("UpdateDraft(unknown) = %v, want ErrNotFound", err)
	}
}

func TestParseBody(t *testing.T) {
	tests := []struct {
		name string
		tmpl notes.Template
		text string
		want []string
	}{
		{"free keeps everything", notes.Free, "  S: not a heading here\nline two\n", []string{"S: not a heading here\nline two"}},
		{"soap full names", notes.SOAP, "Subjective: sad\nObjective:\ncalm\nAssessment: stable\nPlan: weekly", []string{"sad", "calm", "stable", "weekly"}},
		{"soap initials", notes.SOAP, "S: a\nO: b\nA: c\nP: d", []string{"a", "b", "c", "d"}},
		{"markdown headings", notes.BIRP, "# Behavior\nx\n## Intervention\ny\n## Response\nz\n## Plan\nw", []string{"x", "y", "z", "w"}},
		{"text before a heading goes first", notes.GIRP, "intro\nPlan: p", []string{"intro", "", "", "p"}},
		{"unknown heading is text", notes.DAP, "Data: d\nMood: low", []string{"d\nMood: low", "", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range tt.tmpl.ParseBody(tt.text) {
				got = append(got, s.Text)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestListNotes(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Client One")
	other := f.client(t, "Client Two")
	a := f.signed(t, c.ID, "first")
	f.AddAddendum(a.ID, "later correction")
	f.draft(t, c.ID, notes.Psychotherapy, "process")
	f.draft(t, other.ID, notes.Progress, "not theirs")
	got, err := f.ListNotes(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("ListNotes = %d notes, want 2 (addenda counted, not listed)", len(got))
	}
	badges := map[notes.Kind][2]int{}
	for _, s := range got {
		signed := 0
		if s.Signed {
			signed = 1
		}
		badges[s.Kind] = [2]int{signed, s.Addenda}
	}
	want := map[notes.Kind][2]int{notes.Progress: {1, 1}, notes.Psychotherapy: {0, 0}}
	if !reflect.DeepEqual(badges, want) {
		t.Errorf("badges (signed, addenda) = %v, want %v", badges, want)
	}
	if _, err := f.ListNotes("c-nobody"); !errors.Is(err, notes.ErrNotFound) {
		t.Errorf("ListNotes(unknown) = %v, want ErrNotFound", err)
	}
}
