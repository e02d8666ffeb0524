package consent

import (
	"crypto/rand"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/practice"
	"github.com/confidenotes/confide/vault"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// DateLayout is the layout of every calendar date in the package.
const DateLayout = "2006-01-02"

// Errors callers branch on. Messages never hold names or clinical text.
var (
	// ErrNotFound means no record (or client) has the given id.
	ErrNotFound = errors.New("not found")
	// ErrInvalid means a record was refused: a required field is missing,
	// a date does not parse or comes in the wrong order, or a value is not
	// one of those allowed. The message says which.
	ErrInvalid = errors.New("invalid")
	// ErrNotAuthorized means an authorization does not allow a release.
	ErrNotAuthorized = errors.New("not authorized")
	// ErrTampered means a disclosure no longer matches the hash the event
	// log holds for it, or was removed.
	ErrTampered = errors.New("the accounting of disclosures was altered")
)

// Store is the consent records of one open vault.
type Store struct {
	v        *vault.Vault
	notes    *notes.Store
	clinical *clinical.Store
	now      func() time.Time
}

// Option adjusts a Store.
type Option func(*Store)

// WithClock sets the clock used for the time each record is made.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// Open brings the consent tables of v (and the notes tables it refers to)
// up to date and returns the store.
func Open(v *vault.Vault, opts ...Option) (*Store, error) {
	s := &Store{v: v, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	ns, err := notes.Open(v, notes.WithClock(s.now))
	if err != nil {
		return nil, err
	}
	s.notes = ns
	if s.clinical, err = clinical.Open(v, clinical.WithClock(s.now), clinical.WithNotes(ns)); err != nil {
		return nil, err
	}
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	if err := v.Migrate("consent", sub); err != nil {
		return nil, err
	}
	// A release interrupted by a crash may have left a temporary file;
	// what cannot be finished now is tried again at the next Open.
	s.finishReleaseFiles()
	return s, nil
}

// Notes returns the notes store the consent records refer to.
func (s *Store) Notes() *notes.Store { return s.notes }

// Practice returns the practice profile store of the same vault.
func (s *Store) Practice() *practice.Store { return s.notes.Practice() }

// Profile returns the practice profile: who signs and releases, and how
// documents are laid out.
func (s *Store) Profile() (practice.Profile, error) { return s.Practice().Profile() }

// madeBy is who makes a release or an export when the caller does not
// say: the clinician of the profile, or the treating clinician.
func (s *Store) madeBy() (string, error) {
	p, err := s.Profile()
	if err != nil {
		return "", err
	}
	if name := p.SignatureName(); name != "" {
		return name, nil
	}
	return "the treating clinician", nil
}

// Clinical returns the clinical record (measures, plans, diagnoses) of
// the same vault; its items join the attention list.
func (s *Store) Clinical() *clinical.Store { return s.clinical }

// Client returns the client with the given id, or ErrNotFound.
func (s *Store) Client(id string) (*notes.Client, error) {
	c, err := s.notes.GetClient(id)
	if errors.Is(err, notes.ErrNotFound) {
		return nil, fmt.Errorf("client %s: %w", id, ErrNotFound)
	}
	return c, err
}

// newID returns prefix and 16 random hex digits, made in Go and passed to
// SQL so that the journal replays them exactly.
func newID(prefix string) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return prefix + hex.EncodeToString(b)
}

// stamp is how times are stored: UTC, RFC 3339 with nanoseconds.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// ParseDate reads a calendar date "YYYY-MM-DD" as midnight UTC.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: date %q is not YYYY-MM-DD", ErrInvalid, s)
	}
	return t, nil
}

// Day returns the calendar date of t, as the package stores dates.
func Day(t time.Time) string { return t.Format(DateLayout) }

// AddDays returns the date n days after the date d (YYYY-MM-DD).
func AddDays(d string, n int) string {
	t, err := ParseDate(d)
	if err != nil {
		return ""
	}
	return Day(t.AddDate(0, 0, n))
}

// daysBetween returns b - a in days, for two valid dates.
func daysBetween(a, b string) int {
	ta, _ := ParseDate(a)
	tb, _ := ParseDate(b)
	return int(tb.Sub(ta).Hours() / 24)
}

// missingError lists what a record lacks, in one lowercase sentence.
func missingError(what string, missing []string) error {
	return fmt.Errorf("%w: the %s is missing %s", ErrInvalid, what, strings.Join(missing, ", "))
}

// checkDate refuses an empty or malformed date, naming the field.
func checkDate(field, d string) error {
	if d == "" {
		return fmt.Errorf("%w: %s is missing", ErrInvalid, field)
	}
	if _, err := ParseDate(d); err != nil {
		return fmt.Errorf("%w: %s is not a date (YYYY-MM-DD)", ErrInvalid, field)
	}
	return nil
}

// checkOptionalDate is checkDate for a date that may be empty.
func checkOptionalDate(field, d string) error {
	if d == "" {
		return nil
	}
	return checkDate(field, d)
}

// scanDetails decodes a details JSON column into v.
func scanDetails(raw string, v any) error {
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		return fmt.Errorf("decode stored record: %w", err)
	}
	return nil
}

// mustJSON encodes v; the package's record types always encode.
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }
