package clinical_test

import (
	"errors"
	"testing"
	"time"

	"github.com/confidenotes/confide/clinical"
)

func TestGiveAndList(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	m := f.give(t, c, "phq9", "2026-03-10", 2, 2, 2, 2, 2, 2, 2, 2, 0)
	if m.Total != 16 || m.Band != "moderately severe" || len(m.Flags) != 0 || m.GivenBy != "Dr. Lee" || m.Paper {
		t.Errorf("measure = %+v", m)
	}
	p, err := f.Give(clinical.Given{ClientID: c, Instrument: "PHQ9", Date: "2026-03-12", Total: total(11), RiskItems: map[int]int{9: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Paper || p.Instrument != "phq9" || p.Band != "moderate" || len(p.Flags) != 1 || len(p.Items) != 0 {
		t.Errorf("paper measure = %+v", p)
	}
	f.give(t, c, "gad7", "2026-03-11", 1, 1, 1, 1, 1, 1, 1)
	all, err := f.Measures(c, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || all[0].ID != m.ID || all[1].Instrument != "gad7" || all[2].ID != p.ID {
		t.Fatalf("measures = %+v", all)
	}
	if all[2].RiskItems[9] != 1 || !all[2].Paper {
		t.Errorf("paper risk answer not kept: %+v", all[2])
	}
	phq, _ := f.Measures(c, "phq9")
	if len(phq) != 2 {
		t.Errorf("%d PHQ-9 measures, want 2", len(phq))
	}
	pcl := f.give(t, c, "pcl5", "2026-03-13", 2, 0, 0, 0, 0, 2, 0, 2, 2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0)
	back, err := f.Measure(pcl.ID)
	if err != nil || back.Subscales["D"] != 4 || back.Provisional == nil || !*back.Provisional {
		t.Errorf("PCL-5 clusters not kept: %+v, %v", back, err)
	}
}

func TestGiveRefuses(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	tests := []struct {
		name string
		g    clinical.Given
		want error
		says string
	}{
		{"unknown instrument", clinical.Given{ClientID: c, Instrument: "bdi2", Date: "2026-03-01", Items: []int{1}}, clinical.ErrUnknownInstrument, "use one of"},
		{"wrong count", clinical.Given{ClientID: c, Instrument: "gad7", Date: "2026-03-01", Items: []int{1, 1}}, clinical.ErrInvalid, "7 items; 2 answers"},
		{"out of range", clinical.Given{ClientID: c, Instrument: "gad7", Date: "2026-03-01", Items: []int{1, 1, 1, 9, 1, 1, 1}}, clinical.ErrInvalid, "item 4 must be 0 to 3"},
		{"both", clinical.Given{ClientID: c, Instrument: "gad7", Date: "2026-03-01", Items: []int{1, 1, 1, 1, 1, 1, 1}, Total: total(7)}, clinical.ErrInvalid, "not both"},
		{"neither", clinical.Given{ClientID: c, Instrument: "gad7", Date: "2026-03-01"}, clinical.ErrInvalid, "item answers or a total"},
		{"total too high", clinical.Given{ClientID: c, Instrument: "gad7", Date: "2026-03-01", Total: total(22)}, clinical.ErrInvalid, "0 to 21"},
		{"bad date", clinical.Given{ClientID: c, Instrument: "gad7", Date: "03/01/2026", Total: total(2)}, clinical.ErrInvalid, "YYYY-MM-DD"},
		{"future", clinical.Given{ClientID: c, Instrument: "gad7", Date: "2026-04-01", Total: total(2)}, clinical.ErrInvalid, "future"},
		{"no client", clinical.Given{ClientID: "c-nobody", Instrument: "gad7", Date: "2026-03-01", Total: total(2)}, clinical.ErrNotFound, "no client"},
		{"follow-up of another", clinical.Given{ClientID: c, Instrument: "gad7", Date: "2026-03-01", Total: total(2), FollowUp: "Very"}, clinical.ErrInvalid, "follow-up answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.Give(tt.g)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			mustContain(t, err, tt.says)
		})
	}
	if ms, _ := f.Measures(c, ""); len(ms) != 0 {
		t.Errorf("%d measures recorded by refused calls", len(ms))
	}
}

// TestItem9RaisesAFlagUntilAssessed follows the item-9 prompt: the flag
// puts the client on the attention list; a risk assessment that answers it
// takes the client off; the assessment and the flag stay in the record.
func TestItem9RaisesAFlagUntilAssessed(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	other := f.client(t, "Other Client")
	m := f.give(t, c, "phq9", "2026-03-13", 1, 1, 1, 1, 1, 1, 1, 1, 1)
	if len(m.Flags) != 1 || m.Flags[0] != "item9" {
		t.Fatalf("flags = %v", m.Flags)
	}
	att, err := f.Attention(c, f.clock.now())
	if err != nil {
		t.Fatal(err)
	}
	if len(att) != 1 || att[0].What != "PHQ-9 risk item answered above 0: document a risk assessment" || !att[0].Overdue {
		t.Fatalf("attention = %+v", att)
	}
	flags, _ := f.RiskFlags(c)
	if len(flags) != 1 || !flags[0].Open() || flags[0].MeasureID != m.ID || flags[0].Prompt == "" {
		t.Fatalf("flags = %+v", flags)
	}
	if _, err := f.AddRiskAssessment(clinical.RiskAssessment{ClientID: c, Date: "2026-03-14", Level: "low"}); !errors.Is(err, clinical.ErrInvalid) {
		t.Errorf("an empty assessment: %v", err)
	} else {
		mustContain(t, err, "the ideation found, what was done, who assessed")
	}
	if _, err := f.AddRiskAssessment(clinical.RiskAssessment{ClientID: other, Date: "2026-03-14", Level: "low", Ideation: "none",
		Action: "none", By: "Dr. Lee", Flags: []string{flags[0].ID}}); !errors.Is(err, clinical.ErrInvalid) {
		t.Errorf("another client's assessment answered the flag: %v", err)
	}
	ra, err := f.AddRiskAssessment(clinical.RiskAssessment{ClientID: c, Date: "2026-03-14", Level: "low",
		Ideation: "passive thoughts, no plan or intent", Protective: "children", SafetyPlan: "reviewed", Action: "safety plan updated", By: "Dr. Lee"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ra.Flags) != 1 || ra.Flags[0] != flags[0].ID {
		t.Errorf("assessment answers %v", ra.Flags)
	}
	if att, _ := f.Attention(c, f.clock.now()); len(att) != 0 {
		t.Errorf("attention after the assessment = %+v", att)
	}
	flags, _ = f.RiskFlags(c)
	if flags[0].Open() || flags[0].AssessmentID != ra.ID {
		t.Errorf("flag not linked to its assessment: %+v", flags[0])
	}
	list, _ := f.RiskAssessments(c)
	if len(list) != 1 || list[0].Ideation != "passive thoughts, no plan or intent" {
		t.Errorf("assessments = %+v", list)
	}
	// A second, paper PHQ-9 with item 9 at 0 raises nothing.
	if p, err := f.Give(clinical.Given{ClientID: c, Instrument: "phq9", Date: "2026-03-14", Total: total(3), RiskItems: map[int]int{9: 0}}); err != nil || len(p.Flags) != 0 {
		t.Errorf("paper PHQ-9 with item 9 = 0: %+v, %v", p, err)
	}
}

// TestRecordsFrozenInSQL goes around the API: the triggers keep measures,
// answered flags and assessments as recorded.
func TestRecordsFrozenInSQL(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	m := f.give(t, c, "phq9", "2026-03-13", 1, 1, 1, 1, 1, 1, 1, 1, 1)
	ra, err := f.AddRiskAssessment(clinical.RiskAssessment{ClientID: c, Date: "2026-03-14", Level: "low", Ideation: "none", Action: "noted", By: "Dr. Lee"})
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []struct{ sql, arg string }{
		{"UPDATE clinical_measures SET total = 0 WHERE id = ?", m.ID},
		{"DELETE FROM clinical_measures WHERE id = ?", m.ID},
		{"UPDATE clinical_risk_flags SET assessment_id = NULL WHERE client_id = ?", c},
		{"DELETE FROM clinical_risk_flags WHERE client_id = ?", c},
		{"UPDATE clinical_risk_assessments SET level = 'high' WHERE id = ?", ra.ID},
		{"DELETE FROM clinical_risk_assessments WHERE id = ?", ra.ID},
	} {
		if err := f.exec(stmt.sql, stmt.arg); err == nil {
			t.Errorf("%s: accepted", stmt.sql)
		}
	}
	if back, _ := f.Measure(m.ID); back.Total != 9 {
		t.Errorf("measure changed: %+v", back)
	}
}

func TestAttentionOrderAndClock(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	f.give(t, c, "phq9", "2026-03-14", 0, 0, 0, 0, 0, 0, 0, 0, 1)
	att, _ := f.Attention(c, f.clock.now())
	if len(att) != 1 || att[0].Overdue {
		t.Errorf("a flag raised today is due, not overdue: %+v", att)
	}
	att, _ = f.Attention(c, f.clock.now().Add(24*time.Hour))
	if len(att) != 1 || !att[0].Overdue {
		t.Errorf("a flag left open a day is overdue: %+v", att)
	}
}
