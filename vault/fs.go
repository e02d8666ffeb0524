package vault

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"github.com/gofrs/flock"
)

// fileSystem is every file operation the vault makes, on the vault folder,
// on backups, on exports and on the device's own state. Production code
// runs on osFS; the power-loss tests put a simulated disk under it that, at
// a chosen moment, loses every write not followed by an fsync and every
// rename or removal whose folder was not fsynced.
type fileSystem interface {
	ReadFile(name string) ([]byte, error)
	// Open opens a file for reading.
	Open(name string) (file, error)
	// OpenFile is os.OpenFile.
	OpenFile(name string, flag int, perm os.FileMode) (file, error)
	// CreateTemp is os.CreateTemp: a new file, mode 0600.
	CreateTemp(dir, pattern string) (file, error)
	// Rename replaces newpath with oldpath. It is durable only once the
	// folder is synced (on Windows, where folders cannot be synced, the
	// rename itself writes through).
	Rename(oldpath, newpath string) error
	Remove(name string) error
	Stat(name string) (os.FileInfo, error)
	// MkdirAll creates a folder, mode 0700, and any missing parents.
	MkdirAll(dir string) error
	// ReadDir returns the names in a folder.
	ReadDir(dir string) ([]string, error)
	// SyncDir makes the folder's entries durable: files created, renamed
	// or removed in it.
	SyncDir(dir string) error
	// Lock takes the OS lock on path without waiting: ErrInUse when
	// another process holds it.
	Lock(path string) (unlock func(), err error)
	// CanWrite says whether files can be created in dir: an error that
	// notWritable recognises when the folder is read-only.
	CanWrite(dir string) error
}

// file is the part of *os.File the vault uses.
type file interface {
	io.Reader
	io.Writer
	io.WriterAt
	Name() string
	Stat() (os.FileInfo, error)
	Truncate(size int64) error
	Sync() error
	Close() error
}

// osFS is the real file system.
type osFS struct{}

func (osFS) ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }
func (osFS) Open(name string) (file, error)       { return openFile(os.Open(name)) }
func (osFS) OpenFile(name string, flag int, perm os.FileMode) (file, error) {
	return openFile(os.OpenFile(name, flag, perm))
}
func (osFS) CreateTemp(dir, pattern string) (file, error) {
	return openFile(os.CreateTemp(dir, pattern))
}
func (osFS) Rename(oldpath, newpath string) error  { return renameDurably(oldpath, newpath) }
func (osFS) Remove(name string) error              { return os.Remove(name) }
func (osFS) Stat(name string) (os.FileInfo, error) { return os.Stat(name) }
func (osFS) MkdirAll(dir string) error             { return os.MkdirAll(dir, 0o700) }
func (osFS) SyncDir(dir string) error              { return syncDir(dir) }
func (osFS) CanWrite(dir string) error             { return canWrite(dir) }

func (osFS) ReadDir(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names, err
}

func (osFS) Lock(path string) (func(), error) {
	fl := flock.New(path)
	ok, err := fl.TryLock()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrInUse
	}
	return func() { fl.Unlock() }, nil
}

// openFile turns an (*os.File, error) pair into a (file, error) pair
// without the typed-nil trap.
func openFile(f *os.File, err error) (file, error) {
	if err != nil {
		return nil, err
	}
	return f, nil
}

// notWritable reports whether err says that a folder cannot be written at
// all: a read-only medium or mount, or no permission.
func notWritable(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, os.ErrPermission)
}

// mkdirAllDurable creates dir and its missing parents, and syncs the
// parent of each folder it created, so that a power loss cannot take the
// new folder, and everything later written in it, away.
func mkdirAllDurable(fsys fileSystem, dir string) error {
	var created []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := fsys.Stat(d); err == nil {
			break
		}
		created = append(created, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if len(created) == 0 {
		return nil
	}
	if err := fsys.MkdirAll(dir); err != nil {
		return err
	}
	for _, d := range created {
		if err := fsys.SyncDir(filepath.Dir(d)); err != nil {
			return err
		}
	}
	return nil
}
