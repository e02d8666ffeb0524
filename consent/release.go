package consent

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/notes/disguise"
	"github.com/confidenotes/confide/vault"
)

// ErrAlreadyReleased means Record or Release was called a second time on the
// same Release: a release is entered in the accounting exactly once.
var ErrAlreadyReleased = errors.New("this release was already recorded")

// ReleaseRequest is step 1 of a records release: who asks, why, and on what
// basis.
type ReleaseRequest struct {
	ClientID         string      `json:"client_id"`
	UnitID           string      `json:"unit_id,omitempty"` // the shared record of this couple, family or group; "" for the client's own
	Type             RequestType `json:"type"`              // one of the first seven RequestTypes
	Recipient        string      `json:"recipient"`
	RecipientAddress string      `json:"recipient_address,omitempty"`
	Purpose          string      `json:"purpose"`
	// Authorizations names the authorizations on file the release is made
	// under; empty to search the client's (and, for a unit, each member's).
	Authorizations []string `json:"authorizations,omitempty"`
	Basis          string   `json:"basis"` // the legal basis as recorded; "" for the type's
	// A subpoena or court order: the court, the case and the deadline.
	Court         string `json:"court,omitempty"`
	Case          string `json:"case,omitempty"`
	Deadline      string `json:"deadline,omitempty"`
	AccessRequest string `json:"access_request,omitempty"` // an open access request this release fulfils (Type ToClient)
	MadeBy        string `json:"made_by"`                  // who makes the release; "" for the profile's clinician, else "the treating clinician"
}

// ReleaseScope is step 3: what the release includes.
type ReleaseScope struct {
	From     string       `json:"from,omitempty"` // session dates, YYYY-MM-DD, inclusive; "" for open
	To       string       `json:"to,omitempty"`
	Kinds    []notes.Kind `json:"kinds"`    // the kinds of note included (never notes.Psychotherapy: see PsychotherapyNotes)
	Addenda  bool         `json:"addenda"`  // include each note's addenda
	Consents bool         `json:"consents"` // include the consents on file
	// TreatmentPlan includes the current treatment plan (the latest signed
	// one up to To) even when it falls outside the dates or kinds.
	TreatmentPlan bool `json:"treatment_plan"`
	// PsychotherapyNotes includes psychotherapy notes in the dates: only
	// under a psychotherapy-notes authorization, or a court order that
	// names them.
	PsychotherapyNotes bool `json:"psychotherapy_notes"`
	// The clinical record of the dates (package clinical), each part on
	// its own: the diagnoses in effect, the sessions' dates, times and
	// service codes, the outcome measures given (with the risk
	// assessments that answered their flags), and the treatment plan
	// versions in effect, as a summary or in full. See release_clinical.go.
	Diagnoses bool                `json:"diagnoses"`
	Sessions  bool                `json:"sessions"`
	Measures  bool                `json:"measures"`
	Plans     clinical.PlanDetail `json:"plans,omitempty"`
}

// Release is one records release, driven step by step: NewRelease (who and
// why), CheckBasis, SetScope, SetEdits and Preview (what and how redacted),
// then Release (or Write and Record) once.
type Release struct {
	s        *Store
	req      ReleaseRequest
	client   *notes.Client
	scope    ReleaseScope
	edits    notes.Edits
	auths    []Authorization
	mapping  *disguise.Mapping
	rendered map[string]bool // the release ids Write has made, which Record accepts
	recorded *Manifest
}

// ReleaseTypes lists the request types a release can be made for, in menu
// order: the TYPEs of confidectl release.
var ReleaseTypes = []RequestType{ToClient, ByAuthorization, Subpoena, CourtOrder, Insurer, Supervision, MandatedReport}

// releaseTypes maps the ReleaseTypes to the profile that disguises their
// notes: third parties are redacted, and a supervision packet is disguised
// whole.
var releaseTypes = map[RequestType]disguise.Profile{
	ToClient: disguise.ThirdParty, ByAuthorization: disguise.ThirdParty, Subpoena: disguise.ThirdParty,
	CourtOrder: disguise.ThirdParty, Insurer: disguise.ThirdParty, Supervision: disguise.Consultation,
	MandatedReport: disguise.ThirdParty,
}

// NewRelease starts a release for req, with the minimum-necessary scope of
// its request type (see DefaultScope). It refuses a request that lacks
// what its type needs: a recipient, a purpose, the court and case of a
// subpoena or court order.
func (s *Store) NewRelease(req ReleaseRequest) (*Release, error) {
	profile, ok := releaseTypes[req.Type]
	if !ok {
		return nil, fmt.Errorf("%w: a release is for one of client, authorization, subpoena, court-order, insurer, supervision, mandated-report", ErrInvalid)
	}
	var missing []string
	if blank(req.Recipient) {
		missing = append(missing, "the recipient")
	}
	if blank(req.Purpose) {
		missing = append(missing, "the purpose")
	}
	if (req.Type == Subpoena || req.Type == CourtOrder) && (blank(req.Court) || blank(req.Case)) {
		missing = append(missing, "the court and case")
	}
	if missing != nil {
		return nil, missingError("release request", missing)
	}
	if err := checkOptionalDate("the deadline", req.Deadline); err != nil {
		return nil, err
	}
	if req.AccessRequest != "" && req.Type != ToClient {
		return nil, fmt.Errorf("%w: an access request is fulfilled by a release to the client", ErrInvalid)
	}
	if blank(req.MadeBy) {
		by, err := s.madeBy()
		if err != nil {
			return nil, err
		}
		req.MadeBy = by
	}
	if blank(req.Basis) {
		req.Basis = req.Type.Basis()
	}
	c, err := s.Client(req.ClientID)
	if err != nil {
		return nil, err
	}
	if req.UnitID != "" && !slices.ContainsFunc(c.Units, func(u notes.Unit) bool { return u.ID == req.UnitID }) {
		return nil, fmt.Errorf("%w: client %s is not a member of unit %s", ErrInvalid, req.ClientID, req.UnitID)
	}
	if req.AccessRequest != "" {
		err := s.v.Read(func(q vault.Querier) error {
			_, err := openAccessRequest(q, req.AccessRequest, req.ClientID)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	m, err := disguise.GenerateMapping(profile)
	if err != nil {
		return nil, err
	}
	r := &Release{s: s, req: req, client: c, mapping: m, rendered: map[string]bool{}}
	r.scope = DefaultScope(req.Type, Day(s.now()))
	return r, nil
}

// Request returns the request, with its defaults filled in.
func (r *Release) Request() ReleaseRequest { return r.req }

// Client returns the client whose record is released.
func (r *Release) Client() *notes.Client { return r.client }

// DefaultScope is the minimum-necessary scope of a request type on day
// today: the client's own request and a court's reach the whole designated
// record set, with the whole clinical record (diagnoses, sessions,
// measures, plans in full); an insurer, paying for services, gets the
// diagnoses, the sessions' dates and codes and a summary of the treatment
// plan, and no note; a supervisor the clinical notes, the diagnoses,
// measures and plan, disguised; a mandated report the progress and
// contact notes of the last 90 days. Addenda always follow their notes;
// psychotherapy notes are never in a default scope.
func DefaultScope(t RequestType, today string) ReleaseScope {
	all := []notes.Kind{notes.Intake, notes.Progress, notes.TreatmentPlan, notes.Contact, notes.Termination, notes.Other}
	switch t {
	case ToClient:
		return ReleaseScope{Kinds: all, Addenda: true, Consents: true, TreatmentPlan: true,
			Diagnoses: true, Sessions: true, Measures: true, Plans: clinical.PlanFull}
	case Insurer:
		return ReleaseScope{Addenda: true, Diagnoses: true, Sessions: true, Plans: clinical.PlanSummary}
	case Supervision:
		return ReleaseScope{Kinds: []notes.Kind{notes.Intake, notes.TreatmentPlan, notes.Progress}, Addenda: true, TreatmentPlan: true,
			Diagnoses: true, Measures: true, Plans: clinical.PlanFull}
	case MandatedReport:
		return ReleaseScope{From: AddDays(today, -90), Kinds: []notes.Kind{notes.Progress, notes.Contact}, Addenda: true}
	}
	return ReleaseScope{Kinds: all, Addenda: true, TreatmentPlan: true, Diagnoses: true, Sessions: true, Measures: true, Plans: clinical.PlanFull}
}

// Scope returns the current scope.
func (r *Release) Scope() ReleaseScope { return r.scope }

// SetScope replaces the scope. Psychotherapy notes are asked for with
// PsychotherapyNotes, never among Kinds; whether the basis allows them is
// CheckBasis's to say.
func (r *Release) SetScope(sc ReleaseScope) error {
	if err := checkOptionalDate("the start of the date range", sc.From); err != nil {
		return err
	}
	if err := checkOptionalDate("the end of the date range", sc.To); err != nil {
		return err
	}
	if sc.From != "" && sc.To != "" && sc.To < sc.From {
		return fmt.Errorf("%w: the date range ends (%s) before it starts (%s)", ErrInvalid, sc.To, sc.From)
	}
	for _, k := range sc.Kinds {
		if k == notes.Psychotherapy {
			return fmt.Errorf("%w: psychotherapy notes are included only with the psychotherapy-notes option", ErrInvalid)
		}
		if _, err := notes.ParseKind(string(k)); err != nil {
			return fmt.Errorf("%w: unknown note kind %q", ErrInvalid, k)
		}
	}
	plans, err := clinical.ParsePlanDetail(string(sc.Plans))
	if err != nil {
		return fmt.Errorf("%w: the treatment plan is included as summary or full, or not at all", ErrInvalid)
	}
	sc.Plans = plans
	if len(sc.Kinds) == 0 && !sc.TreatmentPlan && !sc.PsychotherapyNotes && !sc.Consents && !sc.HasClinical() {
		return fmt.Errorf("%w: the release includes nothing", ErrInvalid)
	}
	r.scope = sc
	r.scope.Kinds = slices.Clone(sc.Kinds)
	return nil
}

// SetEdits sets the clinician's review of the redactions: texts to leave
// (Keep) and texts to redact wherever they occur (Add).
func (r *Release) SetEdits(e notes.Edits) error {
	for _, m := range e.Add {
		if blank(m.Text) {
			return fmt.Errorf("%w: a text marked for redaction is empty", ErrInvalid)
		}
	}
	r.edits = notes.Edits{Keep: slices.Clone(e.Keep), Add: slices.Clone(e.Add)}
	return nil
}

// Edits returns the clinician's review of the redactions.
func (r *Release) Edits() notes.Edits { return r.edits }

// CheckBasis checks that the basis allows the release as scoped, on the
// store's today, and returns the authorizations it rests on (none for a
// legal basis). A refusal wraps ErrNotAuthorized and says why.
func (r *Release) CheckBasis() ([]Authorization, error) {
	req, sc := r.req, r.scope
	when := r.s.now()
	records := len(sc.Kinds) > 0 || sc.TreatmentPlan || sc.Consents || sc.HasClinical()
	refuse := func(format string, args ...any) ([]Authorization, error) {
		return nil, fmt.Errorf("%w: "+format, append([]any{ErrNotAuthorized}, args...)...)
	}
	if sc.PsychotherapyNotes {
		switch req.Type {
		case ToClient:
			return refuse("psychotherapy notes are not part of the record the right of access reaches (45 CFR 164.524(a)(1)(i))")
		case CourtOrder, ByAuthorization, Subpoena:
		default:
			return refuse("psychotherapy notes are released only under a psychotherapy-notes authorization or a court order that names them")
		}
	}
	part2 := r.client.Part2 && (req.Type == Subpoena || req.Type == Insurer)
	needAuth := func(scope Scope) bool {
		switch {
		case req.Type == ByAuthorization, len(req.Authorizations) > 0:
			return true
		case req.Type == CourtOrder, req.Type == Supervision, req.Type == MandatedReport, req.Type == ToClient:
			return false
		}
		return scope.PsychotherapyNotes || part2 || req.UnitID != ""
	}
	var used []Authorization
	for _, scope := range []Scope{{Records: records}, {PsychotherapyNotes: sc.PsychotherapyNotes}} {
		if (!scope.Records && !scope.PsychotherapyNotes) || !needAuth(scope) {
			continue
		}
		as, err := r.authorize(scope, when)
		if err != nil && part2 {
			return nil, fmt.Errorf("a 42 CFR Part 2 record needs the client's written consent for a %s (or a court order under 42 CFR 2.64): %w", req.Type, err)
		}
		if err != nil {
			return nil, err
		}
		used = append(used, as...)
	}
	if req.Type == ToClient && req.UnitID != "" {
		as, err := r.othersAuthorize(when)
		if err != nil {
			return nil, err
		}
		used = append(used, as...)
	}
	if req.Type == ByAuthorization && len(used) == 0 {
		return refuse("the release includes nothing an authorization could cover")
	}
	r.auths = used
	if blank(r.req.RecipientAddress) && len(used) > 0 {
		r.req.RecipientAddress = used[0].RecipientAddress // the address the authorization names
	}
	return used, nil
}

// basisText is the basis as the cover sheet and the accounting state it.
func (r *Release) basisText() string {
	req := r.req
	parts := []string{req.Basis}
	if req.Type == Subpoena || req.Type == CourtOrder {
		c := "court: " + req.Court + "; case: " + req.Case
		if req.Deadline != "" {
			c += "; to comply by " + req.Deadline
		}
		parts = append(parts, c)
		if r.scope.PsychotherapyNotes && req.Type == CourtOrder {
			parts = append(parts, "the order names psychotherapy notes")
		}
	}
	for _, a := range r.auths {
		parts = append(parts, fmt.Sprintf("authorization %s signed %s", a.ID, a.Signed))
	}
	if req.AccessRequest != "" {
		parts = append(parts, "access request "+req.AccessRequest)
	}
	return strings.Join(parts, "; ")
}

// authorize finds the authorizations that allow scope: one of those named
// (each tried in turn), or any on file.
func (r *Release) authorize(scope Scope, when time.Time) ([]Authorization, error) {
	req := r.req
	rc := ReleaseCheck{ClientID: req.ClientID, UnitID: req.UnitID, Recipient: req.Recipient, Scope: scope, When: when}
	if len(req.Authorizations) == 0 {
		return r.s.Authorize(rc)
	}
	var last error
	for _, id := range req.Authorizations {
		rc.Authorization = id
		as, err := r.s.Authorize(rc)
		if err == nil {
			return as, nil
		}
		if !errors.Is(err, ErrNotAuthorized) {
			return nil, err
		}
		last = err
	}
	return nil, last
}

// othersAuthorize checks, for the client's own request for a shared record,
// that every other member of the unit authorized the release.
func (r *Release) othersAuthorize(when time.Time) ([]Authorization, error) {
	rc := ReleaseCheck{ClientID: r.req.ClientID, Recipient: r.req.Recipient, Scope: Scope{Records: true}, When: when}
	var used []Authorization
	var lacking []string
	for _, u := range r.client.Units {
		if u.ID != r.req.UnitID {
			continue
		}
		for _, m := range u.Members {
			if m.ClientID == r.req.ClientID {
				continue
			}
			a, err := r.s.authorizationFor(m.ClientID, "", rc)
			if err != nil && !errors.Is(err, ErrNotAuthorized) {
				return nil, err
			}
			if err != nil {
				lacking = append(lacking, fmt.Sprintf("client %s (%s)", m.ClientID, strings.TrimPrefix(err.Error(), ErrNotAuthorized.Error()+": ")))
				continue
			}
			used = append(used, *a)
		}
	}
	if lacking != nil {
		return nil, fmt.Errorf("%w: the shared record needs every member's authorization; none valid for %s", ErrNotAuthorized, strings.Join(lacking, "; "))
	}
	return used, nil
}
