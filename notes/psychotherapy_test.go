package notes_test

import (
	"reflect"
	"testing"

	"github.com/confidenotes/confide/notes"
)

func TestDesignatedRecordSet(t *testing.T) {
	in := []notes.Note{
		{ID: "1", Kind: notes.Progress}, {ID: "2", Kind: notes.Psychotherapy},
		{ID: "3", Kind: notes.Intake}, {ID: "4", Kind: notes.Psychotherapy, ParentID: "2"},
		{ID: "5", Kind: notes.Termination},
	}
	var got []string
	for _, n := range notes.DesignatedRecordSet(in) {
		got = append(got, n.ID)
	}
	if want := []string{"1", "3", "5"}; !reflect.DeepEqual(got, want) {
		t.Errorf("DesignatedRecordSet = %v, want %v", got, want)
	}
}

func TestPsychotherapyAddendumStaysApart(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Client One")
	p, err := f.Sign(f.draft(t, c.ID, notes.Psychotherapy, "Process material.").ID)
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.AddAddendum(p.ID, "More process material.")
	if err != nil {
		t.Fatal(err)
	}
	if a.InDesignatedRecordSet() || a.Kind != notes.Psychotherapy {
		t.Errorf("addendum of a psychotherapy note: kind %s, in record set %v", a.Kind, a.InDesignatedRecordSet())
	}
	list, err := f.ListNotes(c.ID)
	if err != nil || len(list) != 1 || list[0].InDesignatedRecordSet() {
		t.Errorf("ListNotes = %+v, %v", list, err)
	}
}

func TestPsychotherapyWarnings(t *testing.T) {
	tests := []struct {
		name string
		kind notes.Kind
		text string
		want []string // topic:matched text
	}{
		{"clean process note", notes.Psychotherapy, "Transference felt strong today; my own reaction was irritation.", nil},
		{"medication", notes.Psychotherapy, "She stopped the sertraline 50 mg last week.", []string{"medication:sertraline", "medication:50 mg"}},
		{"session times", notes.Psychotherapy, "Session started at 3pm, ran 2:00 - 2:50.", []string{"session-time:Session started", "session-time:2:00 - 2:50"}},
		{"diagnosis", notes.Psychotherapy, "Diagnosis remains F33.1.", []string{"diagnosis:Diagnosis", "diagnosis:F33.1"}},
		{"test results", notes.Psychotherapy, "PHQ-9 score of 14 today.", []string{"test-result:PHQ-9", "test-result:score of 14"}},
		{"other kinds are not checked", notes.Progress, "Sertraline 50 mg, PHQ-9 of 14, diagnosis F33.1.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &notes.Note{Kind: tt.kind, Sections: []notes.Section{{Name: "Note", Text: tt.text}}}
			var got []string
			for _, w := range notes.PsychotherapyWarnings(n) {
				r := []rune(tt.text)
				got = append(got, w.Topic+":"+string(r[w.Start:w.End]))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("warnings = %q, want %q", got, tt.want)
			}
		})
	}
}
