package clinical_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
)

func samplePlan() clinical.PlanInput {
	return clinical.PlanInput{ReviewDate: "2026-06-14", Problems: []clinical.Problem{{
		ID: "mood", Text: "Depressed mood since the job loss; withdrawn from friends.",
		Goals: []clinical.Goal{
			{ID: "g-mood", Text: "Reduce depressive symptoms", TargetDate: "2026-06-14",
				Measure:       &clinical.GoalMeasure{Instrument: "phq9", Target: 9},
				Objectives:    []clinical.Objective{{Text: "Three pleasant activities a week, logged", TargetDate: "2026-04-15"}},
				Interventions: []string{"Behavioural activation", "Cognitive restructuring"}},
			{ID: "g-social", Text: "See a friend each week", Objectives: []clinical.Objective{{Text: "Weekly contact, self-report"}}},
		},
	}}}
}

func TestPlanSignedFrozenSuperseded(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	p, err := f.AddPlan(c, samplePlan())
	if err != nil {
		t.Fatal(err)
	}
	if p.Version != 1 || p.Signed() {
		t.Fatalf("new plan = %+v", p)
	}
	edited := samplePlan()
	edited.Problems[0].Goals[1].Text = "See a friend twice a week"
	if err := f.UpdatePlan(p.ID, edited); err != nil {
		t.Fatalf("editing a draft: %v", err)
	}
	if cur, _ := f.CurrentPlan(c); cur != nil {
		t.Errorf("a draft counts as the current plan")
	}
	signed, err := f.SignPlan(p.ID, "Dr. Lee, PhD")
	if err != nil {
		t.Fatal(err)
	}
	if !signed.Signed() || signed.SignedBy != "Dr. Lee, PhD" || signed.Problems[0].Goals[1].Text != "See a friend twice a week" {
		t.Fatalf("signed = %+v", signed)
	}
	if err := f.VerifyPlan(p.ID); err != nil {
		t.Errorf("verify: %v", err)
	}
	// Frozen: the API refuses, and so does SQL from any path.
	if err := f.UpdatePlan(p.ID, samplePlan()); !errors.Is(err, clinical.ErrSigned) {
		t.Errorf("update of a signed plan: %v", err)
	}
	if _, err := f.SignPlan(p.ID, "x"); !errors.Is(err, clinical.ErrSigned) {
		t.Errorf("signing twice: %v", err)
	}
	if err := f.DeleteDraftPlan(p.ID); !errors.Is(err, clinical.ErrSigned) {
		t.Errorf("delete of a signed plan: %v", err)
	}
	for _, stmt := range []string{
		"UPDATE clinical_plans SET review_on = '2030-01-01' WHERE id = ?",
		"DELETE FROM clinical_plans WHERE id = ?",
		"INSERT OR REPLACE INTO clinical_plans(id, client_id, version, body, review_on, created_at, updated_at) SELECT id, client_id, 1, '[]', review_on, created_at, updated_at FROM clinical_plans WHERE id = ?",
	} {
		if err := f.exec(stmt, p.ID); err == nil {
			t.Errorf("%s: accepted", stmt)
		}
	}
	// A second, unrelated plan is refused: revise the current one.
	if _, err := f.AddPlan(c, samplePlan()); !errors.Is(err, clinical.ErrInvalid) {
		t.Errorf("a second plan line: %v", err)
	}
	v2, err := f.RevisePlan(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v2.Version != 2 || v2.Supersedes != p.ID || v2.Problems[0].Goals[0].ID != "g-mood" {
		t.Fatalf("revision = %+v", v2)
	}
	in2 := v2.PlanInput
	in2.ReviewDate = "2026-09-14"
	in2.Problems[0].Goals[0].Measure.Target = 4
	if err := f.UpdatePlan(v2.ID, in2); err != nil {
		t.Fatal(err)
	}
	// Until v2 is signed, v1 stays current.
	if cur, _ := f.CurrentPlan(c); cur == nil || cur.ID != p.ID {
		t.Errorf("current before signing v2 = %+v", cur)
	}
	other, err := f.RevisePlan(p.ID) // a competing draft
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.SignPlan(v2.ID, "Dr. Lee, PhD"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.SignPlan(other.ID, "Dr. Lee, PhD"); !errors.Is(err, clinical.ErrSuperseded) {
		t.Errorf("signing a second successor of v1: %v", err)
	}
	all, _ := f.Plans(c)
	if len(all) != 3 || all[0].SupersededBy != v2.ID || all[1].SupersededBy != "" {
		t.Fatalf("plans = %+v", all)
	}
	if cur, _ := f.CurrentPlan(c); cur == nil || cur.ID != v2.ID || cur.ReviewDate != "2026-09-14" {
		t.Errorf("current after v2 = %+v", cur)
	}
	// The old version is kept exactly as signed.
	old, _ := f.Plan(p.ID)
	if old.Hash != signed.Hash || old.ReviewDate != "2026-06-14" || old.Problems[0].Goals[0].Measure.Target != 9 {
		t.Errorf("v1 changed: %+v", old)
	}
	if err := f.VerifyPlan(p.ID); err != nil {
		t.Errorf("verify v1 after superseding: %v", err)
	}
}

func TestPlanRefusesUnmeasurable(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	tests := []struct {
		name string
		edit func(*clinical.PlanInput)
		says string
	}{
		{"no review date", func(p *clinical.PlanInput) { p.ReviewDate = "" }, "review date is missing"},
		{"no problems", func(p *clinical.PlanInput) { p.Problems = nil }, "at least one problem"},
		{"no goals", func(p *clinical.PlanInput) { p.Problems[0].Goals = nil }, "needs at least one goal"},
		{"unmeasurable", func(p *clinical.PlanInput) { p.Problems[0].Goals[1].Objectives = nil }, "goal 2 of problem 1 is not measurable"},
		{"bad target date", func(p *clinical.PlanInput) { p.Problems[0].Goals[0].TargetDate = "soon" }, "target date of goal 1 of problem 1"},
		{"unknown instrument", func(p *clinical.PlanInput) { p.Problems[0].Goals[0].Measure.Instrument = "bdi2" }, "unknown instrument"},
		{"target out of range", func(p *clinical.PlanInput) { p.Problems[0].Goals[0].Measure.Target = 30 }, "must be 0 to 27"},
		{"duplicate id", func(p *clinical.PlanInput) { p.Problems[0].Goals[1].ID = "g-mood" }, `id "g-mood" is used twice`},
		{"empty intervention", func(p *clinical.PlanInput) { p.Problems[0].Goals[0].Interventions = []string{" "} }, "intervention 1 of goal 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := samplePlan()
			tt.edit(&in)
			_, err := f.AddPlan(c, in)
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("error %v, want %q", err, tt.says)
			}
		})
	}
	if ps, _ := f.Plans(c); len(ps) != 0 {
		t.Errorf("%d plans stored by refused calls", len(ps))
	}
}

// TestTamperedPlanIsCaught alters a signed plan in the snapshot, as
// someone with the key could, and VerifyPlan notices.
func TestTamperedPlanIsCaught(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	p, _ := f.AddPlan(c, samplePlan())
	if _, err := f.SignPlan(p.ID, "Dr. Lee"); err != nil {
		t.Fatal(err)
	}
	// The triggers hold in any SQLite; someone with the key drops them first.
	f.alterSnapshot(t, "DROP TRIGGER clinical_plans_signed_frozen_update; UPDATE clinical_plans SET review_on = '2031-01-01'")
	if err := f.VerifyPlan(p.ID); !errors.Is(err, clinical.ErrTampered) {
		t.Errorf("verify after tampering: %v, want ErrTampered", err)
	}
}

// TestGoalLinksAndHistory: a note links goals with progress; signing the
// note freezes its links; the goal's page gathers notes across plan
// versions and the measures of its instrument.
func TestGoalLinksAndHistory(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	n0 := f.note(t, c, notes.Progress, "2026-03-01", "Before any plan.")
	if _, err := f.LinkGoal(n0.ID, "g-mood", 3, "x"); !errors.Is(err, clinical.ErrNotSigned) {
		t.Errorf("linking without a signed plan: %v", err)
	}
	p, _ := f.AddPlan(c, samplePlan())
	if _, err := f.SignPlan(p.ID, "Dr. Lee"); err != nil {
		t.Fatal(err)
	}
	f.give(t, c, "phq9", "2026-03-02", 2, 2, 2, 2, 2, 2, 2, 2, 0)
	n1 := f.note(t, c, notes.Progress, "2026-03-03", "Activity log reviewed.")
	if _, err := f.LinkGoal(n1.ID, "g-mood", 3, "Two activities logged this week."); err != nil {
		t.Fatal(err)
	}
	if _, err := f.LinkGoal(n1.ID, "g-social", 2, "No contact yet."); err != nil {
		t.Fatal(err)
	}
	if _, err := f.LinkGoal(n1.ID, "g-social", 3, "Called a friend."); err != nil { // replaces
		t.Fatal(err)
	}
	for _, bad := range []struct {
		goal     string
		progress int
		want     error
	}{{"g-mood", 0, clinical.ErrInvalid}, {"g-mood", 6, clinical.ErrInvalid}, {"g-none", 3, clinical.ErrNotFound}} {
		if _, err := f.LinkGoal(n1.ID, bad.goal, bad.progress, ""); !errors.Is(err, bad.want) {
			t.Errorf("link %s at %d: %v, want %v", bad.goal, bad.progress, err, bad.want)
		}
	}
	links, _ := f.NoteGoals(n1.ID)
	if len(links) != 2 {
		t.Fatalf("links = %+v", links)
	}
	if _, err := f.Notes().Sign(n1.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.LinkGoal(n1.ID, "g-mood", 5, "changed after signing"); !errors.Is(err, clinical.ErrInvalid) {
		t.Errorf("linking on a signed note: %v", err)
	}
	for _, stmt := range []string{
		"UPDATE clinical_goal_links SET progress = 5 WHERE note_id = ?",
		"DELETE FROM clinical_goal_links WHERE note_id = ?",
	} {
		if err := f.exec(stmt, n1.ID); err == nil {
			t.Errorf("%s on a signed note: accepted", stmt)
		}
	}
	// A draft deleted takes its links with it.
	n2 := f.note(t, c, notes.Progress, "2026-03-10", "Draft.")
	if _, err := f.LinkGoal(n2.ID, "g-mood", 4, "More activities."); err != nil {
		t.Fatal(err)
	}
	if err := f.Notes().DeleteDraft(n2.ID); err != nil {
		t.Fatalf("deleting a draft with goal links: %v", err)
	}
	// Version 2 keeps the goal id: the history reaches across versions.
	v2, _ := f.RevisePlan(p.ID)
	if _, err := f.SignPlan(v2.ID, "Dr. Lee"); err != nil {
		t.Fatal(err)
	}
	n3 := f.note(t, c, notes.Progress, "2026-03-12", "Good week.")
	if _, err := f.LinkGoal(n3.ID, "g-mood", 4, "Five activities."); err != nil {
		t.Fatal(err)
	}
	f.give(t, c, "phq9", "2026-03-12", 1, 1, 1, 1, 1, 1, 1, 0, 0)
	h, err := f.GoalHistory(c, "g-mood")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Versions) != 2 || len(h.Entries) != 2 || len(h.Measures) != 2 {
		t.Fatalf("history = %+v", h)
	}
	if h.Entries[0].Date != "2026-03-03" || h.Entries[0].PlanID != p.ID || !h.Entries[0].Signed ||
		h.Entries[1].Date != "2026-03-12" || h.Entries[1].PlanID != v2.ID || h.Entries[1].Progress != 4 {
		t.Errorf("entries = %+v", h.Entries)
	}
	if h.Measures[1].Total != 7 {
		t.Errorf("measures = %+v", h.Measures)
	}
	if _, err := f.GoalHistory(c, "g-none"); !errors.Is(err, clinical.ErrNotFound) {
		t.Errorf("history of an unknown goal: %v", err)
	}
}
