package consent_test

import (
	"reflect"
	"testing"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

// Descriptions as clinicians and release forms word them.
func TestCoveredScope(t *testing.T) {
	all := consent.DefaultScope(consent.ByAuthorization, "2026-11-23").Kinds
	tests := []struct {
		info       string
		psych      bool
		kinds      []notes.Kind
		from, to   string
		plan, cons bool
	}{
		{"Progress notes and treatment plan from 2026", false, []notes.Kind{notes.Progress, notes.TreatmentPlan}, "2026-01-01", "2026-12-31", true, false},
		{"Intake assessment and discharge summary", false, []notes.Kind{notes.Intake, notes.Termination}, "", "", false, false},
		{"Progress notes 2026-03-01 to 2026-06-30", false, []notes.Kind{notes.Progress}, "2026-03-01", "2026-06-30", false, false},
		{"Session notes since 2025", false, []notes.Kind{notes.Progress}, "2025-01-01", "", false, false},
		{"My entire mental health record, including consent forms", false, all, "", "", true, true},
		{"Information needed for my disability claim", false, all, "", "", true, false}, // no kind named: the default
		{"Psychotherapy notes of 2026", true, nil, "2026-01-01", "2026-12-31", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.info, func(t *testing.T) {
			a := consent.Authorization{Info: tt.info, PsychotherapyNotes: tt.psych}
			got := consent.CoveredScope(a, "2026-11-23")
			if !reflect.DeepEqual(got.Kinds, tt.kinds) || got.From != tt.from || got.To != tt.to ||
				got.TreatmentPlan != tt.plan || got.Consents != tt.cons || got.PsychotherapyNotes != tt.psych || !got.Addenda {
				t.Errorf("CoveredScope = %+v\nwant kinds %v, %s..%s, plan %v, consents %v, psychotherapy %v",
					got, tt.kinds, tt.from, tt.to, tt.plan, tt.cons, tt.psych)
			}
		})
	}
}
