package vault

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ErrInsideVault means a file was to be written into a vault folder (or a
// folder inside one), where it could replace or be mistaken for the
// vault's own files.
var ErrInsideVault = errors.New("that is inside a vault folder; choose a place outside it")

// A File is a file Confide writes for the user (a PDF, a form, an export,
// a key file) the crash-safe way: its bytes go to a temporary file beside
// the destination, mode 0600, and only Commit puts it in place, after an
// fsync, with a rename and an fsync of the folder. Until then the
// destination is untouched; after Commit it holds the complete file. A
// failed or abandoned File leaves nothing behind (Abort); only a crash
// between CreateFile and Commit can leave the temporary file, which is why
// callers that write plaintext note TempPath somewhere they look after a
// crash (the release flow notes it in the vault).
type File struct {
	fsys      fileSystem
	f         file
	temp      string
	dest      string
	noReplace bool
	synced    bool
	done      bool
}

// CreateFile starts writing path. It refuses a path inside a vault folder
// (ErrInsideVault) and a path that is a folder.
func CreateFile(path string) (*File, error) { return createFile(osFS{}, path, "", false) }

// CreateFileTemp is CreateFile with the temporary file's name chosen by
// the caller (a base name, in the destination's folder), so that it can be
// noted before it exists. The temporary file must not exist yet.
func CreateFileTemp(path, tempName string) (*File, error) {
	return createFile(osFS{}, path, tempName, false)
}

// CreateNewFile is CreateFile for a file that must not exist yet, such as
// a key file: Commit fails, and leaves the existing file alone, if it does.
func CreateNewFile(path string) (*File, error) { return createFile(osFS{}, path, "", true) }

// createFile is CreateFile on fsys: the checks, then newFile.
func createFile(fsys fileSystem, path, tempName string, noReplace bool) (*File, error) {
	dest := abs(path)
	if v := insideVault(fsys, filepath.Dir(dest)); v != "" {
		return nil, fmt.Errorf("%w (%s)", ErrInsideVault, v)
	}
	if st, err := fsys.Stat(dest); err == nil && st.IsDir() {
		if isVaultFolder(fsys, dest) {
			return nil, fmt.Errorf("%w (%s)", ErrInsideVault, dest)
		}
		return nil, fmt.Errorf("%s is a folder; give a file name", path)
	}
	if noReplace && exists(fsys, dest) {
		return nil, fmt.Errorf("%s already exists; choose a new file", path)
	}
	return newFile(fsys, dest, tempName, noReplace)
}

// newFile starts writing dest (an absolute path), without the checks of
// createFile: the vault's own files go through it too (writeAtomic).
func newFile(fsys fileSystem, dest, tempName string, noReplace bool) (*File, error) {
	dir := filepath.Dir(dest)
	var f file
	var err error
	if tempName == "" {
		f, err = fsys.CreateTemp(dir, tempPattern(filepath.Base(dest)))
	} else {
		if filepath.Base(tempName) != tempName {
			return nil, errors.New("the temporary file's name must be a base name")
		}
		f, err = fsys.OpenFile(filepath.Join(dir, tempName), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	}
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", filepath.Base(dest), err)
	}
	return &File{fsys: fsys, f: f, temp: f.Name(), dest: dest, noReplace: noReplace}, nil
}

// Write writes to the temporary file.
func (f *File) Write(p []byte) (int, error) {
	if f.synced || f.done {
		return 0, errors.New("write after the file was synced")
	}
	return f.f.Write(p)
}

// TempPath returns the absolute path of the temporary file.
func (f *File) TempPath() string { return f.temp }

// Path returns the absolute path of the destination.
func (f *File) Path() string { return f.dest }

// Sync makes the temporary file's content durable and closes it; it
// stays under its temporary name until Commit. On failure the temporary
// file is removed.
func (f *File) Sync() error {
	if f.synced {
		return nil
	}
	name := filepath.Base(f.dest)
	if err := f.f.Sync(); err != nil {
		f.Abort()
		return fmt.Errorf("sync %s: %w", name, err)
	}
	f.synced = true
	if err := f.f.Close(); err != nil {
		f.Abort()
		return fmt.Errorf("close %s: %w", name, err)
	}
	return nil
}

// Keep is Sync, and makes the temporary file's name durable too (an
// fsync of its folder): for a file that must outlive a crash before
// Commit, as a release's does until the next Open places it.
func (f *File) Keep() error {
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.fsys.SyncDir(filepath.Dir(f.temp)); err != nil {
		f.Abort()
		return fmt.Errorf("sync the folder of %s: %w", filepath.Base(f.dest), err)
	}
	return nil
}

// Commit puts the file in place: sync (if not done), rename over the
// destination, sync the folder. On failure before the rename the
// temporary file is removed and the destination is as it was.
func (f *File) Commit() error {
	_, err := f.commit()
	return err
}

// commit is Commit, saying whether the rename happened (a failure to sync
// the folder after it leaves the new file in place, not yet durable).
func (f *File) commit() (renamed bool, err error) {
	if f.done {
		return false, errors.New("the file was already committed or abandoned")
	}
	if err := f.Sync(); err != nil {
		return false, err
	}
	if f.noReplace && exists(f.fsys, f.dest) {
		f.Abort()
		return false, fmt.Errorf("%s already exists; choose a new file", f.dest)
	}
	f.done = true
	renamed, err = placeFile(f.fsys, f.temp, f.dest)
	if !renamed {
		f.fsys.Remove(f.temp)
	}
	return renamed, err
}

// Abort closes and removes the temporary file; the destination is left as
// it was. It is safe to call after Commit (it then does nothing).
func (f *File) Abort() {
	if f == nil || f.done {
		return
	}
	f.done = true
	if !f.synced {
		f.f.Close()
	}
	f.fsys.Remove(f.temp)
}

// PlaceFile renames a temporary file written and synced earlier (by a
// File, before a crash) over its destination and syncs the folder. It
// refuses a destination inside a vault folder.
func PlaceFile(temp, dest string) error {
	if v := insideVault(osFS{}, filepath.Dir(abs(dest))); v != "" {
		return fmt.Errorf("%w (%s)", ErrInsideVault, v)
	}
	_, err := placeFile(osFS{}, temp, abs(dest))
	return err
}

// placeFile renames temp over dest and syncs the folder; renamed says
// whether the rename happened.
func placeFile(fsys fileSystem, temp, dest string) (renamed bool, err error) {
	name := filepath.Base(dest)
	if err := fsys.Rename(temp, dest); err != nil {
		return false, fmt.Errorf("rename %s: %w", name, err)
	}
	if err := fsys.SyncDir(filepath.Dir(dest)); err != nil {
		return true, fmt.Errorf("sync the folder of %s: %w", name, err)
	}
	return true, nil
}

// WriteFile writes data to path the crash-safe way (see File): the
// destination holds either its old content or all of data, mode 0600.
func WriteFile(path string, data []byte) error {
	return WriteFileFrom(path, func(w io.Writer) error { return writeAll(w, data) })
}

// WriteFileFrom is WriteFile for content that write produces.
func WriteFileFrom(path string, write func(w io.Writer) error) error {
	f, err := CreateFile(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Abort()
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return f.Commit()
}
