// Package demo fills a vault with a synthetic practice from notes/synth:
// believable clients, with family, employers, schools, minors with their
// guardians and a couple, and years of signed notes across every kind and
// template. It serves `confidectl demo`, the screenshots, and the
// benchmarks, which all need a practice that looks real and is not.
package demo

import (
	"fmt"
	"time"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/notes/synth"
	"github.com/confidenotes/confide/practice"
)

// Options say how big a practice to make.
type Options struct {
	Clients int
	Notes   int
	Seed    int64
	// Drafts is how many clients in treatment have their latest note
	// still unsigned.
	Drafts int
	// Unwritten is how many clients in treatment have a note opened for a
	// session two days ago and not yet written.
	Unwritten int
	// Today is the day the practice is seen from: two clients in three are
	// in active treatment with their last session in the fortnight before
	// it, and every note is dated, and speaks, as of its own session (see
	// synth.Caseload). The zero Today makes synth.Practice's practice.
	Today time.Time
}

// Result counts what Fill made.
type Result struct {
	Clients        int      `json:"clients"`
	Notes          int      `json:"notes"`
	Signed         int      `json:"signed"`
	Units          int      `json:"units"`
	Consents       int      `json:"consents"`
	Authorizations int      `json:"authorizations"`
	Requests       int      `json:"requests"`
	ClientIDs      []string `json:"-"` // in the order of the synthetic practice
}

// Profile is the demo practice's clinician. The NPI is the example of the
// CMS check-digit paper.
var Profile = practice.Profile{Name: "Jane Porter", Credentials: "LCSW", License: "R-071234", LicenseState: "NY",
	NPI: "1234567893", Practice: "Porter Counseling", Address: "12 Elm Street, Suite 3\nIthaca, NY 14850",
	Phone: "(607) 555-0142", TimeZone: "America/New_York", DefaultMinutes: 53, DefaultCode: "90837"}

// batch is how many notes go into one vault transaction.
const batch = 500

// Fill generates a practice and records it in s. The same options always
// give the same practice (ids aside). s must use clock, which Fill moves
// to each note's session so that created and signed times look real.
func Fill(s *notes.Store, clock *Clock, o Options) (*Result, error) {
	if o.Clients < 1 || o.Notes < o.Clients {
		return nil, fmt.Errorf("a practice needs at least one client and one note per client")
	}
	var p synth.Practice
	if o.Today.IsZero() {
		p = synth.New(o.Seed).Practice(o.Clients, o.Notes)
	} else {
		p = synth.New(o.Seed).Caseload(o.Clients, o.Notes, o.Today)
	}
	if prof, err := s.Practice().Profile(); err != nil {
		return nil, err
	} else if !prof.IsSet() { // notes are signed by the demo's clinician
		if err := s.Practice().SetProfile(Profile); err != nil {
			return nil, err
		}
	}
	first, last := spanOfCare(p)
	ids := make([]string, len(p.Clients))
	res := &Result{}
	for i, c := range p.Clients {
		clock.Set(first[i])
		added, err := s.AddClient(client(c, first[i], last[i], hasTermination(p, i)))
		if err != nil {
			return nil, fmt.Errorf("demo client %d: %w", i+1, err)
		}
		ids[i] = added.ID
		res.Clients++
	}
	for i, c := range p.Clients {
		if c.Partner > i {
			if _, err := s.AddUnit(notes.Couple, "", ids[i], ids[c.Partner]); err != nil {
				return nil, fmt.Errorf("demo couple: %w", err)
			}
			res.Units++
		}
	}
	res.ClientIDs = ids
	// The latest note of the first Drafts clients in treatment stays a
	// draft.
	unsigned := map[int]bool{}
	for i := range p.Clients {
		if len(unsigned) < o.Drafts && !hasTermination(p, i) {
			unsigned[i] = true
		}
	}
	remaining := map[int]int{}
	for _, n := range p.Notes {
		remaining[n.Client]++
	}
	for start := 0; start < len(p.Notes); start += batch {
		chunk := p.Notes[start:min(start+batch, len(p.Notes))]
		drafts := make([]notes.Draft, len(chunk))
		for i, n := range chunk {
			drafts[i] = draft(ids[n.Client], n)
		}
		clock.Set(chunk[len(chunk)-1].Date.Add(17 * time.Hour))
		made, err := s.NewDrafts(drafts)
		if err != nil {
			return nil, fmt.Errorf("demo notes: %w", err)
		}
		res.Notes += len(made)
		for i, n := range made {
			remaining[chunk[i].Client]--
			if remaining[chunk[i].Client] == 0 && unsigned[chunk[i].Client] {
				continue // the latest note is still being written
			}
			clock.Set(chunk[i].Date.Add(18 * time.Hour))
			if _, err := s.Sign(n.ID); err != nil {
				return nil, fmt.Errorf("demo sign: %w", err)
			}
			res.Signed++
		}
	}
	if err := unwritten(s, clock, p, ids, o); err != nil {
		return nil, err
	}
	return res, nil
}

// unwritten opens, for the last Unwritten clients in treatment, a progress
// note for a session two days before today, and writes nothing in it: the
// note the start page says is still to write.
func unwritten(s *notes.Store, clock *Clock, p synth.Practice, ids []string, o Options) error {
	if o.Today.IsZero() {
		return nil
	}
	day := o.Today.AddDate(0, 0, -2)
	left := o.Unwritten
	for i := len(p.Clients) - 1; i >= 0 && left > 0; i-- {
		if hasTermination(p, i) {
			continue
		}
		clock.Set(day.Add(15 * time.Hour))
		minutes, code := Profile.SessionDefaults()
		if _, err := s.NewDraft(notes.Draft{ClientID: ids[i], Kind: notes.Progress, Template: notes.SOAP,
			Session: notes.Session{Date: day.Format(notes.DateLayout), Start: "15:00", DurationMin: minutes, ServiceCode: code}}); err != nil {
			return fmt.Errorf("demo draft: %w", err)
		}
		left--
	}
	return nil
}

func spanOfCare(p synth.Practice) (first, last []time.Time) {
	first = make([]time.Time, len(p.Clients))
	last = make([]time.Time, len(p.Clients))
	for _, n := range p.Notes {
		if first[n.Client].IsZero() || n.Date.Before(first[n.Client]) {
			first[n.Client] = n.Date
		}
		if n.Date.After(last[n.Client]) {
			last[n.Client] = n.Date
		}
	}
	return first, last
}

func hasTermination(p synth.Practice, ci int) bool {
	for _, n := range p.Notes {
		if n.Client == ci && n.Kind == string(notes.Termination) {
			return true
		}
	}
	return false
}

func client(c synth.Client, first, last time.Time, closed bool) notes.Client {
	out := notes.Client{
		Name: c.Name(), Preferred: c.Preferred, Pronouns: c.Pronouns,
		DOB:    c.DOB.Format(notes.DateLayout),
		Phones: []string{c.Phone}, Emails: []string{c.Email}, Addresses: []string{c.Address()},
		Employer: c.Employer, School: c.School, Minor: c.Minor,
		Status:     notes.Active,
		IntakeDate: first.Format(notes.DateLayout), LastContact: last.Format(notes.DateLayout),
	}
	if closed {
		out.Status = notes.Closed
	}
	for _, r := range c.Related {
		p := notes.Person{Name: r.Name, Relation: r.Relation}
		if c.Minor && r.Name == c.Guardian {
			out.Guardians = append(out.Guardians, p)
			continue
		}
		out.Related = append(out.Related, p)
		if out.Emergency == nil && (r.Relation == "spouse" || r.Relation == "partner" || r.Relation == "mother" || r.Relation == "father") {
			e := p
			out.Emergency = &e
		}
	}
	return out
}

func draft(clientID string, n synth.Note) notes.Draft {
	tmpl := notes.Template(n.Template)
	secs := make([]notes.Section, len(n.Sections))
	for i, s := range n.Sections {
		secs[i] = notes.Section{Name: s.Heading, Text: s.Text}
	}
	if tmpl == notes.Free {
		// A free note keeps its headings inside its one section.
		secs = []notes.Section{{Name: "Note", Text: n.Text}}
	}
	return notes.Draft{ClientID: clientID, Kind: notes.Kind(n.Kind), Template: tmpl, Sections: secs, Session: session(n)}
}

// session is how a demo note's session was held and billed: an intake is
// 90791, a progress note a 53 or 45-minute session, a contact a short
// call; a psychotherapy note holds no session times, and a plan none.
func session(n synth.Note) notes.Session {
	s := notes.Session{Date: n.Date.Format(notes.DateLayout), Start: fmt.Sprintf("%02d:00", 9+n.Date.YearDay()%8)}
	switch notes.Kind(n.Kind) {
	case notes.Intake:
		s.DurationMin, s.ServiceCode = 60, "90791"
	case notes.Progress, notes.Termination:
		s.DurationMin, s.ServiceCode = 53, "90837"
		if n.Date.YearDay()%3 == 0 {
			s.DurationMin, s.ServiceCode = 45, "90834"
		}
	case notes.Contact:
		s.DurationMin = 15
	default:
		s.Start = ""
	}
	return s
}

// Clock is a settable clock for notes.WithClock, so that a generated
// practice has times that match its sessions.
type Clock struct{ t time.Time }

// NewClock returns a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Set moves the clock.
func (c *Clock) Set(t time.Time) { c.t = t }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return c.t }
