package clinical

import (
	"fmt"
	"strings"
)

// Psychotherapy time codes (CPT), and the minutes each one fits. The
// ranges are CPT's: a unit of time is attained when the midpoint is
// passed, so 30 minutes starts at 16, 45 at 38 and 60 at 53.
const (
	CodeIntake = "90791" // psychiatric diagnostic evaluation: no time rule
	Code30     = "90832" // psychotherapy, 30 minutes: 16-37
	Code45     = "90834" // psychotherapy, 45 minutes: 38-52
	Code60     = "90837" // psychotherapy, 60 minutes: 53 or more
)

// TimeCode is a psychotherapy code with the minutes it fits, both ends
// included; Max 0 means no upper bound.
type TimeCode struct {
	Code     string `json:"code"`
	Min, Max int    `json:"-"`
	Label    string `json:"label"`
}

// TimeCodes are the psychotherapy codes Confide checks, shortest first.
var TimeCodes = []TimeCode{
	{Code30, 16, 37, "psychotherapy, 30 minutes (16-37)"},
	{Code45, 38, 52, "psychotherapy, 45 minutes (38-52)"},
	{Code60, 53, 0, "psychotherapy, 60 minutes (53 or more)"},
}

// FittingCode returns the psychotherapy code the minutes fit, "" when a
// session is too short for any (under 16 minutes).
func FittingCode(minutes int) string {
	for _, c := range TimeCodes {
		if minutes >= c.Min && (c.Max == 0 || minutes <= c.Max) {
			return c.Code
		}
	}
	return ""
}

// TimeCheck is the result of checking a note's service code against its
// minutes.
type TimeCheck struct {
	Checked bool   `json:"checked"`        // false: not a timed psychotherapy code
	OK      bool   `json:"ok"`             // the code fits the minutes (or is not checked)
	Fits    string `json:"fits,omitempty"` // the code the minutes fit, "" if none
	Reason  string `json:"reason,omitempty"`
}

// CheckTimeCode checks a service code against a session's minutes. Only
// the timed psychotherapy codes (90832, 90834, 90837) are checked; 90791,
// other codes and no code pass unchecked. A mismatch says which code
// fits, or that none does.
func CheckTimeCode(code string, minutes int) TimeCheck {
	code = strings.ToUpper(strings.TrimSpace(code))
	var tc *TimeCode
	for i := range TimeCodes {
		if TimeCodes[i].Code == code {
			tc = &TimeCodes[i]
		}
	}
	if tc == nil {
		return TimeCheck{OK: true}
	}
	fits := FittingCode(minutes)
	r := TimeCheck{Checked: true, OK: fits == code, Fits: fits}
	switch {
	case r.OK:
	case minutes <= 0:
		r.Reason = fmt.Sprintf("%s needs the session's length; none is recorded", code)
	case fits == "":
		r.Reason = fmt.Sprintf("%s needs at least %d minutes; %d minutes fit no psychotherapy code", code, tc.Min, minutes)
	default:
		r.Reason = fmt.Sprintf("%d minutes fit %s, not %s", minutes, fits, code)
	}
	return r
}
