package clinical

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/confidenotes/confide/vault"
)

// Fee is what the practice charges for a service code, in cents.
type Fee struct {
	Code  string `json:"code"`
	Cents int64  `json:"cents"`
}

// Amount is the fee as money: "150.00".
func (f Fee) Amount() string { return FormatCents(f.Cents) }

// ServiceNames are the service codes a psychotherapy practice bills most,
// in Confide's own words (the CPT descriptors are the AMA's), for the fee
// table and the superbill. Any other code may be given a fee too.
var ServiceNames = map[string]string{
	"90785": "Interactive complexity (add-on)",
	"90791": "Psychiatric diagnostic evaluation",
	"90792": "Psychiatric diagnostic evaluation with medical services",
	Code30:  "Psychotherapy, 30 minutes",
	Code45:  "Psychotherapy, 45 minutes",
	Code60:  "Psychotherapy, 60 minutes",
	"90839": "Psychotherapy for crisis, first 60 minutes",
	"90840": "Psychotherapy for crisis, each further 30 minutes",
	"90846": "Family psychotherapy without the client",
	"90847": "Family psychotherapy with the client",
	"90853": "Group psychotherapy",
}

// ServiceName names a service code for people: the name above, or "".
func ServiceName(code string) string { return ServiceNames[strings.ToUpper(strings.TrimSpace(code))] }

// MaxFeeCents is the largest fee Confide takes: 100,000.00.
const MaxFeeCents = 10_000_000

var serviceCodePattern = regexp.MustCompile(`^[0-9A-Z]{5}$`)

// CheckServiceCode refuses what cannot be a service code: a CPT or HCPCS
// code is five letters or digits.
func CheckServiceCode(code string) (string, error) {
	c := strings.ToUpper(strings.TrimSpace(code))
	if !serviceCodePattern.MatchString(c) {
		return "", fmt.Errorf("%w: a service code is five letters or digits, such as 90834", ErrInvalid)
	}
	return c, nil
}

// ParseAmount reads an amount of money ("150", "150.5", "150.50",
// "$1,200.00") as cents; a negative or malformed amount, more than two
// decimals, or more than MaxFeeCents is refused.
func ParseAmount(s string) (int64, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimPrefix(t, "$")
	t = strings.ReplaceAll(t, ",", "")
	bad := fmt.Errorf("%w: %q is not an amount: give dollars and cents, such as 150 or 150.00", ErrInvalid, s)
	whole, frac, hasFrac := strings.Cut(t, ".")
	if whole == "" && !hasFrac || strings.HasPrefix(whole, "-") || strings.HasPrefix(whole, "+") || len(frac) > 2 || (hasFrac && frac == "") {
		return 0, bad
	}
	if whole == "" {
		whole = "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > MaxFeeCents/100 {
		return 0, bad
	}
	c := int64(0)
	if frac != "" {
		if len(frac) == 1 {
			frac += "0"
		}
		if c, err = strconv.ParseInt(frac, 10, 64); err != nil || c < 0 {
			return 0, bad
		}
	}
	cents := w*100 + c
	if cents > MaxFeeCents {
		return 0, bad
	}
	return cents, nil
}

// FormatCents writes cents as dollars: 15000 is "150.00".
func FormatCents(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}

// SetFee sets the practice's fee for a service code.
func (s *Store) SetFee(code string, cents int64) (Fee, error) {
	c, err := CheckServiceCode(code)
	if err != nil {
		return Fee{}, err
	}
	if cents < 0 || cents > MaxFeeCents {
		return Fee{}, fmt.Errorf("%w: a fee is 0.00 to %s", ErrInvalid, FormatCents(MaxFeeCents))
	}
	err = s.v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec(`INSERT INTO clinical_fees(code, cents) VALUES(?, ?) ON CONFLICT(code) DO UPDATE SET cents = excluded.cents`, c, cents)
		return err
	})
	if err != nil {
		return Fee{}, fmt.Errorf("set fee: %w", err)
	}
	return Fee{Code: c, Cents: cents}, nil
}

// RemoveFee takes a service code off the fee table.
func (s *Store) RemoveFee(code string) error {
	c, err := CheckServiceCode(code)
	if err != nil {
		return err
	}
	var n int64
	err = s.v.Update(func(tx *vault.Tx) error {
		res, err := tx.Exec("DELETE FROM clinical_fees WHERE code = ?", c)
		if err == nil {
			n, _ = res.RowsAffected()
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("remove fee: %w", err)
	}
	if n == 0 {
		return notFound("fee for", c)
	}
	return nil
}

// Fees returns the fee table, by code.
func (s *Store) Fees() ([]Fee, error) {
	var out []Fee
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		out, err = fees(q)
		return err
	})
	return out, err
}

func fees(q vault.Querier) ([]Fee, error) {
	rows, err := q.Query("SELECT code, cents FROM clinical_fees ORDER BY code")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Fee{}
	for rows.Next() {
		var f Fee
		if err := rows.Scan(&f.Code, &f.Cents); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
