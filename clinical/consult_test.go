package clinical_test

import (
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/notes/disguise"
)

// TestConsultationCarriesMeasuresAndGoals: the consultation profile keeps
// the scores and the goals, and disguises the client's identifiers in
// them with the consultation's mapping, so a person has the same
// pseudonym in the goals as in the notes.
func TestConsultationCarriesMeasuresAndGoals(t *testing.T) {
	f := newFixture(t)
	cl, err := f.Notes().AddClient(notes.Client{Name: "Maria Okafor", DOB: "1984-02-11", Employer: "Harbor Freight Lines",
		Related: []notes.Person{{Name: "Ana Okafor", Relation: "sister"}}})
	if err != nil {
		t.Fatal(err)
	}
	f.give(t, cl.ID, "phq9", "2026-02-02", 3, 3, 2, 2, 2, 2, 2, 2, 1)
	f.give(t, cl.ID, "gad7", "2026-02-02", 2, 2, 2, 1, 1, 1, 1)
	in := samplePlan()
	in.Problems[0].Text = "Maria has withdrawn from Ana since leaving Harbor Freight Lines."
	in.Problems[0].Goals[1].Text = "Maria will call Ana every week"
	p, _ := f.AddPlan(cl.ID, in)
	if _, err := f.SignPlan(p.ID, "Dr. Lee"); err != nil {
		t.Fatal(err)
	}
	text, err := f.ConsultationText(cl.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"PHQ-9 on 2026-02-02: 19 (moderately severe); risk item endorsed", "GAD-7 on 2026-02-02: 10 (moderate)",
		"Goal: Reduce depressive symptoms (PHQ-9 at or below 9)", "Objective: Three pleasant activities a week, logged",
		"Interventions: Behavioural activation; Cognitive restructuring"} {
		if !strings.Contains(text, want) {
			t.Errorf("consultation text lacks %q:\n%s", want, text)
		}
	}

	k, err := f.Notes().StartConsultation(notes.Consultation{ClientID: cl.ID, Profile: disguise.Consultation, Colleague: "Dr. Supervisor"})
	if err != nil {
		t.Fatal(err)
	}
	n := f.note(t, cl.ID, notes.Progress, "2026-02-02", "Maria spoke about Ana.")
	prepared, err := f.Notes().Prepare(k.ID, n.ID)
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.Notes().PrepareText(k.ID, text)
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"Maria", "Okafor", "Ana ", "Harbor Freight"} {
		if strings.Contains(res.Text, leak) {
			t.Errorf("disguised text still holds %q:\n%s", leak, res.Text)
		}
	}
	for _, kept := range []string{"PHQ-9", ": 19 (moderately severe)", "Reduce depressive symptoms", "Behavioural activation"} {
		if !strings.Contains(res.Text, kept) {
			t.Errorf("disguised text lost %q:\n%s", kept, res.Text)
		}
	}
	pseudo := replacementOf(prepared.Result, "Maria")
	if pseudo == "" || replacementOf(*res, "Maria") != pseudo {
		t.Errorf("Maria is %q in the note and %q in the goals", pseudo, replacementOf(*res, "Maria"))
	}
}

func replacementOf(r disguise.Result, orig string) string {
	for _, c := range r.Changes {
		if c.Original == orig {
			return c.Replacement
		}
	}
	return ""
}
