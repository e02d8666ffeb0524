package consent_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// Canaries of a client's clinical record that destruction must leave
// nowhere in the vault.
var clinicalCanaries = []string{"Quillbrookfeather problem", "Marshdowne goal", "Fenwickshire ideation", "Larkmoor progress"}

// Retention and destruction cover the clinical record, also once it was
// released, exported and billed: the client's diagnoses, measures, risk
// assessments, plans, goal links and the manifests that named them go,
// and no byte of their text is left in the database.
func TestDestructionTakesTheClinicalRecordAfterItWasReleased(t *testing.T) {
	f := newFixture(t)
	client := oldClient(t, f)
	at := func(day string) *consent.Store {
		t.Helper()
		d, _ := time.Parse(consent.DateLayout, day)
		s, err := consent.Open(f.v, consent.WithClock(func() time.Time { return d.Add(10 * time.Hour) }))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	then := at("2009-06-01")
	clin := then.Clinical()
	if _, err := clin.AddDiagnosis(client, "F43.10", "2009-03-01", true); err != nil {
		t.Fatal(err)
	}
	if _, err := clin.Give(clinical.Given{ClientID: client, Instrument: "phq9", Date: "2009-05-01", Items: []int{2, 2, 2, 2, 2, 2, 2, 2, 1}}); err != nil {
		t.Fatal(err)
	}
	if _, err := clin.AddRiskAssessment(clinical.RiskAssessment{ClientID: client, Date: "2009-05-01", Level: "low",
		Ideation: clinicalCanaries[2], Action: "Safety plan.", By: "Dr. Lee"}); err != nil {
		t.Fatal(err)
	}
	p, err := clin.AddPlan(client, clinical.PlanInput{ReviewDate: "2009-09-01", Problems: []clinical.Problem{{Text: clinicalCanaries[0],
		Goals: []clinical.Goal{{ID: "g", Text: clinicalCanaries[1], Objectives: []clinical.Objective{{Text: "Walks"}}}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := clin.SignPlan(p.ID, "Dr. Lee"); err != nil {
		t.Fatal(err)
	}
	n, err := then.Notes().NewDraft(notes.Draft{ClientID: client, Kind: notes.Progress, Session: notes.Session{Date: "2009-05-20", Start: "10:00", DurationMin: 45, ServiceCode: "90834"},
		Sections: []notes.Section{{Name: "Note", Text: "Session."}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := clin.LinkGoal(n.ID, "g", 3, clinicalCanaries[3]); err != nil {
		t.Fatal(err)
	}
	if _, err := then.Notes().Sign(n.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := clin.SetFee("90834", 12000); err != nil {
		t.Fatal(err)
	}
	// Released to the client, exported, billed: seven years before today.
	later := at("2019-06-01")
	dir := t.TempDir()
	r, err := later.NewRelease(consent.ReleaseRequest{ClientID: client, Type: consent.ToClient, Recipient: "Long Gone", Purpose: "copy"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Release(filepath.Join(dir, "release.pdf"), consent.ReleaseOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := later.Export(consent.ExportRequest{ClientID: client}, consent.ExportFiles{JSON: filepath.Join(dir, "chart.json")}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := later.Superbill(client, "2009-05-01", "2009-05-31", filepath.Join(dir, "superbill.pdf")); err != nil {
		t.Fatal(err)
	}
	if ds, _ := f.s.Disclosures(client); len(ds) != 3 {
		t.Fatalf("%d disclosures recorded, want 3", len(ds))
	}

	dbBytes := func() []byte {
		t.Helper()
		path := filepath.Join(t.TempDir(), "db.sqlite")
		if err := f.v.WriteDatabase(path); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	before := dbBytes()
	for _, c := range clinicalCanaries {
		if !bytes.Contains(before, []byte(c)) {
			t.Fatalf("the database does not hold %q before destruction: the search below proves nothing", c)
		}
	}
	if _, err := f.s.Notes().Destroy(client, testNow); err != nil {
		t.Fatalf("destroy: %v", err)
	}
	for _, table := range []string{"clinical_measures", "clinical_risk_flags", "clinical_risk_assessments", "clinical_plans",
		"clinical_goal_links", "clinical_diagnoses", "clinical_schedules", "consent_releases"} {
		var rows int
		if err := f.v.Read(func(q vault.Querier) error {
			return q.QueryRow("SELECT count(*) FROM "+table+" WHERE client_id = ?", client).Scan(&rows)
		}); err != nil || rows != 0 {
			t.Errorf("%s: %d rows of the destroyed client (%v)", table, rows, err)
		}
	}
	if fees, _ := f.s.Clinical().Fees(); len(fees) != 1 {
		t.Errorf("the practice's fees went with a client: %+v", fees)
	}
	db := dbBytes()
	for _, c := range clinicalCanaries {
		if bytes.Contains(db, []byte(c)) {
			t.Errorf("the database still holds %q", c)
		}
	}
	if _, err := f.s.Clinical().Measures(client, ""); err == nil {
		t.Error("the destroyed client's measures are still listed")
	}
}
