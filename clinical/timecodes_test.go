package clinical_test

import (
	"testing"

	"github.com/confidenotes/confide/clinical"
)

// TestTimeCodesAtEveryBoundary: 90832 16-37, 90834 38-52, 90837 53 or
// more, checked on each side of every boundary.
func TestTimeCodesAtEveryBoundary(t *testing.T) {
	fits := []struct {
		minutes int
		code    string
	}{
		{0, ""}, {15, ""}, {16, "90832"}, {37, "90832"}, {38, "90834"}, {52, "90834"}, {53, "90837"}, {90, "90837"}, {240, "90837"},
	}
	for _, tt := range fits {
		if got := clinical.FittingCode(tt.minutes); got != tt.code {
			t.Errorf("FittingCode(%d) = %q, want %q", tt.minutes, got, tt.code)
		}
	}
	checks := []struct {
		code    string
		minutes int
		checked bool
		ok      bool
		fits    string
		reason  string
	}{
		{"90832", 15, true, false, "", "90832 needs at least 16 minutes; 15 minutes fit no psychotherapy code"},
		{"90832", 16, true, true, "90832", ""},
		{"90832", 37, true, true, "90832", ""},
		{"90832", 38, true, false, "90834", "38 minutes fit 90834, not 90832"},
		{"90834", 37, true, false, "90832", "37 minutes fit 90832, not 90834"},
		{"90834", 38, true, true, "90834", ""},
		{"90834", 52, true, true, "90834", ""},
		{"90834", 53, true, false, "90837", "53 minutes fit 90837, not 90834"},
		{"90837", 52, true, false, "90834", "52 minutes fit 90834, not 90837"},
		{"90837", 53, true, true, "90837", ""},
		{"90837", 0, true, false, "", "90837 needs the session's length; none is recorded"},
		{"90791", 0, false, true, "", ""},
		{"90791", 120, false, true, "", ""},
		{"", 50, false, true, "", ""},
		{"99213", 10, false, true, "", ""},
	}
	for _, tt := range checks {
		got := clinical.CheckTimeCode(tt.code, tt.minutes)
		if got.Checked != tt.checked || got.OK != tt.ok || got.Fits != tt.fits || got.Reason != tt.reason {
			t.Errorf("CheckTimeCode(%q, %d) = %+v", tt.code, tt.minutes, got)
		}
	}
}
