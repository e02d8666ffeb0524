package practice

import (
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/confidenotes/confide/vault"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// EventProfile is the kind of the event the vault's log gets when the
// profile changes. Its data is the signature name, nothing else.
const EventProfile = "practice.profile"

// Store is the practice profile of one open vault.
type Store struct {
	v   *vault.Vault
	now func() time.Time
}

// Option adjusts a Store.
type Option func(*Store)

// WithClock sets the clock that stamps a profile change.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// Open brings the practice tables of v up to date and returns the store.
func Open(v *vault.Vault, opts ...Option) (*Store, error) {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	if err := v.Migrate("practice", sub); err != nil {
		return nil, err
	}
	s := &Store{v: v, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

// Profile returns the profile, or the zero Profile with its defaults
// filled when none is recorded.
func (s *Store) Profile() (Profile, error) {
	var p Profile
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		p, err = Read(q)
		return err
	})
	return p, err
}

// Read returns the profile as q sees it, with its defaults filled: the
// way another package reads it inside its own transaction.
func Read(q vault.Querier) (Profile, error) {
	var raw string
	err := q.QueryRow("SELECT data FROM practice_profile WHERE id = 1").Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return Profile{}.withDefaults(), nil
	}
	if err != nil {
		return Profile{}, fmt.Errorf("read the practice profile: %w", err)
	}
	var p Profile
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		return Profile{}, fmt.Errorf("read the practice profile: %w", err)
	}
	return p.withDefaults(), nil
}

// SetProfile records p as the profile, replacing the one before. It is
// refused, with nothing changed, when a field cannot be right (see the
// package's guarantees).
func (s *Store) SetProfile(p Profile) error {
	if err := p.check(); err != nil {
		return err
	}
	p.Updated = s.now().UTC()
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return s.v.Update(func(tx *vault.Tx) error {
		if _, err := tx.Exec(`INSERT INTO practice_profile(id, data, updated_at) VALUES(1, ?, ?)
			ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
			string(data), p.Updated.Format(time.RFC3339Nano)); err != nil {
			return err
		}
		_, err := tx.Append(vault.Event{At: p.Updated, Kind: EventProfile, Subject: "profile", Data: []byte(p.SignatureName())})
		return err
	})
}
