package notes

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/confidenotes/confide/vault"
)

// Retention rules, after the APA record keeping guidelines: records are
// kept 7 years after the last contact, and a minor's until 3 years after
// the age of majority (18) if that is later.
const (
	RuleAdult        = "adult: 7 years after last contact"
	RuleMinor        = "minor: 7 years after last contact or 3 years after age 18, whichever is later"
	RuleUnknown      = "no last contact recorded: keep"
	RuleMinorNoDOB   = "minor without a date of birth: keep"
	retentionYears   = 7
	majorityAge      = 18
	afterMajorityYrs = 3
)

// Retention is when a client's record may be destroyed.
type Retention struct {
	ClientID     string `json:"client_id"`
	LastContact  string `json:"last_contact,omitempty"`  // the latest of last contact, intake and session dates
	DestroyAfter string `json:"destroy_after,omitempty"` // "" when it cannot be known: keep
	Rule         string `json:"rule"`
	LegalHold    bool   `json:"legal_hold"`
}

// DueOn reports whether the record may be destroyed on day now: the day
// is after DestroyAfter and no legal hold blocks it.
func (r Retention) DueOn(now time.Time) bool {
	return r.DestroyAfter != "" && !r.LegalHold && now.Format(DateLayout) > r.DestroyAfter
}

// RetentionDate returns the date after which a record may be destroyed and
// the rule that gave it. lastContact and dob are YYYY-MM-DD or "" when
// unknown. A client counts as a minor when flagged so or when younger than
// 18 at the last contact. Anniversaries of 29 February fall on 1 March in
// common years: later, never earlier, than a day before.
func RetentionDate(lastContact, dob string, minor bool) (string, string) {
	last, err := time.Parse(DateLayout, lastContact)
	if err != nil {
		return "", RuleUnknown
	}
	after := last.AddDate(retentionYears, 0, 0)
	born, bornErr := time.Parse(DateLayout, dob)
	if bornErr == nil && last.Before(born.AddDate(majorityAge, 0, 0)) {
		minor = true
	}
	if !minor {
		return after.Format(DateLayout), RuleAdult
	}
	if bornErr != nil {
		return "", RuleMinorNoDOB
	}
	if m := born.AddDate(majorityAge, 0, 0).AddDate(afterMajorityYrs, 0, 0); m.After(after) {
		after = m
	}
	return after.Format(DateLayout), RuleMinor
}

const retentionQuery = `SELECT c.id, c.dob, c.minor, c.legal_hold,
	max(c.last_contact, c.intake_date, coalesce((SELECT max(n.session_date) FROM notes n WHERE n.client_id = c.id), ''))
	FROM clients c`

func scanRetention(sc interface{ Scan(...any) error }) (Retention, error) {
	var r Retention
	var dob string
	var minor bool
	if err := sc.Scan(&r.ClientID, &dob, &minor, &r.LegalHold, &r.LastContact); err != nil {
		return r, err
	}
	r.DestroyAfter, r.Rule = RetentionDate(r.LastContact, dob, minor)
	return r, nil
}

// Retention returns when the client's record may be destroyed.
func (s *Store) Retention(clientID string) (Retention, error) {
	var r Retention
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		r, err = retentionOf(q, clientID)
		return err
	})
	return r, err
}

func retentionOf(q vault.Querier, clientID string) (Retention, error) {
	if err := clientExists(q, clientID); err != nil {
		return Retention{}, err
	}
	return scanRetention(q.QueryRow(retentionQuery+" WHERE c.id = ?", clientID))
}

// DueForDestruction lists the records that may be destroyed on day now,
// oldest date first. Records under a legal hold are left out.
func (s *Store) DueForDestruction(now time.Time) ([]Retention, error) {
	var out []Retention
	err := s.v.Read(func(q vault.Querier) error {
		rows, err := q.Query(retentionQuery)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRetention(rows)
			if err != nil {
				return err
			}
			if r.DueOn(now) {
				out = append(out, r)
			}
		}
		return rows.Err()
	})
	sortRetention(out)
	return out, err
}

func sortRetention(rs []Retention) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].DestroyAfter < rs[j-1].DestroyAfter; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// Destruction is what Destroy removed, as the event log records it: no
// names, no text.
type Destruction struct {
	ClientID     string `json:"client_id"`
	Rule         string `json:"rule"`
	DestroyAfter string `json:"destroy_after"`
	Notes        int    `json:"notes"`
	Addenda      int    `json:"addenda"`
	People       int    `json:"people"`
}

// Destroy removes a client whose retention period has passed, on day now:
// the client, related people, unit memberships, notes and addenda, and
// their entries in the search index. A "client.destroyed" event records
// what went, when and under which rule. The vault is then compacted, so
// that neither the snapshot nor the journal holds the content any more.
// It fails with ErrLegalHold or ErrNotDue and changes nothing.
func (s *Store) Destroy(clientID string, now time.Time) (*Destruction, error) {
	var d *Destruction
	err := s.v.Update(func(tx *vault.Tx) error {
		r, err := retentionOf(tx, clientID)
		if err != nil {
			return err
		}
		if r.LegalHold {
			return ErrLegalHold
		}
		if !r.DueOn(now) {
			return ErrNotDue
		}
		d = &Destruction{ClientID: clientID, Rule: r.Rule, DestroyAfter: r.DestroyAfter}
		if err := tx.QueryRow(`SELECT count(*) FILTER (WHERE parent_id IS NULL), count(*) FILTER (WHERE parent_id IS NOT NULL)
			FROM notes WHERE client_id = ?`, clientID).Scan(&d.Notes, &d.Addenda); err != nil {
			return err
		}
		if err := tx.QueryRow("SELECT count(*) FROM client_people WHERE client_id = ?", clientID).Scan(&d.People); err != nil {
			return err
		}
		if err := destroyRows(tx, clientID, now.Format(DateLayout)); err != nil {
			return err
		}
		data, err := json.Marshal(d)
		if err != nil {
			return err
		}
		_, err = tx.Append(vault.Event{At: now, Kind: EventDestroyed, Subject: clientID, Data: data})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("destroy: %w", err)
	}
	if err := s.v.Compact(); err != nil {
		return d, fmt.Errorf("destroyed, but the snapshot was not rewritten (%w); it will be at the next compaction", err)
	}
	return d, nil
}

// destroyRows deletes everything of a client. Addenda go before the notes
// they reference; the notes' delete trigger removes their index entries.
func destroyRows(tx *vault.Tx, clientID, today string) error {
	if _, err := tx.Exec("INSERT INTO destruction_pending(client_id, on_date) VALUES(?, ?)", clientID, today); err != nil {
		return err
	}
	for _, stmt := range []string{
		"DELETE FROM consultation_notes WHERE consultation_id IN (SELECT id FROM consultations WHERE client_id = ?1)",
		"DELETE FROM consultations WHERE client_id = ?1",
		"DELETE FROM addendum_drafts WHERE note_id IN (SELECT id FROM notes WHERE client_id = ?1)",
		"DELETE FROM client_drafts WHERE client_id = ?1 AND ?1 <> ''",
		"DELETE FROM notes WHERE client_id = ?1 AND parent_id IS NOT NULL",
		"DELETE FROM notes WHERE client_id = ?1",
		"DELETE FROM client_people WHERE client_id = ?1",
		"DELETE FROM unit_members WHERE client_id = ?1",
		"DELETE FROM units WHERE id IN (SELECT id FROM units EXCEPT SELECT unit_id FROM unit_members) AND ?1 <> ''",
		"DELETE FROM clients WHERE id = ?1",
		"DELETE FROM destruction_pending WHERE client_id = ?1",
		// Rewrite the search index without the deleted notes' entries, so
		// that none of their words survive in an old segment.
		"INSERT INTO note_search(note_search) SELECT 'optimize' WHERE ?1 <> ''",
	} {
		if _, err := tx.Exec(stmt, clientID); err != nil {
			return err
		}
	}
	return nil
}
