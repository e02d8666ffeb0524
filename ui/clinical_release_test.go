package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/consent"
)

// withClinicalRecord gives the release fixture's client a diagnosis, two
// PHQ-9s and a signed plan whose text names her husband.
func (f *releaseFixture) withClinicalRecord() {
	f.t.Helper()
	clin := f.store.Clinical()
	if _, err := clin.AddDiagnosis(f.client, "F41.1", "2026-01-05", true); err != nil {
		f.t.Fatal(err)
	}
	for _, m := range []struct {
		date  string
		items []int
	}{{"2026-01-12", []int{2, 2, 2, 2, 2, 2, 2, 2, 0}}, {"2026-03-09", []int{1, 1, 1, 1, 0, 0, 0, 0, 0}}} {
		if _, err := clin.Give(clinical.Given{ClientID: f.client, Instrument: "phq9", Date: m.date, Items: m.items}); err != nil {
			f.t.Fatal(err)
		}
	}
	p, err := clin.AddPlan(f.client, clinical.PlanInput{ReviewDate: "2026-06-01", Problems: []clinical.Problem{{
		Text: "Conflict with Daniel over money", Goals: []clinical.Goal{{ID: "calm", Text: "Fewer arguments about money",
			Objectives: []clinical.Objective{{Text: "OBJECTIVETEXT one calm talk a week"}}, Interventions: []string{"Emotionally focused therapy"}}}}}})
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := clin.SignPlan(p.ID, "Dr. Lee"); err != nil {
		f.t.Fatal(err)
	}
}

// releaseCheck is the scope step's check box labelled text.
func releaseCheck(t *testing.T, wiz *releaseWizard, text string) *widget.Check {
	t.Helper()
	return releaseFind(t, wiz, "check "+text, func(c *widget.Check) bool { return c.Text == text })
}

// An insurer's release starts from the minimum necessary (diagnoses,
// dates and codes, a plan summary, no note); each part of the clinical
// record can be added or left out on its own; the review and the PDF
// carry them, the plan's third party redacted.
func TestReleaseWizardTakesTheClinicalRecord(t *testing.T) {
	f := newReleaseFixture(t)
	f.withClinicalRecord()
	wiz, w := f.open()
	releaseField(t, wiz, "Who is asking").(*widget.Select).SetSelected(releaseTypeLabels[consent.Insurer])
	releaseType(t, w, wiz, "Recipient", "Acme Health")
	releaseType(t, w, wiz, "Purpose", "claim review")
	releaseTap(t, wiz, "Next")
	releaseTap(t, wiz, "Next")
	releaseRequire(t, wiz, "Step 3 of 5")
	for text, want := range map[string]bool{"Diagnoses in effect in the dates": true, "Sessions: dates, times and service codes": true,
		"Outcome measures, with their charts and risk assessments": false, "Progress notes": false, "Intake": false} {
		if got := releaseCheck(t, wiz, text).Checked; got != want {
			t.Errorf("%q is ticked %v for an insurer, want %v", text, got, want)
		}
	}
	releaseFind(t, wiz, "the plan as a summary", func(s *widget.Select) bool { return s.Selected == releasePlanSummary })
	releaseCheck(t, wiz, "Outcome measures, with their charts and risk assessments").SetChecked(true)
	releaseTap(t, wiz, "Next")
	f.noErrors()
	releaseRequire(t, wiz, "Step 4 of 5")
	releaseRequire(t, wiz, "F41.1 Generalized anxiety disorder (primary) from 2026-01-05")
	releaseRequire(t, wiz, "Treatment plan, version 1 (summary)")
	releaseRequire(t, wiz, "2026-01-12 PHQ-9: 16 (moderately severe)")
	releaseRequire(t, wiz, "Sessions: dates of service")
	releaseRequireNot(t, wiz, "OBJECTIVETEXT")
	plan := releaseFind(t, wiz, "the plan's text", func(r *widget.RichText) bool { return strings.Contains(r.String(), "over money") })
	if strings.Contains(plan.String(), "Daniel") {
		t.Errorf("the plan is shown with the husband's name: %s", plan.String())
	}
	releaseTap(t, wiz, "Next")
	releaseTap(t, wiz, "Choose where to save…")
	releaseTap(t, wiz, "Release")
	f.noErrors()
	text := releasePDFText(t, filepath.Join(f.dir, "records-release-2026-03-14.pdf"))
	for _, want := range []string{"F41.1 Generalized anxiety disorder", "Fewer arguments about money", "Outcome measures", "PHQ-9: latest 4 (minimal)", "90834"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	for _, never := range []string{"Daniel", "OBJECTIVETEXT", "argued about money"} {
		if strings.Contains(text, never) {
			t.Errorf("the PDF shows %q", never)
		}
	}
}

// A consultation takes the clinical summary, disguised with the notes:
// scores kept, the client's and her husband's names and the dates not.
func TestConsultationCarriesMeasuresAndPlanGoals(t *testing.T) {
	f, id := consultFixture(t)
	clin := f.store.Clinical()
	for _, d := range []string{"2026-02-02", "2026-03-02"} {
		if _, err := clin.Give(clinical.Given{ClientID: id, Instrument: "gad7", Date: d, Items: []int{2, 2, 2, 2, 2, 1, 1}}); err != nil {
			t.Fatal(err)
		}
	}
	p, err := clin.AddPlan(id, clinical.PlanInput{ReviewDate: "2026-06-01", Problems: []clinical.Problem{{
		Text: "Worry about Daniel's drinking", Goals: []clinical.Goal{{Text: "Set a limit with Daniel about money",
			Measure: &clinical.GoalMeasure{Instrument: "gad7", Target: 7}, Objectives: []clinical.Objective{{Text: "One calm talk a week"}}}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := clin.SignPlan(p.ID, ""); err != nil {
		t.Fatal(err)
	}
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsultPanel(d, id) })
	test.Tap(consentButton(t, w, "Prepare for consultation…"))
	if !consultCheck(t, w, consultClinicalChoice).Checked {
		t.Error("the clinical summary is not offered ticked")
	}
	test.Tap(consultCheck(t, w, "2026-03-13 · progress"))
	consentType(t, w, "Colleague", "Dr. Reyes")
	test.Tap(consentButton(t, w, "Prepare"))
	f.noErrors()
	requireShown(t, w, consultClinicalTab)
	out := consultCopy(t, f, w)
	for _, want := range []string{"Clinical summary (measures and treatment plan goals)", "Outcome measures", "GAD-7", ": 12 (moderate)",
		"Treatment plan goals", "Goal: Set a limit with", "(GAD-7 at or below 7)", "Objective: One calm talk a week"} {
		if !strings.Contains(out, want) {
			t.Errorf("the result lacks %q:\n%s", want, out)
		}
	}
	for _, real := range []string{"Maria", "Okafor", "Daniel", "2026-02-02", "2026-03-02", "2026-03-13"} {
		if strings.Contains(out, real) {
			t.Errorf("the result still says %q:\n%s", real, out)
		}
	}
	// Daniel has one pseudonym in the note and in the plan.
	pseudonym := consultPseudonym(t, w, "Daniel")
	if parts := strings.SplitN(out, "Clinical summary", 2); len(parts) != 2 || !strings.Contains(parts[0], pseudonym) || !strings.Contains(parts[1], pseudonym) {
		t.Errorf("Daniel is not %q in both the note and the plan:\n%s", pseudonym, out)
	}
}
