package vault

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migrate brings the tables of one component (a domain package such as
// "notes") up to date. Migrations are the files NNNN_name.sql at the top of
// fsys, usually an embed.FS the component owns; each version runs in its
// own transaction, recorded in the journal like any other write. A vault
// whose component is newer than the newest migration is refused with
// ErrNewerFormat.
func (v *Vault) Migrate(component string, fsys fs.FS) error {
	migs, err := readMigrations(fsys)
	if err != nil {
		return fmt.Errorf("migrations of %s: %w", component, err)
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(false); err != nil {
		return err
	}
	current, err := componentVersion(v.db, component)
	if err != nil {
		return err
	}
	latest := 0
	if len(migs) > 0 {
		latest = migs[len(migs)-1].version
	}
	if current > latest {
		return fmt.Errorf("%w (%s schema %d, this version knows %d): update Confide", ErrNewerFormat, component, current, latest)
	}
	for _, m := range migs {
		if m.version <= current {
			continue
		}
		if v.readOnly {
			return fmt.Errorf("the vault needs an upgrade of %s; open it for writing", component)
		}
		err := v.update(func(tx *Tx) error {
			if _, err := tx.exec(m.sql); err != nil {
				return err
			}
			_, err := tx.exec(migrationQuery, component, m.version)
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate %s to %d: %w", component, m.version, err)
		}
	}
	return nil
}

// migrationQuery records a component's schema version; a journal record
// holding it is a migration, and may change the schema on replay.
const migrationQuery = `INSERT INTO _vault_migrations(component, version) VALUES(?, ?)
	ON CONFLICT(component) DO UPDATE SET version = excluded.version`

// SchemaVersion returns the version of a component's tables in the vault,
// 0 when it has none yet.
func (v *Vault) SchemaVersion(component string) (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(false); err != nil {
		return 0, err
	}
	return componentVersion(v.db, component)
}

type migration struct {
	version int
	sql     string
}

func readMigrations(fsys fs.FS) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var out []migration
	seen := map[int]bool{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || path.Ext(name) != ".sql" {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || n <= 0 || seen[n] {
			return nil, fmt.Errorf("bad migration file name %q (want NNNN_name.sql)", name)
		}
		seen[n] = true
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: n, sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

func componentVersion(db *sql.DB, component string) (int, error) {
	var n int
	err := db.QueryRow("SELECT version FROM _vault_migrations WHERE component = ?", component).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}
