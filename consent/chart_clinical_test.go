package consent_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/confidenotes/confide/consent"
)

// The chart export carries the clinical record: chart.json under its own
// keys, chart.pdf on its own pages, each note with the diagnoses of its
// date and the goals it addressed.
func TestChartExportCarriesTheClinicalRecord(t *testing.T) {
	f := clinicalFixture(t)
	dir := t.TempDir()
	files := consent.ExportFiles{PDF: filepath.Join(dir, "chart.pdf"), JSON: filepath.Join(dir, "chart.json")}
	m, err := f.s.Export(consent.ExportRequest{ClientID: f.maria}, files)
	if err != nil {
		t.Fatal(err)
	}
	var chart struct {
		Diagnoses []struct {
			Code, Start, End string
			Primary          bool
		} `json:"diagnoses"`
		Plans []struct {
			ID       string `json:"id"`
			Version  int    `json:"version"`
			From     string `json:"in_effect_from"`
			SignedBy string `json:"signed_by"`
			Hash     string `json:"content_hash"`
			Problems []struct {
				Goals []struct {
					ID   string `json:"id"`
					Text string `json:"text"`
				} `json:"goals"`
			} `json:"problems"`
			Progress map[string][]struct {
				NoteID   string `json:"note_id"`
				Date     string `json:"date"`
				Progress int    `json:"progress"`
				Comment  string `json:"comment"`
			} `json:"progress"`
		} `json:"plans"`
		Measures []struct {
			Instrument, Date, Band string
			Total                  int
			Items                  []int
			Flags                  []string
		} `json:"measures"`
		Risks []struct {
			Date, Level, Ideation string
		} `json:"risk_assessments"`
	}
	if err := json.Unmarshal(readFile(t, files.JSON), &chart); err != nil {
		t.Fatal(err)
	}
	if len(chart.Diagnoses) != 2 || chart.Diagnoses[0].Code != "F41.1" || !chart.Diagnoses[0].Primary || chart.Diagnoses[1].End != "2025-02-01" {
		t.Errorf("diagnoses = %+v", chart.Diagnoses)
	}
	if len(chart.Plans) != 1 || chart.Plans[0].SignedBy != "Jane Porter, LCSW" || chart.Plans[0].Hash == "" ||
		chart.Plans[0].Problems[0].Goals[0].Text != goalText {
		t.Fatalf("plans = %+v", chart.Plans)
	}
	if p := chart.Plans[0].Progress["calm"]; len(p) != 1 || p[0].NoteID != f.notes["goals"] || p[0].Progress != 4 || p[0].Date != "2026-05-11" {
		t.Errorf("progress = %+v", chart.Plans[0].Progress)
	}
	if len(chart.Measures) != 3 || chart.Measures[0].Total != 17 || len(chart.Measures[0].Items) != 9 || chart.Measures[0].Flags[0] != "item9" {
		t.Errorf("measures = %+v", chart.Measures)
	}
	if len(chart.Risks) != 1 || chart.Risks[0].Level != "low" {
		t.Errorf("risk assessments = %+v", chart.Risks)
	}
	mustHave(t, "chart.pdf", pdfText(t, files.PDF),
		[]string{"Diagnoses", dxText, "Treatment plan, version 1", objectiveText, progressText, "Outcome measures",
			"PHQ-9: latest 4 (minimal)", "Risk assessment, 2026-01-12: low risk", riskText,
			"Diagnoses " + dxText + " (primary)", consent.GoalsSection},
		nil)
	if len(m.Notes) == 0 {
		t.Errorf("manifest = %+v", m)
	}

	// A date range takes only what falls in it.
	ranged := filepath.Join(dir, "range.json")
	if _, err := f.s.Export(consent.ExportRequest{ClientID: f.maria, From: "2026-03-01", To: "2026-04-30"}, consent.ExportFiles{JSON: ranged}); err != nil {
		t.Fatal(err)
	}
	var part struct {
		Diagnoses []json.RawMessage `json:"diagnoses"`
		Measures  []json.RawMessage `json:"measures"`
		Risks     []json.RawMessage `json:"risk_assessments"`
	}
	if err := json.Unmarshal(readFile(t, ranged), &part); err != nil {
		t.Fatal(err)
	}
	if len(part.Diagnoses) != 1 || len(part.Measures) != 1 || len(part.Risks) != 0 {
		t.Errorf("March and April: %d diagnoses, %d measures, %d risk assessments", len(part.Diagnoses), len(part.Measures), len(part.Risks))
	}

	// One note printed: its diagnoses and goals, not the whole record.
	one := filepath.Join(dir, "one.pdf")
	if _, err := f.s.Export(consent.ExportRequest{ClientID: f.maria, NoteIDs: []string{f.notes["goals"]}}, consent.ExportFiles{PDF: one}); err != nil {
		t.Fatal(err)
	}
	mustHave(t, "one note", pdfText(t, one), []string{"Diagnoses " + dxText + " (primary)", consent.GoalsSection, progressText},
		[]string{"Outcome measures", objectiveText, riskText})
}
