package vault

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// simFS is a simulated disk for the power-loss tests, in the manner of
// SQLite's crash-test VFS. It keeps, beside what a running program sees,
// what would survive a power loss: a file's bytes as of its last fsync, a
// folder's entries as of its last fsync. At a chosen operation the power
// fails: that operation and every later one fail, and crash() returns the
// disk as it comes back, where every write not followed by an fsync, and
// every creation, rename or removal whose folder was not fsynced, is gone
// (or, in torn mode, partly there).
type simFS struct {
	mu       sync.Mutex
	live     map[string]map[string]*simNode // folder -> name -> node
	durable  map[string]map[string]*simNode // folder -> entries as of its last fsync
	ops      int                            // operations that change the disk, so far
	cutAt    int                            // the power fails at this operation (0: never)
	dead     bool
	locks    map[string]bool
	readOnly bool // every write fails with EROFS (a read-only medium)
	temps    int
	torn     *rand.Rand // in torn mode, what is not synced survives in part
}

type simNode struct {
	dir     bool
	data    []byte
	synced  []byte // the bytes as of the last fsync
	modTime time.Time
}

var errPowerLost = errors.New("simulated power loss")

func newSimFS(folders ...string) *simFS {
	s := &simFS{live: map[string]map[string]*simNode{"/": {}}, durable: map[string]map[string]*simNode{"/": {}}, locks: map[string]bool{}}
	for _, f := range folders {
		s.mkdirDurable(f)
	}
	return s
}

// mkdirDurable makes a folder that survives power loss, as the test's
// starting point.
func (s *simFS) mkdirDurable(dir string) {
	for _, d := range ancestors(dir) {
		if _, ok := s.live[d]; ok {
			continue
		}
		n := &simNode{dir: true}
		s.live[d], s.durable[d] = map[string]*simNode{}, map[string]*simNode{}
		s.live[filepath.Dir(d)][filepath.Base(d)] = n
		s.durable[filepath.Dir(d)][filepath.Base(d)] = n
	}
}

// ancestors returns dir's folders from the root down, without "/".
func ancestors(dir string) []string {
	var out []string
	for d := filepath.Clean(dir); d != "/"; d = filepath.Dir(d) {
		out = append([]string{d}, out...)
	}
	return out
}

// step counts an operation that changes the disk and fails it, and all
// after it, once the power has failed.
func (s *simFS) step() error {
	if s.dead {
		return errPowerLost
	}
	s.ops++
	if s.cutAt > 0 && s.ops >= s.cutAt {
		s.dead = true
		return errPowerLost
	}
	if s.readOnly {
		return syscall.EROFS
	}
	return nil
}

func (s *simFS) alive() error {
	if s.dead {
		return errPowerLost
	}
	return nil
}

func (s *simFS) lookup(name string) (*simNode, error) {
	name = filepath.Clean(name)
	if name == "/" {
		return &simNode{dir: true}, nil
	}
	entries, ok := s.live[filepath.Dir(name)]
	if !ok {
		return nil, os.ErrNotExist
	}
	n, ok := entries[filepath.Base(name)]
	if !ok {
		return nil, os.ErrNotExist
	}
	return n, nil
}

func pathErr(op, name string, err error) error { return &os.PathError{Op: op, Path: name, Err: err} }

func (s *simFS) ReadFile(name string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.alive(); err != nil {
		return nil, err
	}
	n, err := s.lookup(name)
	if err != nil {
		return nil, pathErr("open", name, err)
	}
	if n.dir {
		return nil, pathErr("read", name, syscall.EISDIR)
	}
	return bytes.Clone(n.data), nil
}

func (s *simFS) Open(name string) (file, error) { return s.OpenFile(name, os.O_RDONLY, 0) }

func (s *simFS) OpenFile(name string, flag int, perm os.FileMode) (file, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	name = filepath.Clean(name)
	writes := flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_TRUNC) != 0
	if writes {
		if err := s.step(); err != nil {
			return nil, pathErr("open", name, err)
		}
	} else if err := s.alive(); err != nil {
		return nil, err
	}
	n, err := s.lookup(name)
	switch {
	case err == nil && flag&os.O_EXCL != 0 && flag&os.O_CREATE != 0:
		return nil, pathErr("open", name, os.ErrExist)
	case err == nil && n.dir:
		if writes {
			return nil, pathErr("open", name, syscall.EISDIR)
		}
	case err != nil && flag&os.O_CREATE == 0:
		return nil, pathErr("open", name, err)
	case err != nil:
		entries, ok := s.live[filepath.Dir(name)]
		if !ok {
			return nil, pathErr("open", name, os.ErrNotExist)
		}
		n = &simNode{modTime: time.Now()}
		entries[filepath.Base(name)] = n
	}
	if flag&os.O_TRUNC != 0 {
		n.data = nil
	}
	return &simFile{fs: s, node: n, name: name, write: writes}, nil
}

func (s *simFS) CreateTemp(dir, pattern string) (file, error) {
	s.mu.Lock()
	s.temps++
	name := filepath.Join(dir, strings.Replace(pattern, "*", strconv.Itoa(s.temps), 1))
	s.mu.Unlock()
	return s.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
}

func (s *simFS) Rename(oldpath, newpath string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.step(); err != nil {
		return err
	}
	n, err := s.lookup(oldpath)
	if err != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
	}
	if old, err := s.lookup(newpath); err == nil && old.dir {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: syscall.EISDIR}
	}
	to, ok := s.live[filepath.Dir(filepath.Clean(newpath))]
	if !ok || n.dir {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: syscall.EINVAL}
	}
	delete(s.live[filepath.Dir(filepath.Clean(oldpath))], filepath.Base(oldpath))
	to[filepath.Base(newpath)] = n
	return nil
}

func (s *simFS) Remove(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.step(); err != nil {
		return err
	}
	n, err := s.lookup(name)
	if err != nil {
		return pathErr("remove", name, err)
	}
	if n.dir {
		return pathErr("remove", name, syscall.ENOTEMPTY)
	}
	delete(s.live[filepath.Dir(filepath.Clean(name))], filepath.Base(name))
	return nil
}

func (s *simFS) Stat(name string) (os.FileInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.alive(); err != nil {
		return nil, err
	}
	n, err := s.lookup(name)
	if err != nil {
		return nil, pathErr("stat", name, err)
	}
	return simInfo{name: filepath.Base(name), n: n}, nil
}

func (s *simFS) MkdirAll(dir string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range ancestors(dir) {
		if _, ok := s.live[d]; ok {
			continue
		}
		if err := s.step(); err != nil {
			return err
		}
		parent, ok := s.live[filepath.Dir(d)]
		if !ok {
			return pathErr("mkdir", d, os.ErrNotExist)
		}
		s.live[d] = map[string]*simNode{}
		parent[filepath.Base(d)] = &simNode{dir: true}
	}
	return nil
}

func (s *simFS) ReadDir(dir string) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.alive(); err != nil {
		return nil, err
	}
	entries, ok := s.live[filepath.Clean(dir)]
	if !ok {
		return nil, pathErr("readdir", dir, os.ErrNotExist)
	}
	var names []string
	for n := range entries {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

func (s *simFS) SyncDir(dir string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.step(); err != nil {
		return err
	}
	dir = filepath.Clean(dir)
	entries, ok := s.live[dir]
	if !ok {
		return pathErr("sync", dir, os.ErrNotExist)
	}
	d := map[string]*simNode{}
	for k, n := range entries {
		d[k] = n
	}
	s.durable[dir] = d
	return nil
}

func (s *simFS) Lock(path string) (func(), error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readOnly {
		return nil, pathErr("open", path, syscall.EROFS)
	}
	if err := s.alive(); err != nil {
		return nil, err
	}
	if s.locks[path] {
		return nil, ErrInUse
	}
	if _, err := s.lookup(path); err != nil {
		entries, ok := s.live[filepath.Dir(path)]
		if !ok {
			return nil, pathErr("open", path, os.ErrNotExist)
		}
		entries[filepath.Base(path)] = &simNode{}
	}
	s.locks[path] = true
	return func() {
		s.mu.Lock()
		delete(s.locks, path)
		s.mu.Unlock()
	}, nil
}

func (s *simFS) CanWrite(dir string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readOnly {
		return syscall.EROFS
	}
	return s.alive()
}

// crash returns the disk as it comes back after the power failed.
func (s *simFS) crash() *simFS {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &simFS{live: map[string]map[string]*simNode{}, durable: map[string]map[string]*simNode{}, locks: map[string]bool{}, temps: s.temps}
	var walk func(dir string)
	walk = func(dir string) {
		entries := map[string]*simNode{}
		out.live[dir], out.durable[dir] = entries, map[string]*simNode{}
		for name, n := range s.durable[dir] {
			if n.dir {
				entries[name] = &simNode{dir: true}
				out.durable[dir][name] = entries[name]
				walk(filepath.Join(dir, name))
				continue
			}
			data := bytes.Clone(n.synced)
			if s.torn != nil && len(n.data) > len(data) && bytes.HasPrefix(n.data, data) {
				data = append(data, n.data[len(data):len(data)+s.torn.IntN(len(n.data)-len(data)+1)]...)
			}
			c := &simNode{data: data, synced: bytes.Clone(data), modTime: n.modTime}
			entries[name], out.durable[dir][name] = c, c
		}
	}
	walk("/")
	return out
}

// files returns the paths of every file (not folder), for the tests' own
// checks.
func (s *simFS) files() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for dir, entries := range s.live {
		for name, n := range entries {
			if !n.dir {
				out = append(out, filepath.Join(dir, name))
			}
		}
	}
	sort.Strings(out)
	return out
}

type simFile struct {
	fs     *simFS
	node   *simNode
	name   string
	off    int64
	write  bool
	closed bool
}

func (f *simFile) Name() string { return f.name }

func (f *simFile) Read(p []byte) (int, error) {
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	if err := f.fs.alive(); err != nil {
		return 0, err
	}
	if f.off >= int64(len(f.node.data)) {
		return 0, io.EOF
	}
	n := copy(p, f.node.data[f.off:])
	f.off += int64(n)
	return n, nil
}

func (f *simFile) Write(p []byte) (int, error) {
	n, err := f.WriteAt(p, f.off)
	f.off += int64(n)
	return n, err
}

func (f *simFile) WriteAt(p []byte, off int64) (int, error) {
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	if !f.write || f.closed {
		return 0, pathErr("write", f.name, os.ErrPermission)
	}
	if err := f.fs.step(); err != nil {
		return 0, pathErr("write", f.name, err)
	}
	if need := off + int64(len(p)); need > int64(len(f.node.data)) {
		f.node.data = append(f.node.data, make([]byte, need-int64(len(f.node.data)))...)
	}
	copy(f.node.data[off:], p)
	f.node.modTime = time.Now()
	return len(p), nil
}

func (f *simFile) Stat() (os.FileInfo, error) {
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	return simInfo{name: filepath.Base(f.name), n: f.node}, f.fs.alive()
}

func (f *simFile) Truncate(size int64) error {
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	if err := f.fs.step(); err != nil {
		return pathErr("truncate", f.name, err)
	}
	if size < int64(len(f.node.data)) {
		f.node.data = f.node.data[:size:size]
	}
	return nil
}

func (f *simFile) Sync() error {
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	if err := f.fs.step(); err != nil {
		return pathErr("sync", f.name, err)
	}
	f.node.synced = bytes.Clone(f.node.data)
	return nil
}

func (f *simFile) Close() error {
	f.closed = true
	return nil
}

type simInfo struct {
	name string
	n    *simNode
}

func (i simInfo) Name() string       { return i.name }
func (i simInfo) Size() int64        { return int64(len(i.n.data)) }
func (i simInfo) ModTime() time.Time { return i.n.modTime }
func (i simInfo) IsDir() bool        { return i.n.dir }
func (i simInfo) Sys() any           { return nil }
func (i simInfo) Mode() fs.FileMode {
	if i.n.dir {
		return fs.ModeDir | 0o700
	}
	return 0o600
}

func (s *simFS) String() string { return fmt.Sprintf("simFS(%d ops)", s.ops) }
