package vault

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// File names inside a vault folder.
const (
	metaFile       = "vault.json"
	snapshotFile   = "vault.age"
	journalFile    = "journal"
	lockFile       = "lock"
	passphraseFile = "passphrase.age"
)

// createTemp is a seam for tests that simulate a full disk.
var createTemp = func(dir, pattern string) (tempFile, error) { return os.CreateTemp(dir, pattern) }

// tempFile is the part of *os.File that writeAtomic needs.
type tempFile interface {
	io.Writer
	Name() string
	Sync() error
	Close() error
}

// writeAtomic replaces dir/name with the bytes produced by write, the
// crash-safe way: a temp file in the same folder, fsync, close, rename,
// fsync the folder. On any failure the temp file is removed and the old
// file is left as it was.
func writeAtomic(dir, name string, write func(w io.Writer) error) (err error) {
	f, err := createTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return fmt.Errorf("create temp file for %s: %w", name, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", name, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", name, err)
	}
	if err = os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("rename %s: %w", name, err)
	}
	return syncDir(dir)
}

// writeFileAtomic is writeAtomic for a byte slice.
func writeFileAtomic(dir, name string, data []byte) error {
	return writeAtomic(dir, name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// syncDir fsyncs a folder so that a rename or a new file in it is durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open folder: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync folder: %w", err)
	}
	return nil
}

// removeStaleTemps removes temp files left by a crash mid-write. They only
// ever hold ciphertext, but they are garbage.
func removeStaleTemps(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	for _, m := range matches {
		os.Remove(m)
	}
}
