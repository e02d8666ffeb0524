package vault_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/confidenotes/confide/vault"
)

// journalWithRecords returns a crash copy of a vault whose journal holds
// three records, the size of the journal before the last one, and the
// device key.
func journalWithRecords(t *testing.T) (dir string, lastStart int64, key vault.Key) {
	t.Helper()
	v, src, _, c := newVault(t)
	insert(t, v, 1, "one")
	insert(t, v, 2, "two")
	st, err := os.Stat(filepath.Join(src, "journal"))
	if err != nil {
		t.Fatal(err)
	}
	insert(t, v, 3, "three")
	id, _ := age.ParseX25519Identity(c.DeviceKey)
	return crashCopy(t, src), st.Size(), vault.WithIdentities(id)
}

func TestTornLastRecordIsDiscarded(t *testing.T) {
	dir, lastStart, key := journalWithRecords(t)
	journal, err := os.ReadFile(filepath.Join(dir, "journal"))
	if err != nil {
		t.Fatal(err)
	}
	for off := lastStart; off < int64(len(journal)); off++ {
		cp := filepath.Join(t.TempDir(), "torn")
		copyVaultFiles(t, dir, cp)
		if err := os.WriteFile(filepath.Join(cp, "journal"), journal[:off], 0o600); err != nil {
			t.Fatal(err)
		}
		v, err := vault.Open(cp, key, vault.ReadOnly())
		if err != nil {
			t.Fatalf("truncated at %d: %v", off, err)
		}
		got := bodies(t, v)
		v.Close()
		if len(got) != 2 || got[1] != "one" || got[2] != "two" {
			t.Fatalf("truncated at %d: got %v, want the two records before the torn one", off, got)
		}
	}
	// A writable open discards the torn tail, and later commits follow cleanly.
	cp := filepath.Join(t.TempDir(), "torn-then-write")
	copyVaultFiles(t, dir, cp)
	os.WriteFile(filepath.Join(cp, "journal"), journal[:lastStart+7], 0o600)
	v, err := vault.Open(cp, key)
	if err != nil {
		t.Fatal(err)
	}
	insert(t, v, 4, "four")
	vault.CloseWithoutCompacting(v)
	v, err = vault.Open(cp, key)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if got := bodies(t, v); len(got) != 3 || got[4] != "four" {
		t.Fatalf("after torn tail and a new commit got %v", got)
	}
}

func TestZeroFilledTailIsTorn(t *testing.T) {
	dir, _, key := journalWithRecords(t)
	f, _ := os.OpenFile(filepath.Join(dir, "journal"), os.O_APPEND|os.O_WRONLY, 0)
	f.Write(make([]byte, 4096))
	f.Close()
	v, err := vault.Open(dir, key)
	if err != nil {
		t.Fatalf("zero-filled tail: %v", err)
	}
	defer v.Close()
	if got := bodies(t, v); len(got) != 3 {
		t.Fatalf("got %d rows, want 3", len(got))
	}
}

func flipAndOpen(t *testing.T, dir, name string, off int, key vault.Key) error {
	t.Helper()
	cp := filepath.Join(t.TempDir(), "flip")
	copyVaultFiles(t, dir, cp)
	path := filepath.Join(cp, name)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[off] ^= 0x5a
	os.WriteFile(path, b, 0o600)
	v, err := vault.Open(cp, key, vault.ReadOnly())
	if err == nil {
		v.Close()
	}
	return err
}

func TestFlippedJournalByteIsDamage(t *testing.T) {
	dir, _, key := journalWithRecords(t)
	journal, _ := os.ReadFile(filepath.Join(dir, "journal"))
	for off := range journal {
		err := flipAndOpen(t, dir, "journal", off, key)
		var dmg *vault.DamageError
		if !errors.As(err, &dmg) || !errors.Is(err, vault.ErrDamaged) || dmg.File != "journal" {
			t.Fatalf("flip at journal byte %d: got %v, want a journal DamageError", off, err)
		}
	}
}

func TestFlippedSnapshotByteIsDamage(t *testing.T) {
	dir, _, key := journalWithRecords(t)
	snap, _ := os.ReadFile(filepath.Join(dir, "vault.age"))
	// Every byte of the age header and of the first and last payload
	// chunks' edges, and a stride through the rest.
	var offs []int
	for off := range snap {
		if off < 400 || off >= len(snap)-64 || off%61 == 0 {
			offs = append(offs, off)
		}
	}
	for _, off := range offs {
		err := flipAndOpen(t, dir, "vault.age", off, key)
		var dmg *vault.DamageError
		if !errors.As(err, &dmg) || dmg.File != "vault.age" {
			t.Fatalf("flip at snapshot byte %d: got %v, want a vault.age DamageError", off, err)
		}
	}
}

func TestMissingRecordInTheMiddleIsDamage(t *testing.T) {
	v, src, _, c := newVault(t)
	var sizes []int64
	for i := 1; i <= 3; i++ {
		st, _ := os.Stat(filepath.Join(src, "journal"))
		sizes = append(sizes, st.Size())
		insert(t, v, i, "x")
	}
	dir := crashCopy(t, src)
	j, _ := os.ReadFile(filepath.Join(dir, "journal"))
	// Cut out the second insert's record.
	cut := append(append([]byte{}, j[:sizes[1]]...), j[sizes[2]:]...)
	os.WriteFile(filepath.Join(dir, "journal"), cut, 0o600)
	id, _ := age.ParseX25519Identity(c.DeviceKey)
	_, err := vault.Open(dir, vault.WithIdentities(id), vault.ReadOnly())
	if !errors.Is(err, vault.ErrDamaged) {
		t.Fatalf("got %v, want ErrDamaged for a missing record", err)
	}
}

// TestTruncatedSnapshotIsDamage cuts vault.age short, at chunk boundaries of
// the age payload too, where a careless reader would see a clean end.
func TestTruncatedSnapshotIsDamage(t *testing.T) {
	v, src, _, c := newVault(t)
	insert(t, v, 1, strings.Repeat("several chunks of text ", 20000)) // ~460 KB
	if err := v.Compact(); err != nil {
		t.Fatal(err)
	}
	dir := crashCopy(t, src)
	snap, _ := os.ReadFile(filepath.Join(dir, "vault.age"))
	id, _ := age.ParseX25519Identity(c.DeviceKey)
	headerEnd := bytes.Index(snap, []byte("\n---")) + 1
	headerEnd += bytes.IndexByte(snap[headerEnd:], '\n') + 1
	payload := headerEnd + 16 // the stream nonce
	cuts := []int{headerEnd, payload, len(snap) - 1, len(snap) - 17}
	for k := 1; payload+k*(64<<10+16) < len(snap); k++ {
		cuts = append(cuts, payload+k*(64<<10+16))
	}
	for _, cut := range cuts {
		cp := filepath.Join(t.TempDir(), "cut")
		copyVaultFiles(t, dir, cp)
		os.WriteFile(filepath.Join(cp, "vault.age"), snap[:cut], 0o600)
		_, err := vault.Open(cp, vault.WithIdentities(id), vault.ReadOnly())
		if !errors.Is(err, vault.ErrDamaged) {
			t.Fatalf("snapshot cut at %d of %d: got %v, want ErrDamaged", cut, len(snap), err)
		}
	}
}
