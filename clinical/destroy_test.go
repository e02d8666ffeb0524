package clinical_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

var clinicalCanaries = []string{"Quillfeatherbrook", "Thistledownmarch", "Bramblewickfen", "Larkspurgrotto"}

// TestDestroyRemovesTheClinicalRecord destroys a client with measures, a
// risk assessment, a signed plan, goal links and diagnoses, and searches
// the bytes of the whole database (free pages included) and of the
// decrypted snapshot for what they held.
func TestDestroyRemovesTheClinicalRecord(t *testing.T) {
	f := newFixture(t)
	gone, err := f.Notes().AddClient(notes.Client{Name: "Old Client", DOB: "1960-01-01", LastContact: "2015-06-01", Status: notes.Closed})
	if err != nil {
		t.Fatal(err)
	}
	kept := f.client(t, "Kept Client")
	f.give(t, gone.ID, "phq9", "2015-05-01", 3, 3, 3, 3, 3, 3, 3, 3, 2)
	if _, err := f.AddRiskAssessment(clinical.RiskAssessment{ClientID: gone.ID, Date: "2015-05-01", Level: "moderate",
		Ideation: "Thoughts about the Quillfeatherbrook bridge", Action: "safety plan", By: "Dr. Lee"}); err != nil {
		t.Fatal(err)
	}
	in := samplePlan()
	in.ReviewDate = "2015-08-01"
	in.Problems[0].Text = "Grief after Thistledownmarch closed"
	p, err := f.AddPlan(gone.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.SignPlan(p.ID, "Dr. Lee"); err != nil {
		t.Fatal(err)
	}
	n := f.note(t, gone.ID, notes.Progress, "2015-05-08", "Session.")
	if _, err := f.LinkGoal(n.ID, "g-mood", 3, "Walked to Bramblewickfen twice"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Notes().Sign(n.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.AddDiagnosis(gone.ID, "F43.81", "2015-01-01", true); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSchedule(clinical.Schedule{ClientID: gone.ID, Instrument: "phq9", EveryMonths: 1, Start: "2015-01-01"}); err != nil {
		t.Fatal(err)
	}
	keptPlan := samplePlan()
	keptPlan.Problems[0].Text = "Larkspurgrotto kept for the record"
	if _, err := f.AddPlan(kept, keptPlan); err != nil {
		t.Fatal(err)
	}

	if _, err := f.Notes().Destroy(gone.ID, f.clock.now()); err != nil {
		t.Fatalf("destroy: %v", err)
	}
	if _, err := f.Measures(gone.ID, ""); err == nil {
		t.Error("measures of a destroyed client are still listed")
	}
	path := filepath.Join(t.TempDir(), "db.sqlite")
	if err := f.v.WriteDatabase(path); err != nil {
		t.Fatal(err)
	}
	db, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for what, b := range map[string][]byte{"database file": db, "decrypted snapshot": f.decrypt(t)} {
		for _, c := range clinicalCanaries[:3] {
			if bytes.Contains(b, []byte(c)) {
				t.Errorf("%s still holds %q", what, c)
			}
		}
		if !bytes.Contains(b, []byte(clinicalCanaries[3])) {
			t.Errorf("%s lost the other client's plan: the byte search proves nothing", what)
		}
	}
	for _, table := range []string{"clinical_measures", "clinical_risk_flags", "clinical_risk_assessments", "clinical_plans",
		"clinical_goal_links", "clinical_diagnoses", "clinical_schedules"} {
		var n int
		err := f.v.Read(func(q vault.Querier) error {
			return q.QueryRow("SELECT count(*) FROM "+table+" WHERE client_id = ?", gone.ID).Scan(&n)
		})
		if err != nil || n != 0 {
			t.Errorf("%s: %d rows of the destroyed client (%v)", table, n, err)
		}
	}
}

func (f *fixture) decrypt(tb testing.TB) []byte {
	tb.Helper()
	id, err := age.ParseX25519Identity(f.created.DeviceKey)
	if err != nil {
		tb.Fatal(err)
	}
	enc, err := os.Open(filepath.Join(f.dir, "vault.age"))
	if err != nil {
		tb.Fatal(err)
	}
	defer enc.Close()
	r, err := age.Decrypt(enc, id)
	if err != nil {
		tb.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
