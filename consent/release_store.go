package consent

import (
	"fmt"
	"sort"
	"strings"

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
	if _, err := s.v.VerifyLog(); err != nil {
		return 0, fmt.Errorf("%w: %v", ErrTampered, err)
	}
	type row struct{ id, manifest, hash string }
	var rows []row
	var events []vault.Event
	var gone map[string]bool
	err := s.v.Read(func(q vault.Querier) error {
		rs, err := q.Query("SELECT id, manifest, manifest_hash FROM consent_releases")
		if err != nil {
			return err
		}
		defer rs.Close()
		for rs.Next() {
			var r row
			if err := rs.Scan(&r.id, &r.manifest, &r.hash); err != nil {
				return err
			}
			rows = append(rows, r)
		}
		if err := rs.Err(); err != nil {
			return err
		}
		if events, err = vault.Events(q, EventRelease, ""); err != nil {
			return err
		}
		gone, err = destroyedClients(q)
		return err
	})
	if err != nil {
		return 0, err
	}
	logged, owner := map[string]string{}, map[string]string{}
	for _, e := range events {
		logged[e.Subject], owner[e.Subject] = splitLogged(e.Data)
	}
	var bad []string
	for _, r := range rows {
		var m Manifest
		want, ok := logged[r.id]
		switch {
		case !ok:
			bad = append(bad, r.id+" is not in the log")
		case scanDetails(r.manifest, &m) != nil, ManifestHash(&m) != want, r.hash != want, m.ReleaseID != r.id:
			bad = append(bad, r.id+" was changed")
		}
		delete(logged, r.id)
	}
	for id := range logged {
		if !gone[owner[id]] {
			bad = append(bad, id+" was removed")
		}
	}
	if bad != nil {
		sort.Strings(bad)
		return len(rows), fmt.Errorf("%w: release %s", ErrTampered, strings.Join(bad, "; release "))
	}
	return len(rows), nil
}
