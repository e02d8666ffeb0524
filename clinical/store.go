package clinical

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

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Errors callers branch on. Messages never hold names or clinical text.
var (
	// ErrNotFound means no client or record has the given id.
	ErrNotFound = errors.New("not found")
	// ErrInvalid means a record was refused: a value out of range, a
	// missing field, a date that does not parse. The message says which.
	ErrInvalid = errors.New("invalid")
	// ErrUnknownInstrument means the instrument is not one Confide ships.
	ErrUnknownInstrument = errors.New("unknown instrument")
	// ErrUnknownCode means the code is not in the ICD-10-CM subset shipped.
	ErrUnknownCode = errors.New("unknown diagnosis code")
	// ErrSigned means the plan is signed and therefore frozen.
	ErrSigned = errors.New("plan is signed; revise it as a new version")
	// ErrNotSigned means a signed plan was needed.
	ErrNotSigned = errors.New("plan is not signed")
	// ErrSuperseded means a plan already has a signed successor.
	ErrSuperseded = errors.New("plan has already been superseded; revise the current plan")
	// ErrTampered means a signed plan no longer matches its hash.
	ErrTampered = errors.New("signed plan does not match its content hash")
)

// DateLayout is the layout of every calendar date in the package.
const DateLayout = notes.DateLayout

// Store is the clinical record of one open vault.
type Store struct {
	v     *vault.Vault
	notes *notes.Store
	now   func() time.Time
}

// Option adjusts a Store.
type Option func(*Store)

// WithClock sets the clock used for the time each record is made.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithNotes makes the store refer to an open notes store of the same
// vault, rather than open one of its own.
func WithNotes(ns *notes.Store) Option { return func(s *Store) { s.notes = ns } }

// Open brings the clinical tables of v (and the notes tables they refer
// to) up to date and returns the store.
func Open(v *vault.Vault, opts ...Option) (*Store, error) {
	s := &Store{v: v, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if s.notes == nil {
		ns, err := notes.Open(v, notes.WithClock(s.now))
		if err != nil {
			return nil, err
		}
		s.notes = ns
	}
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	if err := v.Migrate("clinical", sub); err != nil {
		return nil, err
	}
	return s, nil
}

// Notes returns the notes store the clinical record refers to.
func (s *Store) Notes() *notes.Store { return s.notes }

// client checks that a client exists.
func (s *Store) client(id string) (*notes.Client, error) {
	c, err := s.notes.GetClient(id)
	if errors.Is(err, notes.ErrNotFound) {
		return nil, fmt.Errorf("%w: no client %s", ErrNotFound, id)
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

func parseStamp(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// Day returns the calendar date of t, as the package stores dates.
func Day(t time.Time) string { return t.Format(DateLayout) }

// checkDate refuses an empty or malformed date, naming the field.
func checkDate(field, d string) error {
	if d == "" {
		return fmt.Errorf("%w: %s is missing", ErrInvalid, field)
	}
	if _, err := time.Parse(DateLayout, d); err != nil {
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

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // the package's record types always encode
	}
	return string(b)
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func notFound(what, id string) error { return fmt.Errorf("%w: no %s %s", ErrNotFound, what, id) }

// jsonDecode decodes a stored JSON column into v.
func jsonDecode(raw string, v any) error {
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		return fmt.Errorf("decode stored record: %w", err)
	}
	return nil
}
