package consent

import (
	"github.com/confidenotes/confide/vault"
)

// Hooks for the external tests: a crash is simulated by leaving the state
// it would leave.

// NoteReleaseFiles notes temporary release files as Release does before
// writing them.
func (s *Store) NoteReleaseFiles(releaseID string, temps, finals []string) error {
	return s.noteReleaseFiles(releaseID, temps, finals)
}

// PendingReleaseFiles counts the release files noted and not yet placed
// or removed.
func (s *Store) PendingReleaseFiles() (n int, err error) {
	err = s.v.Read(func(q vault.Querier) error {
		return q.QueryRow("SELECT count(*) FROM consent_release_files").Scan(&n)
	})
	return n, err
}

// FailRenames makes putting release files in place fail until the
// returned function is called.
func FailRenames(err error) (restore func()) {
	placeFile = func(string, string) error { return err }
	return func() { placeFile = vault.PlaceFile }
}
