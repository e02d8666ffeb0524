//go:build sqlite_secure_delete

package notes_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDestroyLeavesNoTraceInSnapshot searches the bytes of the whole
// database, free pages and free space inside pages included, and of the
// decrypted snapshot. Deleted bytes are zeroed only when SQLite runs with
// secure_delete (build tag sqlite_secure_delete, or the pragma in the
// vault's connection), hence the build constraint.
func TestDestroyLeavesNoTraceInSnapshot(t *testing.T) {
	f := newFixture(t)
	destroyCanaryClient(t, f)
	path := filepath.Join(t.TempDir(), "db.sqlite")
	if err := f.v.WriteDatabase(path); err != nil {
		t.Fatal(err)
	}
	db, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	checkNoCanary(t, "database file", db)
	checkNoCanary(t, "decrypted snapshot", f.decrypt(t))
}
