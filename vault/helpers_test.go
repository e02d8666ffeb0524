package vault_test

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func copyVaultFiles(tb testing.TB, src, dst string) {
	tb.Helper()
	if err := os.MkdirAll(dst, 0o700); err != nil {
		tb.Fatal(err)
	}
	for _, name := range []string{"vault.json", "vault.age", "journal", "passphrase.age"} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), b, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
}

// testSchema is the schema of the black-box tests' table.
var testSchema = fstest.MapFS{"0001_t.sql": {Data: []byte("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL);")}}
