package consent

import (
	"github.com/confidenotes/confide/vault"
)

// Releases returns the manifests of a client's releases, oldest first.
func (s *Store) Releases(clientID string) ([]Manifest, error) {
	var out []Manifest
	err := s.v.Read(func(q vault.Querier) error {
		rows, err := q.Query("SELECT manifest FROM consent_releases WHERE client_id = ? ORDER BY released_on, recorded_at", clientID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var raw string
			var m Manifest
			if err := rows.Scan(&raw); err != nil {
				return err
			}
			if err := scanDetails(raw, &m); err != nil {
				return err
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}

// VerifyReleases checks every release's manifest against the hash its event
// in the vault's log holds. It returns the number of releases checked, or an
// error wrapping ErrTampered naming those changed, removed or added behind
// the log's back.
func (s *Store) VerifyReleases() (int, error) {
	return s.verifyAgainstLog(EventRelease, "release", func(q vault.Querier) ([]loggedEntry, error) {
		rs, err := q.Query("SELECT id, manifest, manifest_hash FROM consent_releases")
		if err != nil {
			return nil, err
		}
		defer rs.Close()
		var entries []loggedEntry
		for rs.Next() {
			var id, manifest, hash string
			if err := rs.Scan(&id, &manifest, &hash); err != nil {
				return nil, err
			}
			entries = append(entries, loggedEntry{id: id, matches: func(h string) bool {
				var m Manifest
				return scanDetails(manifest, &m) == nil && ManifestHash(&m) == h && hash == h && m.ReleaseID == id
			}})
		}
		return entries, rs.Err()
	})
}
