package consent

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/confidenotes/confide/notes"
)

// RequestWarningDays is how many days before its deadline an open request
// needs attention.
const RequestWarningDays = 7

// DraftAge is how old an unsigned draft gets before it needs attention.
const DraftAge = 24 * time.Hour

// What an attention item is about, and so where a screen opens it.
const (
	AttentionDraft         = "draft"         // Record is a note written and not signed
	AttentionUnwritten     = "unwritten"     // Record is a note not yet written for its session
	AttentionConsent       = "consent"       // Record is the client: consents to record
	AttentionAuthorization = "authorization" // Record is an authorization
	AttentionRequest       = "request"       // Record is a request for access or amendment
	AttentionSafety        = "safety"        // Record is a record of breaking confidentiality
	AttentionIncident      = "incident"      // Record is a privacy incident
)

// Attention is something that needs the clinician: a note to write or
// sign, a deadline coming or passed, an authorization about to lapse, a
// record left incomplete.
type Attention struct {
	ClientID string `json:"client_id,omitempty"` // "" for a practice-wide item
	Record   string `json:"record"`              // the id of the record concerned
	Kind     string `json:"kind"`                // what the record is: one of the Attention... constants
	Due      string `json:"due,omitempty"`       // YYYY-MM-DD, when there is a deadline
	Overdue  bool   `json:"overdue"`
	What     string `json:"what"` // one sentence, without names or clinical text
}

// IsNote reports whether the item is about a note (to write or to sign),
// rather than a consent record.
func (a Attention) IsNote() bool { return a.Kind == AttentionDraft || a.Kind == AttentionUnwritten }

// NeedsAttention lists what needs the clinician on day now, for one client
// or, with clientID "", for every active client and the practice: notes
// not yet written for their session and drafts left unsigned for more than
// DraftAge, the consents a client still lacks (one item per client),
// authorizations about to expire or incomplete, requests near their
// deadline, safety deadlines and privacy incidents; overdue first, then by
// due date.
func (s *Store) NeedsAttention(clientID string, now time.Time) ([]Attention, error) {
	today := Day(now)
	clients := []string{clientID}
	if clientID == "" {
		cs, err := s.notes.ListClients(notes.ClientFilter{Status: notes.Active})
		if err != nil {
			return nil, err
		}
		clients = clients[:0]
		for _, c := range cs {
			clients = append(clients, c.ID)
		}
	}
	out, err := s.noteAttention(clientID, now)
	if err != nil {
		return nil, err
	}
	for _, c := range clients {
		items, err := s.clientAttention(c, today)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
	}
	incidents, err := s.Incidents()
	if err != nil {
		return nil, err
	}
	for _, in := range incidents {
		out = append(out, incidentAttention(&in, clientID, today)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Overdue != out[j].Overdue {
			return out[i].Overdue
		}
		return out[i].Due < out[j].Due
	})
	return out, nil
}

// noteAttention lists the notes to write or sign: drafts of active
// clients (of clientID alone, unless it is "") created more than DraftAge
// before now.
func (s *Store) noteAttention(clientID string, now time.Time) ([]Attention, error) {
	drafts, err := s.notes.UnfinishedNotes(now.Add(-DraftAge))
	if err != nil {
		return nil, err
	}
	var out []Attention
	for _, d := range drafts {
		if clientID != "" && d.ClientID != clientID {
			continue
		}
		a := Attention{ClientID: d.ClientID, Record: d.NoteID, Kind: AttentionDraft,
			What: fmt.Sprintf("%s of %s is not signed yet", noteKindName(d.Kind), d.Date)}
		if d.Blank {
			a.Kind, a.What = AttentionUnwritten, fmt.Sprintf("%s for the session of %s is not written yet", noteKindName(d.Kind), d.Date)
		}
		out = append(out, a)
	}
	return out, nil
}

// noteKindName names a kind of note in a sentence: "progress note".
func noteKindName(k notes.Kind) string {
	switch k {
	case notes.TreatmentPlan:
		return "treatment plan"
	case notes.Psychotherapy:
		return "psychotherapy note"
	case notes.Other:
		return "note"
	}
	return string(k) + " note"
}

func (s *Store) clientAttention(clientID, today string) ([]Attention, error) {
	var out []Attention
	cons, err := s.Consents(clientID)
	if err != nil {
		return nil, err
	}
	has := map[ConsentType]bool{}
	for _, c := range cons {
		has[c.Type] = true
	}
	var missing []string
	if !has[InformedConsent] {
		missing = append(missing, "informed consent")
	}
	if !has[LimitsOfConfidentiality] {
		missing = append(missing, "the date the limits of confidentiality were explained")
	}
	if missing != nil {
		out = append(out, Attention{ClientID: clientID, Record: clientID, Kind: AttentionConsent,
			What: "consent to record: " + strings.Join(missing, " and ")})
	}
	auths, err := s.Authorizations(clientID)
	if err != nil {
		return nil, err
	}
	for _, a := range auths {
		switch a.StatusOn(today) {
		case StatusExpiring:
			out = append(out, Attention{ClientID: clientID, Record: a.ID, Kind: AttentionAuthorization, Due: a.Expires,
				What: "authorization expires in " + plural(daysBetween(today, a.Expires), "day")})
		case StatusIncomplete:
			if a.Revoked == "" {
				out = append(out, Attention{ClientID: clientID, Record: a.ID, Kind: AttentionAuthorization,
					What: "authorization is incomplete and cannot authorize a release"})
			}
		}
	}
	reqs, err := s.Requests(clientID)
	if err != nil {
		return nil, err
	}
	for _, r := range reqs {
		if r.Closed == "" && r.DaysLeft(today) <= RequestWarningDays {
			out = append(out, Attention{ClientID: clientID, Record: r.ID, Kind: AttentionRequest, Due: r.Due, Overdue: r.Overdue(today),
				What: fmt.Sprintf("%s request is due", r.Kind)})
		}
	}
	safety, err := s.SafetyRecords(clientID)
	if err != nil {
		return nil, err
	}
	for _, r := range safety {
		if r.Deadline != "" && today <= r.Deadline {
			out = append(out, Attention{ClientID: clientID, Record: r.ID, Kind: AttentionSafety, Due: r.Deadline, What: fmt.Sprintf("%s has a deadline", r.Type)})
		}
	}
	day, _ := ParseDate(today)
	clin, err := s.clinical.Attention(clientID, day)
	if err != nil {
		return nil, err
	}
	for _, a := range clin { // risk flags, measures due, plan reviews
		out = append(out, Attention{ClientID: a.ClientID, Record: a.Record, Kind: a.Kind, Due: a.Due, Overdue: a.Overdue, What: a.What})
	}
	return out, nil
}

func incidentAttention(in *Incident, clientID, today string) []Attention {
	involved := clientID == ""
	for _, c := range in.ClientIDs {
		involved = involved || c == clientID
	}
	if !involved {
		return nil
	}
	var out []Attention
	if by := in.NotifyBy(); by != "" {
		for _, c := range in.Unnotified() {
			if clientID == "" || c == clientID {
				out = append(out, Attention{ClientID: c, Record: in.ID, Kind: AttentionIncident, Due: by, Overdue: today > by, What: "client not yet notified of a privacy incident"})
			}
		}
	}
	if in.InsurerTold == "" && !in.SafeHarbour() {
		out = append(out, Attention{Record: in.ID, Kind: AttentionIncident, What: "liability insurer not yet contacted about a privacy incident"})
	}
	return out
}

// AuthorizationStatus is an authorization with its status on a given day.
type AuthorizationStatus struct {
	Authorization
	Status  Status   `json:"status"`
	Missing []string `json:"missing,omitempty"`
}

// Summary is what a client's consent screen shows on one day.
type Summary struct {
	ClientID       string                `json:"client_id"`
	Day            string                `json:"day"`
	Consents       []Consent             `json:"consents"`
	Authorizations []AuthorizationStatus `json:"authorizations"`
	OpenRequests   []Request             `json:"open_requests"`
	Disclosures    int                   `json:"disclosures"`
	Accountable    int                   `json:"accountable"` // in the accounting of the past six years
	Attention      []Attention           `json:"attention"`
}

// ClientSummary gathers a client's consents, authorizations with their
// status, open requests, counts of disclosures and what needs attention,
// on day now.
func (s *Store) ClientSummary(clientID string, now time.Time) (*Summary, error) {
	if _, err := s.Client(clientID); err != nil {
		return nil, err
	}
	sum := &Summary{ClientID: clientID, Day: Day(now)}
	var err error
	if sum.Consents, err = s.Consents(clientID); err != nil {
		return nil, err
	}
	auths, err := s.Authorizations(clientID)
	if err != nil {
		return nil, err
	}
	for _, a := range auths {
		sum.Authorizations = append(sum.Authorizations, AuthorizationStatus{Authorization: a, Status: a.StatusOn(sum.Day), Missing: a.Missing()})
	}
	reqs, err := s.Requests(clientID)
	if err != nil {
		return nil, err
	}
	for _, r := range reqs {
		if r.Closed == "" {
			sum.OpenRequests = append(sum.OpenRequests, r)
		}
	}
	all, err := s.Disclosures(clientID)
	if err != nil {
		return nil, err
	}
	acc, err := s.Accounting(clientID, now)
	if err != nil {
		return nil, err
	}
	sum.Disclosures, sum.Accountable = len(all), len(acc)
	items, err := s.NeedsAttention(clientID, now)
	if err != nil {
		return nil, err
	}
	for _, a := range items { // the consent screen's own; notes to finish are the notes tab's
		if !a.IsNote() {
			sum.Attention = append(sum.Attention, a)
		}
	}
	return sum, nil
}

// plural says "1 day", "17 days".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
