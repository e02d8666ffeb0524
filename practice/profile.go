package practice

import (
	"errors"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // zones resolve the same on every system, Windows included
	"unicode"
)

// ErrInvalid means a profile field was refused; the message names it.
var ErrInvalid = errors.New("invalid")

// Paper is the size printed documents are laid out for.
type Paper string

// Paper sizes.
const (
	Letter Paper = "letter" // US Letter, 8.5 x 11 in: the default
	A4     Paper = "a4"
)

// ParsePaper checks a paper size name; "" is Letter.
func ParsePaper(s string) (Paper, error) {
	switch Paper(strings.ToLower(strings.TrimSpace(s))) {
	case "", Letter:
		return Letter, nil
	case A4:
		return A4, nil
	}
	return "", fmt.Errorf("%w: paper must be letter or a4", ErrInvalid)
}

// The session defaults of a profile that sets none: the usual therapy
// hour and its CPT code (psychotherapy, 38 to 52 minutes).
const (
	DefaultMinutes = 50
	DefaultCode    = "90834"
)

// Profile is the clinician and the practice. The zero value is a practice
// with no profile yet: IsSet is false, and the defaults apply.
type Profile struct {
	Name           string    `json:"name"`                    // "Jane Porter"
	Credentials    string    `json:"credentials,omitempty"`   // "LCSW"
	License        string    `json:"license,omitempty"`       // the licence number
	LicenseState   string    `json:"license_state,omitempty"` // two letters, "NY"
	NPI            string    `json:"npi,omitempty"`           // ten digits, checked
	Practice       string    `json:"practice,omitempty"`      // "Porter Counseling"
	Address        string    `json:"address,omitempty"`       // lines separated by newlines
	Phone          string    `json:"phone,omitempty"`
	TimeZone       string    `json:"timezone,omitempty"` // IANA, "America/New_York"; "" for the computer's
	Paper          Paper     `json:"paper"`
	DefaultMinutes int       `json:"default_minutes"`
	DefaultCode    string    `json:"default_code"`
	Updated        time.Time `json:"updated,omitzero"`
}

// withDefaults fills what a profile leaves unset.
func (p Profile) withDefaults() Profile {
	if p.Paper == "" {
		p.Paper = Letter
	}
	if p.DefaultMinutes == 0 {
		p.DefaultMinutes = DefaultMinutes
	}
	if strings.TrimSpace(p.DefaultCode) == "" {
		p.DefaultCode = DefaultCode
	}
	return p
}

// IsSet reports whether a clinician's profile has been recorded.
func (p Profile) IsSet() bool { return strings.TrimSpace(p.Name) != "" }

// SignatureName is how the clinician signs: "Jane Porter, LCSW", or ""
// when no profile is set.
func (p Profile) SignatureName() string {
	name := strings.TrimSpace(p.Name)
	if name == "" {
		return ""
	}
	if c := strings.TrimSpace(p.Credentials); c != "" {
		return name + ", " + c
	}
	return name
}

// Location is the profile's time zone, or the computer's when it sets none
// (or names one this build does not know, which SetProfile refuses).
func (p Profile) Location() *time.Location {
	if p.TimeZone == "" {
		return time.Local
	}
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		return time.Local
	}
	return loc
}

// TimeLayout is how FormatTime writes a moment: "14 Nov 2026 2:29 PM EST".
const TimeLayout = "2 Jan 2006 3:04 PM MST"

// FormatTime writes t in the profile's time zone, with the zone's name.
func (p Profile) FormatTime(t time.Time) string { return t.In(p.Location()).Format(TimeLayout) }

// SignatureLine words an electronic signature: "Electronically signed by
// Jane Porter, LCSW, 14 Nov 2026 2:29 PM EST". signedBy is the name the
// note recorded when it was signed ("" for a note signed before any
// profile existed), not necessarily today's profile name.
func (p Profile) SignatureLine(signedBy string, at time.Time) string {
	if strings.TrimSpace(signedBy) == "" {
		return "Electronically signed " + p.FormatTime(at)
	}
	return "Electronically signed by " + signedBy + ", " + p.FormatTime(at)
}

// PaperSize is the paper printed documents are laid out for.
func (p Profile) PaperSize() Paper {
	if p.Paper == A4 {
		return A4
	}
	return Letter
}

// SessionDefaults are the length and service code a new session note
// starts with.
func (p Profile) SessionDefaults() (minutes int, code string) {
	d := p.withDefaults()
	return d.DefaultMinutes, d.DefaultCode
}

// Letterhead is the block at the top of a printed document: the practice,
// the clinician, the address, then phone, NPI and licence on one line.
// It is empty when neither a clinician nor a practice is recorded.
func (p Profile) Letterhead() []string {
	var lines []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			lines = append(lines, s)
		}
	}
	add(p.Practice)
	add(p.SignatureName())
	for _, l := range strings.Split(p.Address, "\n") {
		add(l)
	}
	var ids []string
	if p.Phone != "" {
		ids = append(ids, "Phone "+p.Phone)
	}
	if p.NPI != "" {
		ids = append(ids, "NPI "+p.NPI)
	}
	if p.License != "" {
		lic := "Licence " + p.License
		if p.LicenseState != "" {
			lic += " (" + p.LicenseState + ")"
		}
		ids = append(ids, lic)
	}
	add(strings.Join(ids, " · "))
	return lines
}

// check refuses a profile that cannot be right, naming the field.
func (p *Profile) check() error {
	p.Name, p.Credentials = strings.TrimSpace(p.Name), strings.TrimSpace(p.Credentials)
	p.NPI, p.TimeZone = strings.TrimSpace(p.NPI), strings.TrimSpace(p.TimeZone)
	p.LicenseState = strings.ToUpper(strings.TrimSpace(p.LicenseState))
	p.DefaultCode = strings.TrimSpace(p.DefaultCode)
	if p.NPI != "" {
		if err := CheckNPI(p.NPI); err != nil {
			return err
		}
	}
	if p.LicenseState != "" && (len(p.LicenseState) != 2 || !isLetters(p.LicenseState)) {
		return fmt.Errorf("%w: the licence state must be its two-letter code, such as NY", ErrInvalid)
	}
	if p.TimeZone != "" {
		if _, err := time.LoadLocation(p.TimeZone); err != nil || p.TimeZone == "Local" {
			return fmt.Errorf("%w: time zone %q is not known; use a name such as America/New_York", ErrInvalid, p.TimeZone)
		}
	}
	paper, err := ParsePaper(string(p.Paper))
	if err != nil {
		return err
	}
	p.Paper = paper
	if p.DefaultMinutes < 0 || p.DefaultMinutes > 480 {
		return fmt.Errorf("%w: the default session length must be between 1 and 480 minutes", ErrInvalid)
	}
	if len(p.DefaultCode) > 16 || strings.ContainsFunc(p.DefaultCode, unicode.IsSpace) {
		return fmt.Errorf("%w: the default service code is one short code, such as 90834", ErrInvalid)
	}
	if p.Name == "" {
		return fmt.Errorf("%w: the profile needs the clinician's name", ErrInvalid)
	}
	return nil
}

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// CheckNPI returns nil for a valid National Provider Identifier: ten
// digits whose last is the Luhn check digit of the other nine prefixed with
// 80840 (the card issuer prefix CMS assigned to NPIs), and otherwise an
// error wrapping ErrInvalid that says what is wrong.
func CheckNPI(npi string) error {
	if len(npi) != 10 || strings.ContainsFunc(npi, func(r rune) bool { return r < '0' || r > '9' }) {
		return fmt.Errorf("%w: an NPI is 10 digits", ErrInvalid)
	}
	if npi[0] != '1' && npi[0] != '2' {
		return fmt.Errorf("%w: an NPI starts with 1 or 2", ErrInvalid)
	}
	if luhnDigit("80840"+npi[:9]) != npi[9] {
		return fmt.Errorf("%w: NPI %s has a wrong check digit; check it against your NPPES record", ErrInvalid, npi)
	}
	return nil
}

// luhnDigit returns the Luhn check digit that completes digits.
func luhnDigit(digits string) byte {
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if (len(digits)-1-i)%2 == 0 { // doubled: every second digit from the right, starting next to the check digit
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}
