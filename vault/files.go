package vault

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// File names inside a vault folder.
const (
	metaFile       = "vault.json"
	snapshotFile   = "vault.age"
	journalFile    = "journal"
	lockFile       = "lock"
	passphraseFile = "passphrase.age"
)

// vaultFiles are the files that make a folder a vault folder: any one of
// them is enough for Create to refuse the folder.
var vaultFiles = []string{metaFile, snapshotFile, journalFile, passphraseFile}

// tempPattern is the name of a temp file written on the way to name.
func tempPattern(name string) string { return "." + name + ".tmp-*" }

// writeAtomic replaces dir/name with the bytes produced by write, with
// the one crash-safe writer (File): a temp file (mode 0600) in the same
// folder, fsync, close, rename, fsync the folder. On any failure the temp
// file is removed and the old file is left as it was. renamed says whether
// the rename happened, for callers to whom a rename whose folder sync
// failed is not the same as nothing done. It is for the vault's own files:
// it does not refuse a vault folder.
func writeAtomic(fsys fileSystem, dir, name string, write func(f file) error) (renamed bool, err error) {
	f, err := newFile(fsys, filepath.Join(dir, name), "", false)
	if err != nil {
		return false, err
	}
	if err := write(f.f); err != nil {
		f.Abort()
		return false, fmt.Errorf("write %s: %w", name, err)
	}
	return f.commit()
}

// writeFileAtomic is writeAtomic for a byte slice.
func writeFileAtomic(fsys fileSystem, dir, name string, data []byte) error {
	_, err := writeAtomic(fsys, dir, name, func(f file) error { return writeAll(f, data) })
	return err
}

// writeAll writes data, turning a short write into an error.
func writeAll(w io.Writer, data []byte) error {
	n, err := w.Write(data)
	if err == nil && n != len(data) {
		err = io.ErrShortWrite
	}
	return err
}

// removeStaleTemps removes the temp files a crash left in dir on the way
// to one of names (all of the folder's temp files when names is empty).
// In a vault folder they only ever hold ciphertext, but they are garbage.
func removeStaleTemps(fsys fileSystem, dir string, names ...string) {
	entries, _ := fsys.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasPrefix(e, ".") || !strings.Contains(e, ".tmp-") {
			continue
		}
		for _, n := range names {
			if strings.HasPrefix(e, "."+n+".tmp-") {
				fsys.Remove(filepath.Join(dir, e))
			}
		}
		if len(names) == 0 {
			fsys.Remove(filepath.Join(dir, e))
		}
	}
}

// isVaultFolder reports whether dir holds a vault's files (a journal
// counts only with a journal header, since "journal" is a common name).
func isVaultFolder(fsys fileSystem, dir string) bool {
	for _, n := range vaultFiles {
		path := filepath.Join(dir, n)
		if n == journalFile {
			f, err := fsys.Open(path)
			if err != nil {
				continue
			}
			head := make([]byte, len(journalHeader))
			_, err = io.ReadFull(f, head)
			f.Close()
			if err == nil && bytes.Equal(head, []byte(journalHeader)) {
				return true
			}
			continue
		}
		if _, err := fsys.Stat(path); err == nil {
			return true
		}
	}
	return false
}

// insideVault returns the vault folder that holds path (path itself, or
// one of the folders above it), or "".
func insideVault(fsys fileSystem, path string) string {
	for d := abs(path); ; d = filepath.Dir(d) {
		if isVaultFolder(fsys, d) {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// exists reports whether path exists; an error other than "does not
// exist" counts as existing, so that nothing is overwritten on a guess.
func exists(fsys fileSystem, path string) bool {
	_, err := fsys.Stat(path)
	return !errors.Is(err, os.ErrNotExist)
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	return filepath.Clean(a)
}
