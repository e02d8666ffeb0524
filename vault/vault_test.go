package vault_test

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/confidenotes/confide/vault"
	"github.com/confidenotes/confide/vault/vaulttest"
)

// newVault creates a vault in a temp folder with an in-memory key store.
func newVault(tb testing.TB, opts ...vault.Option) (*vault.Vault, string, vaulttest.KeyStore, *vault.Created) {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "vault")
	store := vaulttest.KeyStore{}
	v, c, err := vault.Create(dir, vault.CreateOptions{Store: store, Label: "test"}, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { v.Close() })
	if err := v.Migrate("test", testSchema); err != nil {
		tb.Fatal(err)
	}
	return v, dir, store, c
}

func insert(tb testing.TB, v *vault.Vault, id int, body string) {
	tb.Helper()
	if err := v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec("INSERT INTO t(id, body) VALUES(?, ?)", id, body)
		return err
	}); err != nil {
		tb.Fatal(err)
	}
}

func bodies(tb testing.TB, v *vault.Vault) map[int]string {
	tb.Helper()
	out := map[int]string{}
	err := v.Read(func(q vault.Querier) error {
		rows, err := q.Query("SELECT id, body FROM t")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int
			var b string
			if err := rows.Scan(&id, &b); err != nil {
				return err
			}
			out[id] = b
		}
		return rows.Err()
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestCommitsSurviveReopen(t *testing.T) {
	v, dir, store, _ := newVault(t)
	insert(t, v, 1, "one")
	insert(t, v, 2, "two")
	// Reopen without compaction: the journal alone must bring them back.
	copyDir := crashCopy(t, dir)
	v2, err := vault.Open(copyDir, vault.FromStore(store))
	if err != nil {
		t.Fatal(err)
	}
	got := bodies(t, v2)
	if got[1] != "one" || got[2] != "two" || len(got) != 2 {
		t.Fatalf("after replay got %v", got)
	}
	insert(t, v2, 3, "three")
	if err := v2.Close(); err != nil {
		t.Fatal(err)
	}
	v3, err := vault.Open(copyDir, vault.FromStore(store))
	if err != nil {
		t.Fatal(err)
	}
	defer v3.Close()
	if got := bodies(t, v3); len(got) != 3 || got[3] != "three" {
		t.Fatalf("after compaction got %v", got)
	}
	st, _ := v3.Status()
	if st.JournalRecords != 0 {
		t.Fatalf("journal records after close = %d, want 0", st.JournalRecords)
	}
}

// crashCopy copies the vault's files as they are on disk now, as a crash
// would leave them: nothing compacted, the journal as acknowledged.
func crashCopy(tb testing.TB, dir string) string {
	tb.Helper()
	copyDir := filepath.Join(tb.TempDir(), "copy")
	copyVaultFiles(tb, dir, copyDir)
	return copyDir
}

func TestWrongAndMissingKeys(t *testing.T) {
	v, dir, store, _ := newVault(t)
	v.Close()
	if _, err := vault.Open(dir, vault.FromStore(vaulttest.KeyStore{})); !errors.Is(err, vault.ErrNoKey) {
		t.Fatalf("missing key: got %v, want ErrNoKey", err)
	}
	other, _, err := vault.Create(filepath.Join(t.TempDir(), "other"), vault.CreateOptions{Store: vaulttest.KeyStore{}})
	if err != nil {
		t.Fatal(err)
	}
	other.Close()
	wrong := vaulttest.KeyStore{}
	for id := range store {
		wrong[id] = "AGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSHQZDE8"
	}
	if _, err := vault.Open(dir, vault.FromStore(wrong)); !errors.Is(err, vault.ErrWrongKey) {
		t.Fatalf("wrong key: got %v, want ErrWrongKey", err)
	}
}
