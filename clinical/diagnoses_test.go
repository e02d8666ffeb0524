package clinical_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/confidenotes/confide/assets"
	"github.com/confidenotes/confide/clinical"
)

func TestCodeTable(t *testing.T) {
	tests := []struct{ in, code, desc string }{
		{"F32.1", "F32.1", "Major depressive disorder, single episode, moderate"},
		{"f321", "F32.1", "Major depressive disorder, single episode, moderate"},
		{" F43.10 ", "F43.10", "Post-traumatic stress disorder, unspecified"},
		{"F43.81", "F43.81", "Prolonged grief disorder"},
		{"F01.50", "F01.50", ""},
		{"F99", "F99", "Mental disorder, not otherwise specified"},
		{"Z63.0", "Z63.0", "Problems in relationship with spouse or partner"},
		{"Z71.89", "Z71.89", "Other specified counseling"},
		{"Z03.89", "Z03.89", ""},
	}
	for _, tt := range tests {
		c, err := clinical.LookupCode(tt.in)
		if err != nil || c.Code != tt.code || (tt.desc != "" && c.Description != tt.desc) {
			t.Errorf("LookupCode(%q) = %+v, %v", tt.in, c, err)
		}
	}
	// Headers (not valid for submission), other chapters and nonsense.
	for _, bad := range []string{"F32", "F43.8", "F01.51", "E11.9", "Z00.00", "X", ""} {
		if _, err := clinical.LookupCode(bad); !errors.Is(err, clinical.ErrUnknownCode) {
			t.Errorf("LookupCode(%q): %v, want ErrUnknownCode", bad, err)
		}
	}
	src, _ := assets.ICD10.ReadFile("icd10/SOURCE")
	if !strings.Contains(string(src), "FY2026") || !strings.Contains(clinical.ICD10Release, "FY2026") {
		t.Error("the release year is not stated in SOURCE and ICD10Release")
	}
}

// TestCodesOfTheRelease checks the shipped subset against what changed in
// F and Z after FY2023: codes added in FY2024-FY2026 are there, and codes
// those releases split into more specific ones (so no longer valid for
// submission) are not.
func TestCodesOfTheRelease(t *testing.T) {
	for code, desc := range map[string]string{
		"F50.010": "Anorexia nervosa, restricting type, mild", // FY2025
		"F50.21":  "Bulimia nervosa, mild",                    // FY2025
		"F50.819": "Binge eating disorder, unspecified",       // FY2025
		"F50.84":  "Rumination disorder in adults",            // FY2025
		"Z55.6":   "Problems related to health literacy",      // FY2024
		"Z59.11":  "Inadequate housing environmental temperature",
		"Z59.71":  "Insufficient health insurance coverage",
		"Z62.23":  "Child in custody of non-parental relative",
		"Z91.141": "Patient's other noncompliance with medication regimen due to financial hardship",
		"Z91.85":  "Personal history of military service",
	} {
		c, err := clinical.LookupCode(code)
		if err != nil || c.Description != desc {
			t.Errorf("LookupCode(%s) = %+v, %v; want %q", code, c, err, desc)
		}
	}
	for _, split := range []string{"F50.01", "F50.02", "F50.2", "F50.81", "Z59.1", "Z59.7", "Z59.86", "Z91.14", "Z91.15"} {
		if _, err := clinical.LookupCode(split); !errors.Is(err, clinical.ErrUnknownCode) {
			t.Errorf("LookupCode(%s): %v; it is a header since it was split", split, err)
		}
	}
}

func TestSearchCodes(t *testing.T) {
	tests := []struct {
		q     string
		first string
		has   string
	}{
		{"F41", "F41.0", "F41.1"},
		{"generalized anx", "F41.1", ""},
		{"adjustment anxiety", "F43.22", "F43.23"},
		{"spouse", "Z63.0", ""},
		{"grief", "F43.81", ""},
	}
	for _, tt := range tests {
		got, err := clinical.SearchCodes(tt.q, 20)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0].Code != tt.first {
			t.Errorf("SearchCodes(%q) = %v, want %s first", tt.q, got, tt.first)
			continue
		}
		if tt.has != "" && !hasCode(got, tt.has) {
			t.Errorf("SearchCodes(%q) lacks %s", tt.q, tt.has)
		}
	}
	if got, _ := clinical.SearchCodes("zzqx", 0); len(got) != 0 {
		t.Errorf("nonsense found %v", got)
	}
	if got, _ := clinical.SearchCodes("disorder", 5); len(got) != 5 {
		t.Errorf("limit not applied: %d", len(got))
	}
}

func hasCode(cs []clinical.Code, code string) bool {
	for _, c := range cs {
		if c.Code == code {
			return true
		}
	}
	return false
}

func TestDiagnosesOverTime(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	mdd, err := f.AddDiagnosis(c, "f32.1", "2025-02-01", true)
	if err != nil {
		t.Fatal(err)
	}
	if mdd.Code != "F32.1" || !mdd.Primary || mdd.Description == "" {
		t.Errorf("diagnosis = %+v", mdd)
	}
	gad, err := f.AddDiagnosis(c, "F41.1", "2025-03-01", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.AddDiagnosis(c, "F43.10", "2025-06-01", true); !errors.Is(err, clinical.ErrInvalid) {
		t.Errorf("a second open primary: %v", err)
	}
	if _, err := f.AddDiagnosis(c, "E11.9", "2025-06-01", false); !errors.Is(err, clinical.ErrUnknownCode) {
		t.Errorf("unknown code: %v", err)
	}
	if _, err := f.EndDiagnosis(mdd.ID, "2025-01-01"); !errors.Is(err, clinical.ErrInvalid) {
		t.Errorf("end before start: %v", err)
	}
	if _, err := f.EndDiagnosis(mdd.ID, "2025-05-31"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.EndDiagnosis(mdd.ID, "2025-06-30"); !errors.Is(err, clinical.ErrInvalid) {
		t.Errorf("ending twice: %v", err)
	}
	ptsd, err := f.AddDiagnosis(c, "F43.10", "2025-06-01", true)
	if err != nil {
		t.Fatalf("a primary after the first ended: %v", err)
	}
	for _, tt := range []struct {
		day  string
		want []string
	}{
		{"2025-01-31", nil},
		{"2025-02-01", []string{mdd.ID}},
		{"2025-03-01", []string{mdd.ID, gad.ID}},
		{"2025-05-31", []string{mdd.ID, gad.ID}},
		{"2025-06-01", []string{ptsd.ID, gad.ID}},
	} {
		got, err := f.DiagnosesOn(c, tt.day)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, d := range got {
			ids = append(ids, d.ID)
		}
		if strings.Join(ids, ",") != strings.Join(tt.want, ",") {
			t.Errorf("on %s: %v, want %v (primary first)", tt.day, ids, tt.want)
		}
	}
	for _, stmt := range []string{
		"UPDATE clinical_diagnoses SET code = 'F99' WHERE id = ?",
		"UPDATE clinical_diagnoses SET end_on = '2026-01-01' WHERE id = ?",
		"DELETE FROM clinical_diagnoses WHERE id = ?",
	} {
		if err := f.exec(stmt, mdd.ID); err == nil {
			t.Errorf("%s: accepted", stmt)
		}
	}
}
