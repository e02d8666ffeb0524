package clinical_test

import (
	"strings"
	"testing"
	"time"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
)

// The record of a period: measures given in it, diagnoses and plan
// versions in effect during it, and progress recorded on goals by the
// signed notes of it.
func TestRecordOfAPeriod(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	f.clock.t = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	p, _ := f.AddPlan(c, samplePlan())
	if _, err := f.SignPlan(p.ID, "Dr. Lee"); err != nil {
		t.Fatal(err)
	}
	f.clock.t = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	v2, _ := f.RevisePlan(p.ID)
	if _, err := f.SignPlan(v2.ID, "Dr. Lee"); err != nil {
		t.Fatal(err)
	}
	f.AddPlan(c, clinical.PlanInput{Supersedes: v2.ID, ReviewDate: "2026-09-01", Problems: samplePlan().Problems}) // a draft: never released
	f.clock.t = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	for _, d := range []string{"2026-01-10", "2026-02-10", "2026-03-10"} {
		f.give(t, c, "phq9", d, 2, 2, 2, 2, 2, 1, 1, 1, 0)
	}
	old, _ := f.AddDiagnosis(c, "F32.1", "2025-06-01", false)
	f.EndDiagnosis(old.ID, "2025-12-31")
	f.AddDiagnosis(c, "F41.1", "2026-02-15", true)

	ms, err := f.MeasuresBetween(c, "2026-02-01", "2026-02-28")
	if err != nil || len(ms) != 1 || ms[0].Date != "2026-02-10" {
		t.Errorf("measures of February = %+v, %v", ms, err)
	}
	if ms, _ := f.MeasuresBetween(c, "", ""); len(ms) != 3 {
		t.Errorf("every measure: %d", len(ms))
	}
	for _, tt := range []struct {
		from, to string
		want     string
	}{{"2026-01-01", "2026-01-31", ""}, {"2025-12-01", "2026-01-31", "F32.1"}, {"2026-02-20", "", "F41.1"}, {"", "", "F41.1,F32.1"}} {
		ds, err := f.DiagnosesDuring(c, tt.from, tt.to)
		var got []string
		for _, d := range ds {
			got = append(got, d.Code)
		}
		if err != nil || strings.Join(got, ",") != tt.want {
			t.Errorf("diagnoses %s..%s = %v, %v; want %s", tt.from, tt.to, got, err, tt.want)
		}
	}
	for _, tt := range []struct {
		from, to string
		want     []string
	}{{"2026-01-10", "2026-02-28", []string{p.ID}}, {"2026-02-01", "2026-03-05", []string{p.ID, v2.ID}}, {"2026-03-02", "", []string{v2.ID}}, {"2025-01-01", "2025-12-31", nil}} {
		ps, err := f.PlansDuring(c, tt.from, tt.to)
		var got []string
		for _, pl := range ps {
			got = append(got, pl.ID)
		}
		if err != nil || strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("plans %s..%s = %v, %v; want %v", tt.from, tt.to, got, err, tt.want)
		}
	}
	if ps, _ := f.PlansDuring(c, "", ""); ps[0].From != "2026-01-05" || ps[0].Until != "2026-03-01" || ps[1].Until != "" {
		t.Errorf("in effect: %+v / %+v", ps[0], ps[1])
	}

	signed := f.note(t, c, notes.Progress, "2026-03-12", "Session.")
	f.LinkGoal(signed.ID, "g-mood", 4, "Walked three times.")
	f.Notes().Sign(signed.ID)
	draft := f.note(t, c, notes.Progress, "2026-03-13", "Draft.")
	f.LinkGoal(draft.ID, "g-mood", 1, "Not signed: not in the record.")
	prog, err := f.GoalProgress(c, "2026-03-01", "")
	if err != nil || len(prog["g-mood"]) != 1 || prog["g-mood"][0].Comment != "Walked three times." {
		t.Fatalf("progress = %+v, %v", prog, err)
	}
	if prog, _ := f.GoalProgress(c, "", "2026-03-11"); len(prog) != 0 {
		t.Errorf("progress before the note: %+v", prog)
	}
	texts, err := f.NoteGoalTexts(signed.ID)
	if err != nil || len(texts) != 1 || texts[0] != "Reduce depressive symptoms: much progress (4 of 5). Walked three times." {
		t.Errorf("note goal texts = %q, %v", texts, err)
	}

	cur, _ := f.CurrentPlan(c)
	full := clinical.PlanSections(cur, clinical.PlanFull, prog)
	summary := clinical.PlanSections(cur, clinical.PlanSummary, prog)
	if len(full) != 1 || full[0].Name != "Problem 1" {
		t.Fatalf("sections = %+v", full)
	}
	for _, want := range []string{"Depressed mood since the job loss", "Goal: Reduce depressive symptoms (target 2026-06-14; PHQ-9 at or below 9)",
		"- Objective: Three pleasant activities a week, logged (target 2026-04-15)", "- Interventions: Behavioural activation; Cognitive restructuring",
		"- 2026-03-12: much progress. Walked three times."} {
		if !strings.Contains(full[0].Text, want) {
			t.Errorf("full plan lacks %q:\n%s", want, full[0].Text)
		}
	}
	if !strings.Contains(summary[0].Text, "Interventions: Behavioural activation") || strings.Contains(summary[0].Text, "Objective") ||
		strings.Contains(summary[0].Text, "Walked") {
		t.Errorf("summary:\n%s", summary[0].Text)
	}
	if d, err := clinical.ParsePlanDetail("full"); err != nil || d != clinical.PlanFull {
		t.Errorf("ParsePlanDetail(full) = %q, %v", d, err)
	}
	if _, err := clinical.ParsePlanDetail("all"); err == nil {
		t.Error("ParsePlanDetail(all) accepted")
	}
}
