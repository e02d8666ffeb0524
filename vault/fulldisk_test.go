package vault

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"testing/fstest"
)

// fullDisk makes temp files that fail with ENOSPC after limit bytes.
type fullDisk struct {
	*os.File
	left int
}

func (f *fullDisk) Write(p []byte) (int, error) {
	if len(p) > f.left {
		n, _ := f.File.Write(p[:f.left])
		f.left = 0
		return n, syscall.ENOSPC
	}
	f.left -= len(p)
	return f.File.Write(p)
}

// fullDiskFS is the real file system whose new temp files fill the disk
// after 1000 bytes while full is set.
type fullDiskFS struct {
	osFS
	full bool
}

func (fs *fullDiskFS) CreateTemp(dir, pattern string) (file, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil || !fs.full {
		return openFile(f, err)
	}
	return &fullDisk{File: f, left: 1000}, nil
}

func TestFullDiskDuringCompaction(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vault")
	store := map[string]string{}
	disk := &fullDiskFS{}
	v, c, err := Create(dir, CreateOptions{Store: mapStore(store)}, withFileSystem(disk), StateDir(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if err := v.Update(func(tx *Tx) error { _, err := tx.Exec(q, args...); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if err := v.Migrate("test", fstest.MapFS{"0001_t.sql": {Data: []byte("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT);")}}); err != nil {
		t.Fatal(err)
	}
	exec("INSERT INTO t VALUES(1, 'before the disk filled')")
	before, _ := os.ReadFile(filepath.Join(dir, snapshotFile))

	disk.full = true

	if err := v.Compact(); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("compact on a full disk: got %v, want ENOSPC", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, snapshotFile))
	if !bytes.Equal(before, after) {
		t.Fatal("the old snapshot changed during a failed compaction")
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(m) != 0 {
		t.Fatalf("temp files left behind: %v", m)
	}
	exec("INSERT INTO t VALUES(2, 'after the disk filled')") // commits still work
	if err := v.Close(); !errors.Is(err, ErrNotCompacted) {
		t.Fatalf("close on a full disk: got %v, want ErrNotCompacted", err)
	}
	disk.full = false

	v, err = Open(dir, FromStore(mapStore(store)), withFileSystem(disk), StateDir(filepath.Dir(v.state.path)))
	if err != nil {
		t.Fatalf("open after failed compactions: %v", err)
	}
	defer v.Close()
	var n int
	v.Read(func(q Querier) error { return q.QueryRow("SELECT count(*) FROM t").Scan(&n) })
	if n != 2 {
		t.Fatalf("rows after a full disk: %d, want 2", n)
	}
	_ = c
}

// mapStore is an in-memory KeyStore (vaulttest cannot be imported here:
// it imports this package).
type mapStore map[string]string

func (m mapStore) Get(id string) (string, error) {
	if s, ok := m[id]; ok {
		return s, nil
	}
	return "", ErrNoKey
}
func (m mapStore) Set(id, s string) error { m[id] = s; return nil }
func (m mapStore) Delete(id string) error { delete(m, id); return nil }
