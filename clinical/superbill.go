package clinical

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/confidenotes/confide/notes"
)

// ErrNoFee means a service billed on a superbill has no fee in the fee
// table. The message names the codes.
var ErrNoFee = errors.New("no fee is set")

// MaxPointers is how many diagnoses a superbill letters (A to L), as on
// the CMS-1500 claim form a client's insurer reads it into.
const MaxPointers = 12

// SuperbillLine is one service on a superbill.
type SuperbillLine struct {
	NoteID   string   `json:"note_id"`
	Date     string   `json:"date"`
	Start    string   `json:"start,omitempty"`
	End      string   `json:"end,omitempty"`
	Minutes  int      `json:"minutes,omitempty"`
	Code     string   `json:"code"`
	Service  string   `json:"service,omitempty"` // ServiceName of the code, if Confide knows it
	Pointers []string `json:"pointers"`          // the letters of the diagnoses in effect that day
	Cents    int64    `json:"cents"`
}

// Superbill is what a client gives their insurer to be reimbursed: the
// services of a period with their dates, codes and fees, and the
// diagnoses in effect, each lettered for the lines to point to.
type Superbill struct {
	ClientID   string          `json:"client_id"`
	From       string          `json:"from"`
	To         string          `json:"to"`
	Diagnoses  []Diagnosis     `json:"diagnoses"` // lettered A, B, ... in this order
	Lines      []SuperbillLine `json:"lines"`     // by date
	TotalCents int64           `json:"total_cents"`
	Unsigned   int             `json:"unsigned"` // session notes of the period not yet signed, left out
}

// Letter is the pointer letter of the i-th diagnosis (0-based): A, B, ...
func Letter(i int) string { return string(rune('A' + i)) }

// Superbill gathers the superbill of a client's services from..to
// (inclusive; one day for a session's, a month for a monthly one): every
// signed note with a service code in the period, except psychotherapy
// notes, each priced from the fee table and pointing to the diagnoses in
// effect on its date. It is refused, saying why, when the period holds no
// such service, when a service has no fee (ErrNoFee) or when a session
// has no diagnosis in effect.
func (s *Store) Superbill(clientID, from, to string) (*Superbill, error) {
	if err := checkDate("the first day", from); err != nil {
		return nil, err
	}
	if err := checkDate("the last day", to); err != nil {
		return nil, err
	}
	if to < from {
		return nil, fmt.Errorf("%w: the period ends (%s) before it starts (%s)", ErrInvalid, to, from)
	}
	if _, err := s.client(clientID); err != nil {
		return nil, err
	}
	sums, err := s.notes.ListNotes(clientID)
	if err != nil {
		return nil, err
	}
	table, err := s.Fees()
	if err != nil {
		return nil, err
	}
	price := map[string]int64{}
	for _, f := range table {
		price[f.Code] = f.Cents
	}
	dxs, err := s.DiagnosesDuring(clientID, from, to)
	if err != nil {
		return nil, err
	}
	sb := &Superbill{ClientID: clientID, From: from, To: to, Diagnoses: []Diagnosis{}, Lines: []SuperbillLine{}}
	var noFee, noDx []string
	used := map[string]bool{}
	for _, n := range sums {
		if n.Kind == notes.Psychotherapy || !inPeriod(n.Date, from, to) {
			continue
		}
		if !n.Signed {
			if n.Kind.IsSession() {
				sb.Unsigned++
			}
			continue
		}
		code := strings.ToUpper(strings.TrimSpace(n.ServiceCode))
		if code == "" {
			continue
		}
		l := SuperbillLine{NoteID: n.ID, Date: n.Date, Start: n.Start, End: SessionEnd(n.Session), Minutes: n.DurationMin,
			Code: code, Service: ServiceName(code), Pointers: []string{}}
		c, ok := price[code]
		if !ok && !slices.Contains(noFee, code) {
			noFee = append(noFee, code)
		}
		l.Cents = c
		for _, d := range dxs {
			if d.InEffectOn(n.Date) {
				used[d.ID] = true
			}
		}
		if !slices.ContainsFunc(dxs, func(d Diagnosis) bool { return d.InEffectOn(n.Date) }) {
			noDx = append(noDx, n.Date)
		}
		sb.Lines = append(sb.Lines, l)
	}
	switch {
	case len(sb.Lines) == 0:
		more := ""
		if sb.Unsigned > 0 {
			more = fmt.Sprintf(" (%d session note(s) not yet signed)", sb.Unsigned)
		}
		return nil, fmt.Errorf("%w: no signed session with a service code from %s to %s%s", ErrInvalid, from, to, more)
	case len(noFee) > 0:
		slices.Sort(noFee)
		return nil, fmt.Errorf("%w for %s", ErrNoFee, strings.Join(noFee, ", "))
	case len(noDx) > 0:
		return nil, fmt.Errorf("%w: no diagnosis was in effect on %s; add the diagnosis, with its start date, first", ErrInvalid, strings.Join(noDx, ", "))
	}
	for _, d := range dxs { // primary first, then by start, as DiagnosesDuring orders them
		if used[d.ID] && len(sb.Diagnoses) < MaxPointers {
			sb.Diagnoses = append(sb.Diagnoses, d)
		}
	}
	slices.SortStableFunc(sb.Lines, func(a, b SuperbillLine) int { return strings.Compare(a.Date+a.Start, b.Date+b.Start) })
	for i := range sb.Lines {
		l := &sb.Lines[i]
		for j, d := range sb.Diagnoses {
			if d.InEffectOn(l.Date) {
				l.Pointers = append(l.Pointers, Letter(j))
			}
		}
		sb.TotalCents += l.Cents
	}
	return sb, nil
}
