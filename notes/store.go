package notes

import (
	"crypto/rand"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/confidenotes/confide/practice"
	"github.com/confidenotes/confide/vault"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Errors callers branch on. Messages never hold note text or names.
var (
	// ErrNotFound means no client or note has the given id.
	ErrNotFound = errors.New("not found")
	// ErrInvalid means an argument is malformed: a kind, template, date,
	// time or section that does not exist or does not parse.
	ErrInvalid = errors.New("invalid")
	// ErrSigned means the note is signed and therefore frozen.
	ErrSigned = errors.New("note is signed; add an addendum")
	// ErrNotSigned means an addendum was asked for on a draft.
	ErrNotSigned = errors.New("note is a draft; edit it instead of adding an addendum")
	// ErrEmpty means a note with no text was to be signed.
	ErrEmpty = errors.New("note is empty; write something before signing")
	// ErrLegalHold means the client's record is under a legal hold.
	ErrLegalHold = errors.New("the record is under a legal hold")
	// ErrNotDue means the record's retention period has not passed.
	ErrNotDue = errors.New("the record's retention period has not passed")
	// ErrTampered means a signed note no longer matches its hash.
	ErrTampered = errors.New("signed note does not match its content hash")
	// ErrSessionIncomplete means a session note (see Kind.IsSession) was
	// to be signed without its start time, length or service code.
	ErrSessionIncomplete = errors.New("a session note needs its start time, length and service code before signing")
)

// Store is the clients and notes of one open vault.
type Store struct {
	v        *vault.Vault
	now      func() time.Time
	practice *practice.Store
}

// Practice returns the practice profile store of the same vault.
func (s *Store) Practice() *practice.Store { return s.practice }

// Option adjusts a Store.
type Option func(*Store)

// WithClock sets the clock used for creation, autosave and signing times.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// Open brings the notes tables of v up to date and returns the store.
func Open(v *vault.Vault, opts ...Option) (*Store, error) {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	if err := v.Migrate("notes", sub); err != nil {
		return nil, err
	}
	s := &Store{v: v, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	// Signing reads who signs from the practice profile.
	if s.practice, err = practice.Open(v, practice.WithClock(s.now)); err != nil {
		return nil, err
	}
	return s, nil
}

// Vault returns the vault the store works on.
func (s *Store) Vault() *vault.Vault { return s.v }

// newID returns prefix and 16 random hex digits; ids are made here, in Go,
// and passed to SQL so that the journal replays them exactly.
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

// DateLayout is the layout of every calendar date in the package.
const DateLayout = "2006-01-02"

// ParseDate reads a calendar date "YYYY-MM-DD" as midnight UTC.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: a date must be YYYY-MM-DD", ErrInvalid)
	}
	return t, nil
}

// checkDate accepts "" (unknown) or a valid date.
func checkDate(what, s string) error {
	if s == "" {
		return nil
	}
	if _, err := time.Parse(DateLayout, s); err != nil {
		return fmt.Errorf("%w: %s is not a date (YYYY-MM-DD)", ErrInvalid, what)
	}
	return nil
}

func notFound(what, id string) error { return fmt.Errorf("%w: no %s %s", ErrNotFound, what, id) }
