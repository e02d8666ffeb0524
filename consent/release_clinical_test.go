package consent_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/practice"
)

// Texts of the clinical record that must, or must never, reach a release.
const (
	dxText        = "F41.1 Generalized anxiety disorder"
	goalText      = "Fewer arguments about money"
	objectiveText = "OBJECTIVETEXT one calm talk a week"
	interventText = "Emotionally focused therapy"
	progressText  = "PROGRESSTEXT one calm talk"
	riskText      = "RISKTEXT passive thoughts after the row"
)

// clinicalFixture is the release fixture's client with a clinical record:
// diagnoses, PHQ-9s (one with item 9), a risk assessment, a signed plan
// whose text names the husband and the sister, and a progress note that
// addressed a goal.
func clinicalFixture(t *testing.T) *releaseFixture {
	t.Helper()
	f := newReleaseFixture(t)
	clin := f.s.Clinical()
	if err := f.s.Practice().SetProfile(practice.Profile{Name: "Jane Porter", Credentials: "LCSW"}); err != nil {
		t.Fatal(err)
	}
	if _, err := clin.AddDiagnosis(f.maria, "F41.1", "2026-01-05", true); err != nil {
		t.Fatal(err)
	}
	old, err := clin.AddDiagnosis(f.maria, "F32.1", "2024-03-01", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := clin.EndDiagnosis(old.ID, "2025-02-01"); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		date  string
		items []int
	}{{"2026-01-12", []int{2, 2, 2, 2, 2, 2, 2, 2, 1}}, {"2026-03-09", []int{2, 1, 1, 1, 1, 1, 1, 1, 0}}, {"2026-05-11", []int{1, 1, 0, 1, 0, 1, 0, 0, 0}}} {
		if _, err := clin.Give(clinical.Given{ClientID: f.maria, Instrument: "phq9", Date: m.date, Items: m.items, GivenBy: "Jane Porter"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := clin.AddRiskAssessment(clinical.RiskAssessment{ClientID: f.maria, Date: "2026-01-12", Level: "low",
		Ideation: riskText + " with Daniel; Lucia is her support.", Action: "Safety plan reviewed.", By: "Jane Porter"}); err != nil {
		t.Fatal(err)
	}
	plan, err := clin.AddPlan(f.maria, clinical.PlanInput{ReviewDate: "2026-12-01", Problems: []clinical.Problem{{
		ID: "conflict", Text: "Conflict with her husband Daniel Garcia over money",
		Goals: []clinical.Goal{{ID: "calm", Text: goalText, TargetDate: "2026-09-01",
			Measure:       &clinical.GoalMeasure{Instrument: "phq9", Target: 9},
			Objectives:    []clinical.Objective{{Text: objectiveText + ", with Lucia Ramos to mind the children"}},
			Interventions: []string{interventText}}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := clin.SignPlan(plan.ID, ""); err != nil {
		t.Fatal(err)
	}
	n, err := f.s.Notes().NewDraft(notes.Draft{ClientID: f.maria, Kind: notes.Progress,
		Session:  notes.Session{Date: "2026-05-11", Start: "10:00", DurationMin: 53, ServiceCode: "90837"},
		Sections: []notes.Section{{Name: "Note", Text: "Worked on the budget talk."}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := clin.LinkGoal(n.ID, "calm", 4, progressText+" since Daniel agreed."); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Notes().Sign(n.ID); err != nil {
		t.Fatal(err)
	}
	f.notes["goals"] = n.ID
	return f
}

// releaseText releases under req (with the scope edit changes, if any) and
// returns the PDF's text and the manifest.
func releaseText(t *testing.T, f *releaseFixture, req consent.ReleaseRequest, edit func(*consent.ReleaseScope)) (string, *consent.Manifest) {
	t.Helper()
	req.ClientID = f.maria
	r, err := f.s.NewRelease(req)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		sc := r.Scope()
		edit(&sc)
		if err := r.SetScope(sc); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "release.pdf")
	m, err := r.Release(out, consent.ReleaseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return pdfText(t, out), m
}

func mustHave(t *testing.T, what, text string, want, never []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
	for _, n := range never {
		if strings.Contains(text, n) {
			t.Errorf("%s shows %q", what, n)
		}
	}
}

// The client's own request gets the whole clinical record of the
// designated record set, its third parties redacted as in notes.
func TestReleaseCarriesTheClinicalRecord(t *testing.T) {
	f := clinicalFixture(t)
	text, m := releaseText(t, f, consent.ReleaseRequest{Type: consent.ToClient, Recipient: "Maria Garcia", Purpose: "at the request of the individual"}, nil)
	mustHave(t, "the client's release", text,
		[]string{"From the clinical record: 2 diagnoses", "Clinical record", "Diagnoses", dxText, "F32.1", "2025-02-01",
			"ICD-10-CM codes (ICD-10-CM FY2026", "Treatment plan, version 1", "Conflict with her husband", goalText,
			"PHQ-9 at or below 9", objectiveText, interventText, progressText, "Electronically signed by Jane Porter, LCSW",
			"Outcome measures", "PHQ-9: latest 4 (minimal), clinically significant improvement since the first",
			"moderately severe", "risk item endorsed", "Risk assessment, 2026-01-12: low risk", riskText,
			"Sessions: dates of service", "90837 Psychotherapy, 60 minutes", "10:00 to 10:53",
			"Diagnoses " + dxText + " (primary)", consent.GoalsSection, "Time 10:00 to 10:53",
			"[redacted: third party]"},
		append([]string{psychText, draftText}, thirdParties...))
	if len(m.Measures) != 3 || len(m.Diagnoses) != 2 || len(m.Plans) != 1 || len(m.RiskAssessments) != 1 || m.Sessions != 4 {
		t.Errorf("manifest = %+v", m)
	}
	d, err := f.s.Disclosure(m.DisclosureID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Description, "with 2 diagnoses, 4 session dates with their codes, 3 measures, 1 risk assessment and 1 treatment plan version") {
		t.Errorf("the accounting says %q", d.Description)
	}
}

// An insurer's minimum necessary: diagnoses, dates, codes and a summary
// of the plan; no measure, no note, no objective or progress.
func TestInsurerGetsTheMinimumNecessary(t *testing.T) {
	f := clinicalFixture(t)
	text, m := releaseText(t, f, consent.ReleaseRequest{Type: consent.Insurer, Recipient: "Acme Health", Purpose: "claim review"}, nil)
	mustHave(t, "the insurer's release", text,
		[]string{dxText, "Treatment plan, version 1 (summary)", goalText, interventText, "Sessions: dates of service", "90837", "2026-05-11"},
		append([]string{objectiveText, progressText, "Outcome measures", riskText, inRange, planText, "Worked on the budget talk", consent.GoalsSection}, thirdParties...))
	if len(m.Notes) != 0 || m.Scope.Plans != clinical.PlanSummary || !m.Scope.Diagnoses || !m.Scope.Sessions || m.Scope.Measures {
		t.Errorf("manifest = %+v", m)
	}
}

// The scope offers each part on its own.
func TestScopeTakesEachPartOnItsOwn(t *testing.T) {
	f := clinicalFixture(t)
	req := consent.ReleaseRequest{Type: consent.ToClient, Recipient: "Maria Garcia", Purpose: "copy"}
	only := func(set func(*consent.ReleaseScope)) func(*consent.ReleaseScope) {
		return func(sc *consent.ReleaseScope) {
			*sc = consent.ReleaseScope{}
			set(sc)
		}
	}
	text, m := releaseText(t, f, req, only(func(sc *consent.ReleaseScope) { sc.Measures = true }))
	mustHave(t, "measures only", text, []string{"Outcome measures", "PHQ-9", riskText}, []string{dxText, goalText, "Sessions: dates of service", inRange})
	if len(m.Notes) != 0 || len(m.Measures) != 3 {
		t.Errorf("manifest = %+v", m)
	}
	text, _ = releaseText(t, f, req, only(func(sc *consent.ReleaseScope) { sc.Diagnoses = true }))
	mustHave(t, "diagnoses only", text, []string{dxText}, []string{"Outcome measures", goalText, "Sessions: dates of service"})
	text, _ = releaseText(t, f, req, only(func(sc *consent.ReleaseScope) { sc.Plans = clinical.PlanFull; sc.From = "2026-05-01" }))
	mustHave(t, "the plan only", text, []string{goalText, objectiveText, progressText}, []string{dxText, "Outcome measures", "Sessions: dates of service"})
	text, _ = releaseText(t, f, req, only(func(sc *consent.ReleaseScope) { sc.Sessions = true; sc.To = "2026-04-30" }))
	mustHave(t, "sessions only", text, []string{"Sessions: dates of service", "2026-03-10"}, []string{"2026-05-11", dxText, goalText})
	// A scope with nothing at all is refused; "none" is no plan.
	r, err := f.s.NewRelease(consent.ReleaseRequest{ClientID: f.maria, Type: consent.ToClient, Recipient: "Maria Garcia", Purpose: "copy"})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.SetScope(consent.ReleaseScope{Plans: "none"}); err == nil {
		t.Error("a scope with nothing was accepted")
	}
	if err := r.SetScope(consent.ReleaseScope{Plans: "everything"}); err == nil {
		t.Error("an unknown plan detail was accepted")
	}
}

// A supervision packet carries measures and plan goals, disguised: names
// and dates changed, scores kept.
func TestSupervisionPacketDisguisesTheClinicalRecord(t *testing.T) {
	f := clinicalFixture(t)
	text, m := releaseText(t, f, consent.ReleaseRequest{Type: consent.Supervision, Recipient: "Dr. Supervisor", Purpose: "case consultation"}, nil)
	mustHave(t, "the supervision packet", text,
		[]string{"Outcome measures", "moderately severe", goalText, interventText, "F41.1"},
		[]string{"Maria", "Garcia", "Daniel", "Lucia", "2026-01-12", "2026-03-09", "2026-05-11", "2026-01-05"})
	if !m.Disguised || len(m.Measures) != 3 {
		t.Errorf("manifest = %+v", m)
	}
	r, _ := f.s.NewRelease(consent.ReleaseRequest{ClientID: f.maria, Type: consent.Supervision, Recipient: "Dr. Supervisor", Purpose: "case consultation"})
	p, err := r.Preview()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(p.Clinical)
	for _, leak := range []string{"Daniel", "Lucia", "2026-01-12", f.notes["goals"]} {
		if leak != f.notes["goals"] && strings.Contains(string(b), leak) {
			t.Errorf("the preview's clinical record holds %q", leak)
		}
	}
	if len(p.Clinical.Measures) != 3 || p.Clinical.Measures[0].Total != 17 || p.Clinical.Plans[0].Hash != "" {
		t.Errorf("disguised record = %+v", p.Clinical)
	}
}

// An authorization's description names the parts of the clinical record
// it covers.
func TestCoveredScopeReadsTheClinicalRecord(t *testing.T) {
	for _, tt := range []struct {
		info string
		want consent.ReleaseScope
	}{
		{"diagnosis and treatment plan summary", consent.ReleaseScope{Diagnoses: true, Plans: clinical.PlanSummary}},
		{"dates of service, diagnoses and PHQ-9 scores", consent.ReleaseScope{Diagnoses: true, Sessions: true, Measures: true}},
		{"progress notes and treatment plan", consent.ReleaseScope{Plans: clinical.PlanFull}},
	} {
		got := consent.CoveredScope(consent.Authorization{Info: tt.info}, "2026-11-23")
		if got.Diagnoses != tt.want.Diagnoses || got.Sessions != tt.want.Sessions || got.Measures != tt.want.Measures || got.Plans != tt.want.Plans {
			t.Errorf("CoveredScope(%q) = %+v, want %+v", tt.info, got, tt.want)
		}
	}
	if got := consent.CoveredScope(consent.Authorization{Info: "entire record"}, "2026-11-23"); !got.Measures || got.Plans != clinical.PlanFull {
		t.Errorf("the entire record: %+v", got)
	}
}
