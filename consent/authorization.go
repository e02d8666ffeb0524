package consent

import (
	"fmt"
	"strings"
	"time"
)

// Status is where an authorization stands on a given day.
type Status string

// Authorization statuses. Only StatusValid and StatusExpiring authorize a
// release.
const (
	StatusValid      Status = "valid"
	StatusExpiring   Status = "expiring" // valid, and expires within ExpiringWithin days
	StatusExpired    Status = "expired"
	StatusRevoked    Status = "revoked"
	StatusIncomplete Status = "incomplete" // a required element is missing: never valid
	StatusNotSigned  Status = "not-signed" // the day is before the signature date
)

// ExpiringWithin is how many days before its expiry date an authorization
// counts as expiring.
const ExpiringWithin = 30

// Authorization is a client's authorization to release information, with
// the core elements of HIPAA 45 CFR 164.508(c). An authorization missing
// any of them is kept, as StatusIncomplete, and never authorizes anything.
// The recipient's address is not one of them: 164.508(c)(1)(iii) asks for
// "the name or other specific identification" of the recipient, so an
// address is recommended (see Recommended), never required.
type Authorization struct {
	ID               string `json:"id"`
	ClientID         string `json:"client_id"`
	Info             string `json:"info"`                       // what information, described specifically
	Discloser        string `json:"discloser"`                  // who may disclose it
	Recipient        string `json:"recipient"`                  // to whom
	RecipientAddress string `json:"recipient_address"`          // where: recommended, not required
	Purpose          string `json:"purpose"`                    // why ("at the request of the individual" will do)
	Expires          string `json:"expires,omitempty"`          // YYYY-MM-DD; or
	ExpiryEvent      string `json:"expiry_event,omitempty"`     // an event that ends it
	Signed           string `json:"signed"`                     // YYYY-MM-DD
	Signer           string `json:"signer"`                     // who signed
	SignerAuthority  string `json:"signer_authority,omitempty"` // for a representative: the basis of authority
	Representative   bool   `json:"representative"`             // signed by a representative, not the client
	// PsychotherapyNotes marks a psychotherapy-notes authorization: a
	// separate document, and the only way to release psychotherapy notes.
	PsychotherapyNotes bool   `json:"psychotherapy_notes"`
	Form               string `json:"form,omitempty"`    // the printed form signed, e.g. "release/1"
	Revoked            string `json:"revoked,omitempty"` // YYYY-MM-DD, the day the revocation was received
	Ended              string `json:"ended,omitempty"`   // YYYY-MM-DD, the day the expiry event happened
	Recorded           string `json:"recorded"`
}

// Missing lists the required elements the authorization lacks, in the
// order of 164.508(c); nil means it is complete.
func (a *Authorization) Missing() []string {
	var m []string
	check := func(ok bool, what string) {
		if !ok {
			m = append(m, what)
		}
	}
	check(!blank(a.Info), "a description of the information")
	check(!blank(a.Discloser), "who may disclose it")
	check(!blank(a.Recipient), "the recipient's name")
	check(!blank(a.Purpose), "the purpose")
	check(a.Expires != "" || !blank(a.ExpiryEvent), "an expiry date or expiry event")
	check(a.Signed != "", "the signature date")
	check(!blank(a.Signer), "who signed")
	check(!a.Representative || !blank(a.SignerAuthority), "the representative's authority")
	return m
}

// Recommended lists what the authorization would be better with but does
// not need: the recipient's address, so that the records go to the right
// place. nil when there is nothing to add.
func (a *Authorization) Recommended() []string {
	if blank(a.RecipientAddress) {
		return []string{"the recipient's address"}
	}
	return nil
}

// StatusOn returns the authorization's status on day when (YYYY-MM-DD).
// It is valid from its signature date through its expiry date, both
// included, revoked from the day the revocation was received, and expired
// from the day its expiry event happened.
func (a *Authorization) StatusOn(when string) Status {
	switch {
	case len(a.Missing()) > 0:
		return StatusIncomplete
	case a.Revoked != "" && when >= a.Revoked:
		return StatusRevoked
	case when < a.Signed:
		return StatusNotSigned
	case a.Expires != "" && when > a.Expires, a.Ended != "" && when >= a.Ended:
		return StatusExpired
	case a.Expires != "" && daysBetween(when, a.Expires) <= ExpiringWithin:
		return StatusExpiring
	}
	return StatusValid
}

// Scope is what a release would include, as far as an authorization is
// concerned.
type Scope struct {
	Records            bool // anything besides psychotherapy notes
	PsychotherapyNotes bool // psychotherapy notes (45 CFR 164.501)
}

// ValidFor returns nil when the authorization allows releasing scope to
// recipient on the day of when, and otherwise an error wrapping
// ErrNotAuthorized that says why. Recipients are compared with
// RecipientMatches. Psychotherapy notes need a psychotherapy-notes
// authorization, and such an authorization covers nothing else, since it
// must be a separate document.
func (a *Authorization) ValidFor(recipient string, scope Scope, when time.Time) error {
	if !scope.Records && !scope.PsychotherapyNotes {
		return fmt.Errorf("%w: the release includes nothing", ErrInvalid)
	}
	day := Day(when)
	switch st := a.StatusOn(day); st {
	case StatusValid, StatusExpiring:
	case StatusIncomplete:
		return fmt.Errorf("%w: authorization %s is incomplete: it is missing %s", ErrNotAuthorized, a.ID, strings.Join(a.Missing(), ", "))
	case StatusNotSigned:
		return fmt.Errorf("%w: authorization %s was signed after %s", ErrNotAuthorized, a.ID, day)
	default:
		return fmt.Errorf("%w: authorization %s is %s on %s", ErrNotAuthorized, a.ID, st, day)
	}
	if !RecipientMatches(a.Recipient, recipient) {
		return fmt.Errorf("%w: authorization %s names another recipient", ErrNotAuthorized, a.ID)
	}
	if scope.PsychotherapyNotes && !a.PsychotherapyNotes {
		return fmt.Errorf("%w: psychotherapy notes need a separate psychotherapy-notes authorization; %s is not one", ErrNotAuthorized, a.ID)
	}
	if scope.Records && a.PsychotherapyNotes {
		return fmt.Errorf("%w: %s authorizes psychotherapy notes only; the rest of the record needs its own authorization", ErrNotAuthorized, a.ID)
	}
	return nil
}

// RecipientMatches reports whether given names the recipient an
// authorization names (onFile). Case, runs of spaces and full stops do
// not count ("Dr Alan  Kim" is "Dr. Alan Kim"), and a description after
// the name, set off by a comma, a bracket or a dash, may be there on one
// side and not the other: "Dr. Alan Kim" matches "Dr. Alan Kim, primary
// care physician". Two different descriptions do not match, nor do two
// different names.
func RecipientMatches(onFile, given string) bool {
	a, b := recipientKey(onFile), recipientKey(given)
	if a == "" || b == "" {
		return false
	}
	return a == b || a == recipientCore(b) || recipientCore(a) == b
}

// recipientKey is a recipient as compared: lower case, full stops dropped,
// spaces single.
func recipientKey(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), ".", "")
	return strings.Join(strings.Fields(s), " ")
}

// recipientCore is the name before a description set off by a comma, a
// bracket or a dash.
func recipientCore(key string) string {
	cut := len(key)
	for _, sep := range []string{",", "(", " - ", " – ", " — ", ";"} {
		if i := strings.Index(key, sep); i > 0 && i < cut {
			cut = i
		}
	}
	return strings.TrimSpace(key[:cut])
}

// checkNewAuthorization refuses what can never become valid: bad dates and
// an expiry before the signature. Missing elements are not refused: the
// authorization is saved as incomplete.
func checkNewAuthorization(a *Authorization) error {
	if err := checkOptionalDate("the signature date", a.Signed); err != nil {
		return err
	}
	if err := checkOptionalDate("the expiry date", a.Expires); err != nil {
		return err
	}
	if a.Expires != "" && !blank(a.ExpiryEvent) {
		return fmt.Errorf("%w: give an expiry date or an expiry event, not both", ErrInvalid)
	}
	if a.Expires != "" && a.Signed != "" && a.Expires < a.Signed {
		return fmt.Errorf("%w: the expiry date %s is before the signature date %s", ErrInvalid, a.Expires, a.Signed)
	}
	if a.Revoked != "" || a.Ended != "" {
		return fmt.Errorf("%w: a new authorization cannot be revoked or ended already; record it first", ErrInvalid)
	}
	return nil
}
