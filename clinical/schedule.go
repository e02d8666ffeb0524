package clinical

import (
	"fmt"
	"time"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// Schedule repeats a measure for a client every N sessions or every N
// months, from a start date.
type Schedule struct {
	ClientID      string `json:"client_id"`
	Instrument    string `json:"instrument"`
	EverySessions int    `json:"every_sessions,omitempty"`
	EveryMonths   int    `json:"every_months,omitempty"`
	Start         string `json:"start"`
}

// Describe says the schedule in words: "every 4 sessions", "monthly".
func (sc Schedule) Describe() string {
	switch {
	case sc.EverySessions == 1:
		return "every session"
	case sc.EverySessions > 1:
		return fmt.Sprintf("every %d sessions", sc.EverySessions)
	case sc.EveryMonths == 1:
		return "monthly"
	default:
		return fmt.Sprintf("every %d months", sc.EveryMonths)
	}
}

// SetSchedule sets (or replaces) when an instrument is repeated for a
// client: every N sessions or every N months, not both.
func (s *Store) SetSchedule(sc Schedule) error {
	in, err := InstrumentByID(sc.Instrument)
	if err != nil {
		return err
	}
	sc.Instrument = in.ID
	if (sc.EverySessions > 0) == (sc.EveryMonths > 0) || sc.EverySessions < 0 || sc.EveryMonths < 0 {
		return fmt.Errorf("%w: repeat every N sessions or every N months (one of them, above 0)", ErrInvalid)
	}
	if sc.EverySessions > 52 || sc.EveryMonths > 24 {
		return fmt.Errorf("%w: repeat at least every 52 sessions or every 24 months", ErrInvalid)
	}
	if err := checkDate("the start date", sc.Start); err != nil {
		return err
	}
	if _, err := s.client(sc.ClientID); err != nil {
		return err
	}
	return s.v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec(`INSERT INTO clinical_schedules(client_id, instrument, every_sessions, every_months, start_on)
			VALUES(?, ?, ?, ?, ?) ON CONFLICT(client_id, instrument) DO UPDATE SET every_sessions = excluded.every_sessions,
			every_months = excluded.every_months, start_on = excluded.start_on`,
			sc.ClientID, sc.Instrument, sc.EverySessions, sc.EveryMonths, sc.Start)
		return err
	})
}

// RemoveSchedule stops repeating an instrument for a client.
func (s *Store) RemoveSchedule(clientID, instrument string) error {
	return s.v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec("DELETE FROM clinical_schedules WHERE client_id = ? AND instrument = ?", clientID, instrument)
		return err
	})
}

// Schedules returns a client's schedules ("" for every client's).
func (s *Store) Schedules(clientID string) ([]Schedule, error) {
	var out []Schedule
	err := s.v.Read(func(q vault.Querier) error {
		rows, err := q.Query(`SELECT client_id, instrument, every_sessions, every_months, start_on FROM clinical_schedules
			WHERE ? = '' OR client_id = ? ORDER BY client_id, instrument`, clientID, clientID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sc Schedule
			if err := rows.Scan(&sc.ClientID, &sc.Instrument, &sc.EverySessions, &sc.EveryMonths, &sc.Start); err != nil {
				return err
			}
			out = append(out, sc)
		}
		return rows.Err()
	})
	return out, err
}

// sessionKinds are the notes that count as sessions for a schedule.
var sessionKinds = map[notes.Kind]bool{notes.Intake: true, notes.Progress: true, notes.TreatmentPlan: true, notes.Termination: true}

// Due is when a scheduled measure is next due.
type Due struct {
	Schedule
	LastGiven    string `json:"last_given,omitempty"`    // "" when never given
	Due          string `json:"due,omitempty"`           // the date it fell due; "" when not yet due (session schedules)
	SessionsLeft int    `json:"sessions_left,omitempty"` // sessions until due, for a session schedule not yet due
	IsDue        bool   `json:"is_due"`
}

// dueOn works out, on day today, whether the schedule's measure is due:
// a session schedule when N sessions (intake, progress, treatment-plan or
// termination notes) have taken place since it was last given (or since
// the start date, if never given); a monthly schedule when N months have
// passed since it was last given (or from the start date).
func dueOn(sc Schedule, last string, sessions []notes.Summary, today string) Due {
	d := Due{Schedule: sc, LastGiven: last}
	if sc.EveryMonths > 0 {
		from := sc.Start
		if last != "" {
			t, _ := time.Parse(DateLayout, last)
			from = Day(t.AddDate(0, sc.EveryMonths, 0))
		}
		d.Due, d.IsDue = from, today >= from
		return d
	}
	since := sc.Start
	if last != "" && last > since {
		since = last
	}
	n := 0
	latest := ""
	for _, m := range sessions {
		if sessionKinds[m.Kind] && m.Date > since && m.Date <= today {
			n++
			if m.Date > latest {
				latest = m.Date
			}
		}
	}
	if last == "" && today >= sc.Start {
		// Never given: due from the start, so that a baseline is taken.
		d.Due, d.IsDue = sc.Start, true
		return d
	}
	if n >= sc.EverySessions {
		d.Due, d.IsDue = latest, true
	} else {
		d.SessionsLeft = sc.EverySessions - n
	}
	return d
}

// DueMeasures lists a client's scheduled measures and whether each is due
// on day now.
func (s *Store) DueMeasures(clientID string, now time.Time) ([]Due, error) {
	scs, err := s.Schedules(clientID)
	if err != nil || len(scs) == 0 {
		return nil, err
	}
	sessions, err := s.notes.ListNotes(clientID)
	if err != nil {
		return nil, err
	}
	ms, err := s.Measures(clientID, "")
	if err != nil {
		return nil, err
	}
	last := map[string]string{}
	for _, m := range ms {
		if m.Date > last[m.Instrument] {
			last[m.Instrument] = m.Date
		}
	}
	var out []Due
	for _, sc := range scs {
		out = append(out, dueOn(sc, last[sc.Instrument], sessions, Day(now)))
	}
	return out, nil
}
