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
)

// Options say how big a practice to make.
type Options struct {
	Clients int
	Notes   int
	Seed    int64
	// Drafts is how many of each client's latest notes stay unsigned.
	Drafts int
	// Today is the day the practice is seen from: two clients in three are
	// in active treatment with their last session in the fortnight before it.
	Today time.Time
}

// Result counts what Fill made.
type Result struct {
	Clients int `json:"clients"`
	Notes   int `json:"notes"`
	Signed  int `json:"signed"`
	Units   int `json:"units"`
}

// batch is how many notes go into one vault transaction.
const batch = 500

// Fill generates a practice and records it in s. The same options always
// give the same practice (ids aside). s must use clock, which Fill moves
// to each note's session so that created and signed times look real.
func Fill(s *notes.Store, clock *Clock, o Options) (*Result, error) {
	if o.Clients < 1 || o.Notes < o.Clients {
		return nil, fmt.Errorf("a practice needs at least one client and one note per client")
	}
	p := synth.New(o.Seed).Practice(o.Clients, o.Notes)
	if !o.Today.IsZero() {
		p = activeCaseload(p, o.Today)
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
			if remaining[chunk[i].Client] < o.Drafts {
				continue // the latest notes are still being written
			}
			clock.Set(chunk[i].Date.Add(18 * time.Hour))
			if _, err := s.Sign(n.ID); err != nil {
				return nil, fmt.Errorf("demo sign: %w", err)
			}
			res.Signed++
		}
	}
	return res, nil
}

// activeCaseload turns two clients in three into clients still in
// treatment: their termination notes are left out and their care is moved
// to end in the fortnight before today. The others keep their dates.
func activeCaseload(p synth.Practice, today time.Time) synth.Practice {
	active := func(ci int) bool { return ci%3 != 2 }
	kept := p.Notes[:0:0]
	for _, n := range p.Notes {
		if !(active(n.Client) && n.Kind == string(notes.Termination)) {
			kept = append(kept, n)
		}
	}
	p.Notes = kept
	_, last := spanOfCare(p)
	for i := range p.Notes {
		ci := p.Notes[i].Client
		if active(ci) && !last[ci].IsZero() {
			end := today.AddDate(0, 0, -1-ci%14)
			p.Notes[i].Date = p.Notes[i].Date.Add(end.Sub(last[ci]).Truncate(24 * time.Hour))
		}
	}
	return p
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
	start := 9 + n.Date.YearDay()%8
	return notes.Draft{
		ClientID: clientID, Kind: notes.Kind(n.Kind), Template: tmpl, Sections: secs,
		Session: notes.Session{Date: n.Date.Format(notes.DateLayout), Start: fmt.Sprintf("%02d:00", start), DurationMin: 53, ServiceCode: "90837"},
	}
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
