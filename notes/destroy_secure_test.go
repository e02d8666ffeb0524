package notes_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDestroyLeavesNoTraceInSnapshot searches the bytes of the whole
// database, free pages and free space inside pages included, and of the
// decrypted snapshot. Deleted bytes are zeroed because the vault runs
// SQLite with secure_delete.
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
