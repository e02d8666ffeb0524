package clinical

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/confidenotes/confide/practice"
	"github.com/confidenotes/confide/vault"
)

// A treatment plan is a client's problems, measurable goals with their
// objectives, target dates and interventions, and a review date. It is a
// draft until signed; a signed plan is frozen (by the API and by SQL
// triggers) and changes only by a new version that supersedes it. Every
// version stays in the record.

// PlanInput is the content of a plan, and the JSON shape of the file that
// 'confidectl plan add --file' reads (docs/cli.md).
type PlanInput struct {
	Supersedes string    `json:"supersedes,omitempty"` // the signed plan this version replaces
	ReviewDate string    `json:"review_date"`          // YYYY-MM-DD
	Problems   []Problem `json:"problems"`
}

// Problem is a problem the plan addresses, with its goals.
type Problem struct {
	ID    string `json:"id,omitempty"` // made when empty
	Text  string `json:"text"`
	Goals []Goal `json:"goals"`
}

// Goal is a measurable goal: measured by an instrument's target, by its
// objectives, or both. A goal keeps its id across versions of the plan,
// so that its history reaches back through them.
type Goal struct {
	ID            string       `json:"id,omitempty"` // made when empty
	Text          string       `json:"text"`
	TargetDate    string       `json:"target_date,omitempty"`
	Measure       *GoalMeasure `json:"measure,omitempty"`
	Objectives    []Objective  `json:"objectives,omitempty"`
	Interventions []string     `json:"interventions,omitempty"`
}

// GoalMeasure ties a goal to an instrument: met when the total is at or
// below Target.
type GoalMeasure struct {
	Instrument string `json:"instrument"`
	Target     int    `json:"target"`
}

// Objective is a measurable step toward a goal.
type Objective struct {
	Text       string `json:"text"`
	TargetDate string `json:"target_date,omitempty"`
}

// Plan is a version of a client's treatment plan.
type Plan struct {
	ID       string `json:"id"`
	ClientID string `json:"client_id"`
	Version  int    `json:"version"`
	PlanInput
	Created      time.Time `json:"created"`
	Updated      time.Time `json:"updated"`
	SignedAt     time.Time `json:"signed_at,omitzero"`
	SignedBy     string    `json:"signed_by,omitempty"`
	Hash         string    `json:"content_hash,omitempty"`
	SupersededBy string    `json:"superseded_by,omitempty"` // the signed version that replaced it
}

// Signed reports whether the plan is signed and frozen.
func (p *Plan) Signed() bool { return p.Hash != "" }

// Goal returns the plan's goal with the given id, and its problem.
func (p *Plan) Goal(id string) (*Goal, *Problem) {
	for i := range p.Problems {
		for j := range p.Problems[i].Goals {
			if p.Problems[i].Goals[j].ID == id {
				return &p.Problems[i].Goals[j], &p.Problems[i]
			}
		}
	}
	return nil, nil
}

// Goals returns every goal of the plan, in order.
func (p *Plan) Goals() []Goal {
	var out []Goal
	for _, pr := range p.Problems {
		out = append(out, pr.Goals...)
	}
	return out
}

var planIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$`)

// check validates a plan's content and fills the ids left empty.
func (in *PlanInput) check() error {
	if err := checkDate("the review date", in.ReviewDate); err != nil {
		return err
	}
	if len(in.Problems) == 0 {
		return fmt.Errorf("%w: a plan needs at least one problem", ErrInvalid)
	}
	seen := map[string]bool{}
	id := func(what, v, prefix string) (string, error) {
		if v == "" {
			v = newID(prefix)
		}
		if !planIDPattern.MatchString(v) {
			return "", fmt.Errorf("%w: %s id %q must be letters, digits, '.', '_' or '-' (at most 40)", ErrInvalid, what, v)
		}
		if seen[v] {
			return "", fmt.Errorf("%w: id %q is used twice in the plan", ErrInvalid, v)
		}
		seen[v] = true
		return v, nil
	}
	var err error
	for i := range in.Problems {
		p := &in.Problems[i]
		if blank(p.Text) {
			return fmt.Errorf("%w: problem %d has no text", ErrInvalid, i+1)
		}
		if p.ID, err = id("problem", p.ID, "p-"); err != nil {
			return err
		}
		if len(p.Goals) == 0 {
			return fmt.Errorf("%w: problem %d needs at least one goal", ErrInvalid, i+1)
		}
		for j := range p.Goals {
			g := &p.Goals[j]
			where := fmt.Sprintf("goal %d of problem %d", j+1, i+1)
			if blank(g.Text) {
				return fmt.Errorf("%w: %s has no text", ErrInvalid, where)
			}
			if g.ID, err = id("goal", g.ID, "g-"); err != nil {
				return err
			}
			if err := checkOptionalDate("the target date of "+where, g.TargetDate); err != nil {
				return err
			}
			if g.Measure == nil && len(g.Objectives) == 0 {
				return fmt.Errorf("%w: %s is not measurable: give it a measure target or an objective", ErrInvalid, where)
			}
			if g.Measure != nil {
				instr, err := InstrumentByID(g.Measure.Instrument)
				if err != nil {
					return err
				}
				g.Measure.Instrument = instr.ID
				if g.Measure.Target < 0 || g.Measure.Target > instr.MaxTotal() {
					return fmt.Errorf("%w: the %s target of %s must be 0 to %d", ErrInvalid, instr.Name, where, instr.MaxTotal())
				}
			}
			for k, o := range g.Objectives {
				if blank(o.Text) {
					return fmt.Errorf("%w: objective %d of %s has no text", ErrInvalid, k+1, where)
				}
				if err := checkOptionalDate(fmt.Sprintf("the target date of objective %d of %s", k+1, where), o.TargetDate); err != nil {
					return err
				}
			}
			for k, iv := range g.Interventions {
				if blank(iv) {
					return fmt.Errorf("%w: intervention %d of %s is empty", ErrInvalid, k+1, where)
				}
			}
		}
	}
	return nil
}

// body is what the body column holds.
func (in *PlanInput) body() string { return mustJSON(in.Problems) }

// hashVersion names the canonical encoding of a plan.
const planHashVersion = "confide-plan-v1"

// PlanHash is the SHA-256 of a plan's canonical encoding, which signing
// freezes: these fields, each as its length (unsigned LEB128 varint) and
// its bytes: "confide-plan-v1", id, client id, version (decimal),
// supersedes ("" for none), review date, and the problems as compact JSON
// (fields in the order of the Problem, Goal, GoalMeasure and Objective
// types). The signing time and signer are stored beside it.
func PlanHash(p *Plan) [sha256.Size]byte {
	var b []byte
	for _, f := range []string{planHashVersion, p.ID, p.ClientID, strconv.Itoa(p.Version), p.Supersedes, p.ReviewDate, p.body()} {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	return sha256.Sum256(b)
}

// Event kinds this package appends to the vault's log.
const EventPlanSigned = "plan.signed"

const planColumns = `id, client_id, version, coalesce(supersedes, ''), body, review_on, created_at, updated_at,
	coalesce(signed_at, ''), signed_by, content_hash,
	coalesce((SELECT n.id FROM clinical_plans n WHERE n.supersedes = clinical_plans.id AND n.signed_at IS NOT NULL), '')`

func scanPlan(sc interface{ Scan(...any) error }) (*Plan, error) {
	var p Plan
	var body, created, updated, signed string
	var hash []byte
	if err := sc.Scan(&p.ID, &p.ClientID, &p.Version, &p.Supersedes, &body, &p.ReviewDate, &created, &updated,
		&signed, &p.SignedBy, &hash, &p.SupersededBy); err != nil {
		return nil, err
	}
	if err := jsonDecode(body, &p.Problems); err != nil {
		return nil, fmt.Errorf("plan %s: %w", p.ID, err)
	}
	p.Created, p.Updated = parseStamp(created), parseStamp(updated)
	if signed != "" {
		p.SignedAt, p.Hash = parseStamp(signed), hex.EncodeToString(hash)
	}
	return &p, nil
}

func getPlan(q vault.Querier, id string) (*Plan, error) {
	p, err := scanPlan(q.QueryRow("SELECT "+planColumns+" FROM clinical_plans WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("plan", id)
	}
	return p, err
}

// Plan returns one version of a plan.
func (s *Store) Plan(id string) (*Plan, error) {
	var p *Plan
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		p, err = getPlan(q, id)
		return err
	})
	return p, err
}

// Plans returns every version of a client's plans, oldest first.
func (s *Store) Plans(clientID string) ([]Plan, error) {
	if _, err := s.client(clientID); err != nil {
		return nil, err
	}
	var out []Plan
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		out, err = plans(q, clientID)
		return err
	})
	return out, err
}

func plans(q vault.Querier, clientID string) ([]Plan, error) {
	rows, err := q.Query("SELECT "+planColumns+" FROM clinical_plans WHERE client_id = ? ORDER BY seq", clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Plan
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}

// CurrentPlan returns the client's signed plan that no signed version has
// superseded, or nil when there is none.
func (s *Store) CurrentPlan(clientID string) (*Plan, error) {
	ps, err := s.Plans(clientID)
	if err != nil {
		return nil, err
	}
	return currentOf(ps), nil
}

func currentOf(ps []Plan) *Plan {
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].Signed() && ps[i].SupersededBy == "" {
			return &ps[i]
		}
	}
	return nil
}

// AddPlan creates a draft plan. With in.Supersedes it is the next version
// of that signed plan; without, it starts the client's plan, and is
// refused while the client has a current plan (revise that one instead).
func (s *Store) AddPlan(clientID string, in PlanInput) (*Plan, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	if _, err := s.client(clientID); err != nil {
		return nil, err
	}
	now := s.now().UTC()
	p := &Plan{ID: newID("pl-"), ClientID: clientID, Version: 1, PlanInput: in, Created: now, Updated: now}
	err := s.v.Update(func(tx *vault.Tx) error {
		all, err := plans(tx, clientID)
		if err != nil {
			return err
		}
		if in.Supersedes == "" {
			if cur := currentOf(all); cur != nil {
				return fmt.Errorf("%w: the client's current plan is %s; revise it (supersedes) instead of starting another", ErrInvalid, cur.ID)
			}
		} else {
			old, err := getPlan(tx, in.Supersedes)
			if err != nil {
				return err
			}
			if old.ClientID != clientID {
				return fmt.Errorf("%w: plan %s belongs to another client", ErrInvalid, old.ID)
			}
			if !old.Signed() {
				return fmt.Errorf("%w: %s is a draft; edit it instead of superseding it", ErrNotSigned, old.ID)
			}
			if old.SupersededBy != "" {
				return ErrSuperseded
			}
			p.Version = old.Version + 1
		}
		var supersedes any
		if in.Supersedes != "" {
			supersedes = in.Supersedes
		}
		_, err = tx.Exec(`INSERT INTO clinical_plans(id, client_id, version, supersedes, body, review_on, created_at, updated_at)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, p.ClientID, p.Version, supersedes, in.body(), in.ReviewDate, stamp(now), stamp(now))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("add plan: %w", err)
	}
	p.Created, p.Updated = parseStamp(stamp(now)), parseStamp(stamp(now))
	return p, nil
}

// RevisePlan starts the next version of a signed plan: a draft with the
// same content that supersedes it once signed.
func (s *Store) RevisePlan(id string) (*Plan, error) {
	old, err := s.Plan(id)
	if err != nil {
		return nil, err
	}
	in := old.PlanInput
	in.Supersedes = old.ID
	return s.AddPlan(old.ClientID, in)
}

// UpdatePlan replaces the content of a draft plan (its supersedes link
// stays). A signed plan is refused with ErrSigned.
func (s *Store) UpdatePlan(id string, in PlanInput) error {
	if err := in.check(); err != nil {
		return err
	}
	return s.v.Update(func(tx *vault.Tx) error {
		p, err := getPlan(tx, id)
		if err != nil {
			return err
		}
		if p.Signed() {
			return ErrSigned
		}
		_, err = tx.Exec(`UPDATE clinical_plans SET body = ?, review_on = ?, updated_at = ? WHERE id = ? AND signed_at IS NULL`,
			in.body(), in.ReviewDate, stamp(s.now()), id)
		return err
	})
}

// DeleteDraftPlan removes a draft plan. Signed plans cannot be deleted.
func (s *Store) DeleteDraftPlan(id string) error {
	return s.v.Update(func(tx *vault.Tx) error {
		p, err := getPlan(tx, id)
		if err != nil {
			return err
		}
		if p.Signed() {
			return ErrSigned
		}
		_, err = tx.Exec("DELETE FROM clinical_plans WHERE id = ? AND signed_at IS NULL", id)
		return err
	})
}

// planSignedEvent is the Data of a "plan.signed" event: ids and the hash.
type planSignedEvent struct {
	Client     string `json:"client"`
	Supersedes string `json:"supersedes,omitempty"`
	Hash       string `json:"hash"`
}

// SignPlan freezes a draft plan: its content hash, the signing time and
// who signed (by, or when by is blank the practice profile's signature
// name, "Jane Porter, LCSW", as a note records it) are stored, and a
// "plan.signed" event goes to the vault's hash-chained log. The plan it supersedes, if any, is superseded from
// then on; a plan already superseded cannot be superseded again.
func (s *Store) SignPlan(id, by string) (*Plan, error) {
	var p *Plan
	err := s.v.Update(func(tx *vault.Tx) error {
		var err error
		if p, err = getPlan(tx, id); err != nil {
			return err
		}
		if p.Signed() {
			return ErrSigned
		}
		if p.Supersedes != "" {
			old, err := getPlan(tx, p.Supersedes)
			if err != nil {
				return err
			}
			if old.SupersededBy != "" {
				return ErrSuperseded
			}
		}
		if by = strings.TrimSpace(by); by == "" {
			prof, err := practice.Read(tx)
			if err != nil {
				return err
			}
			by = prof.SignatureName()
		}
		h := PlanHash(p)
		p.SignedAt, p.SignedBy, p.Hash = s.now().UTC(), by, hex.EncodeToString(h[:])
		if _, err := tx.Exec(`UPDATE clinical_plans SET signed_at = ?, signed_by = ?, content_hash = ? WHERE id = ? AND signed_at IS NULL`,
			stamp(p.SignedAt), p.SignedBy, h[:], id); err != nil {
			return err
		}
		data, _ := json.Marshal(planSignedEvent{Client: p.ClientID, Supersedes: p.Supersedes, Hash: p.Hash})
		_, err = tx.Append(vault.Event{At: p.SignedAt, Kind: EventPlanSigned, Subject: p.ID, Data: data})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sign plan: %w", err)
	}
	p.SignedAt = parseStamp(stamp(p.SignedAt))
	return p, nil
}

// VerifyPlan recomputes a signed plan's hash and checks it against the
// stored one and the one in the event log: ErrTampered when either
// differs, ErrNotSigned for a draft.
func (s *Store) VerifyPlan(id string) error {
	return s.v.Read(func(q vault.Querier) error {
		p, err := getPlan(q, id)
		if err != nil {
			return err
		}
		if !p.Signed() {
			return ErrNotSigned
		}
		h := PlanHash(p)
		stored, _ := hex.DecodeString(p.Hash)
		if !bytes.Equal(h[:], stored) {
			return fmt.Errorf("%w (plan %s)", ErrTampered, id)
		}
		evs, err := vault.Events(q, "plan.", id)
		if err != nil {
			return err
		}
		for _, e := range evs {
			var ev planSignedEvent
			if json.Unmarshal(e.Data, &ev) == nil && ev.Hash == p.Hash {
				return nil
			}
		}
		return fmt.Errorf("%w (plan %s: no matching signing event)", ErrTampered, id)
	})
}
