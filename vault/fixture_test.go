package vault_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/confidenotes/confide/vault"
)

// TestFormat1FixtureOpens is the on-disk compatibility promise: the vault in
// testdata/v1, written by format version 1 with records still in its
// journal, must open and read the same in every later release.
func TestFormat1FixtureOpens(t *testing.T) {
	for _, keyFile := range []string{"device.key", "recovery.key"} {
		t.Run(keyFile, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "v1")
			copyVaultFiles(t, "testdata/v1", dir)
			f, err := os.Open(filepath.Join("testdata/v1", keyFile))
			if err != nil {
				t.Fatal(err)
			}
			ids, err := vault.ParseIdentities(f)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			// Format 1 has no authentication: it is refused until the user
			// accepts it once (restore), which upgrades it.
			if _, err := vault.Verify(dir, vault.WithIdentities(ids...)); !errors.Is(err, vault.ErrDamaged) {
				t.Fatalf("format 1 without restore: got %v, want a refusal", err)
			}
			rep, err := vault.Verify(dir, vault.WithIdentities(ids...), vault.Restore())
			if err != nil {
				t.Fatal(err)
			}
			if rep.Format != 1 || rep.JournalRecords != 2 || rep.LogEntries != 2 {
				t.Fatalf("report: format %d, %d journal records, %d log entries; want 1, 2, 2", rep.Format, rep.JournalRecords, rep.LogEntries)
			}
			v, err := vault.Open(dir, vault.WithIdentities(ids...), vault.Restore())
			if err != nil {
				t.Fatal(err)
			}
			defer func() {
				v.Close()
				// Upgraded: it now opens without restore, authenticated.
				rep, err := vault.Verify(dir, vault.WithIdentities(ids...))
				if err != nil || !rep.Authenticated || rep.Format != vault.FormatVersion {
					t.Errorf("after the upgrade: %+v, %v", rep, err)
				}
			}()
			type row struct {
				body  string
				data  []byte
				score *float64
			}
			got := map[int]row{}
			err = v.Read(func(q vault.Querier) error {
				rows, err := q.Query("SELECT id, body, data, score FROM fixture ORDER BY id")
				if err != nil {
					return err
				}
				defer rows.Close()
				for rows.Next() {
					var id int
					var r row
					if err := rows.Scan(&id, &r.body, &r.data, &r.score); err != nil {
						return err
					}
					got[id] = r
				}
				return rows.Err()
			})
			if err != nil {
				t.Fatal(err)
			}
			if got[1].body != "in the snapshot" || string(got[1].data) != "\x00\x01\x02" || got[1].score == nil || *got[1].score != 1.5 {
				t.Errorf("row 1 = %+v", got[1])
			}
			if got[2].body != "in the journal" || got[2].data != nil || got[2].score != nil {
				t.Errorf("row 2 = %+v", got[2])
			}
			var events []vault.Event
			v.Read(func(q vault.Querier) error {
				events, err = vault.Events(q, "fixture.", "")
				return err
			})
			if len(events) != 2 || events[1].Kind != "fixture.journaled" {
				t.Errorf("events = %+v", events)
			}
		})
	}
}
