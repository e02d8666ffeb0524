package vault

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"filippo.io/age"
)

// DefaultJournalLimit is the journal size past which a commit also compacts.
const DefaultJournalLimit = 16 << 20

// Vault is an open, unlocked vault. Its methods are safe for concurrent use;
// they run one at a time.
type Vault struct {
	mu          sync.Mutex
	fsys        fileSystem
	dir         string
	meta        *Meta
	db          *sql.DB
	direct      bool           // db's image was handed to SQLite whole (memdb.go), and can be zeroed
	ids         []age.Identity // what unlocked it, kept while unlocked
	usedID      age.Identity   // the identity that matched, if known
	wrapAlso    []*age.X25519Identity
	unlock      func() // releases the folder's lock; nil on a read-only folder
	journal     *journal
	gen         uint64 // snapshot generation
	seq         uint64 // journal records in this generation
	auth        *authKeys
	snapTag     []byte // the snapshot's authentication tag; nil for a vault without authentication
	snapVaultID string // the vault id the snapshot is authenticated for
	jhead       []byte // the chain through the journal's key frame and records (see auth.go)
	logSeq      int64  // the event log's newest entry
	logHash     []byte
	state       *deviceState
	opened      openReport
	readOnly    bool
	roFolder    bool // the folder itself cannot be written
	limit       int64
	now         func() time.Time
	warnings    []error
	broken      error // set when only a reopen can tell what is on the disk
}

// openReport is what Open found, for Verify and Status.
type openReport struct {
	firstUse  bool   // this device had no state for the folder
	restored  *seen  // with Restore: the newer state that was given up
	tornBytes int64  // a torn final journal record, discarded
	seen      *seen  // the device state Open compared with
	metaFixed string // vault.json was missing, unreadable or out of date, and rebuilt
}

// Option adjusts how a vault is opened.
type Option func(*options)

type options struct {
	readOnly bool
	restore  bool
	limit    int64
	now      func() time.Time
	stateDir string
	fsys     fileSystem
}

// ReadOnly opens a vault for reading and checking: nothing in the folder
// is written (not even the discarding of a torn journal record), and the
// device state is not updated.
func ReadOnly() Option { return func(o *options) { o.readOnly = true } }

// Restore accepts the vault in the folder as it is, though it is older
// than what this device last saw there (a backup put back on purpose), or
// lost journal records, or was written before authentication: the one
// way past those refusals of Open. Files that fail authentication are
// still refused. Open then records the folder's state as the newest seen.
func Restore() Option { return func(o *options) { o.restore = true } }

// JournalLimit sets the journal size past which a commit compacts.
func JournalLimit(bytes int64) Option { return func(o *options) { o.limit = bytes } }

// Clock sets the clock used for creation and enrollment times.
func Clock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// StateDir sets the folder of the device state (default DefaultStateDir).
func StateDir(dir string) Option { return func(o *options) { o.stateDir = dir } }

// withFileSystem runs the vault on another file system (the power-loss
// tests' simulated disk).
func withFileSystem(fsys fileSystem) Option { return func(o *options) { o.fsys = fsys } }

func collect(opts []Option) options {
	o := options{limit: DefaultJournalLimit, now: time.Now, fsys: osFS{}}
	for _, f := range opts {
		f(&o)
	}
	if o.stateDir == "" {
		o.stateDir = DefaultStateDir()
	}
	return o
}

// Dir returns the vault folder.
func (v *Vault) Dir() string { return v.dir }

// ID returns the vault id.
func (v *Vault) ID() string { return v.meta.ID }

// ReadOnly reports whether the vault was opened read-only, or found on a
// folder that cannot be written (a read-only medium).
func (v *Vault) ReadOnly() bool { return v.readOnly }

// Warnings returns, and forgets, what went wrong after a change was
// already durable: a compaction that failed (the journal still holds
// every commit), a device state or vault.json that could not be updated.
// None of them lost anything; each says what it affects.
func (v *Vault) Warnings() []error {
	v.mu.Lock()
	defer v.mu.Unlock()
	w := v.warnings
	v.warnings = nil
	return w
}

func (v *Vault) warn(err error) { v.warnings = append(v.warnings, err) }

// Open unlocks the vault in dir with key: it reads the snapshot and checks
// that it is authentic and not older than what this device last saw,
// loads it into memory and replays the journal. The vault stays locked
// against other processes until Close. A folder that cannot be written
// opens read-only.
func Open(dir string, key Key, opts ...Option) (*Vault, error) {
	o := collect(opts)
	if !hasVaultFiles(o.fsys, dir) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, dir)
	}
	v := &Vault{fsys: o.fsys, dir: dir, readOnly: o.readOnly, limit: o.limit, now: o.now,
		state: newDeviceState(o.fsys, o.stateDir, dir)}
	if err := v.lock(); err != nil {
		return nil, err
	}
	if err := v.open(key, o.restore); err != nil {
		v.release()
		return nil, err
	}
	return v, nil
}

// hasVaultFiles reports whether dir holds any of a vault's files: if it
// does, it is a vault (perhaps a damaged one), never "no vault".
func hasVaultFiles(fsys fileSystem, dir string) bool {
	for _, n := range vaultFiles {
		if exists(fsys, filepath.Join(dir, n)) {
			return true
		}
	}
	return false
}

// lock takes the folder's lock. A folder that cannot be written at all
// cannot be written by anyone else either: the vault opens read-only,
// without a lock.
func (v *Vault) lock() error {
	unlock, err := v.fsys.Lock(filepath.Join(v.dir, lockFile))
	switch {
	case err == nil:
		v.unlock = unlock
	case errors.Is(err, ErrInUse):
		return ErrInUse
	case notWritable(err):
		v.readOnly, v.roFolder = true, true
	default:
		return fmt.Errorf("lock the vault: %w", err)
	}
	// The lock may open read-only on a read-only medium: ask the folder.
	if err := v.fsys.CanWrite(v.dir); notWritable(err) {
		v.readOnly, v.roFolder = true, true
	}
	return nil
}

func (v *Vault) open(key Key, restore bool) error {
	if err := v.readMetaOrRebuild(key); err != nil {
		return err
	}
	ids, err := key.identities(v.fsys, v.dir, v.meta)
	if err != nil {
		return err
	}
	st, err := v.state.read()
	if err != nil {
		if !restore {
			return err
		}
		st = nil
	}
	v.opened.seen = st
	v.opened.firstUse = st == nil
	if err := v.readSnapshot(ids, restore); err != nil {
		return err
	}
	if err := v.checkSnapshotMeta(); err != nil {
		return err
	}
	if err := v.checkSnapshotFresh(st, restore); err != nil {
		return err
	}
	if err := v.replayJournal(st, restore); err != nil {
		return err
	}
	if err := v.checkLogHead(st, restore); err != nil {
		return err
	}
	if restore && st != nil {
		v.opened.restored = st
	}
	if !v.readOnly {
		if err := v.afterOpen(); err != nil {
			return err
		}
	}
	_, err = v.db.Exec("PRAGMA query_only=1")
	return err
}

// afterOpen is what a writable Open writes: the folder's stale temp files
// go, a vault without authentication is upgraded at once, and the device
// state records what was found.
func (v *Vault) afterOpen() error {
	removeStaleTemps(v.fsys, v.dir)
	if v.auth == nil || v.meta.Format < FormatVersion {
		if _, err := v.compactLocked(); err != nil {
			v.warn(fmt.Errorf("%w: the vault could not be upgraded to authenticated files yet: %v", ErrNotCompacted, err))
		}
		return nil
	}
	v.saveState(stateKeep)
	if v.opened.metaFixed != "" {
		if err := writeFileAtomic(v.fsys, v.dir, metaFile, v.meta.Marshal()); err != nil {
			v.warn(fmt.Errorf("vault.json could not be rebuilt (it is only a plaintext copy of what the snapshot holds): %w", err))
		}
	}
	return nil
}

// Close compacts the journal into a new snapshot if anything was written,
// zeroes and drops the in-memory database and releases the folder. After
// Close every method returns ErrLocked. If compaction fails the journal
// still holds every commit, so nothing is lost: the error wraps
// ErrNotCompacted.
func (v *Vault) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.db == nil {
		return nil
	}
	var err error
	if !v.readOnly && v.seq > 0 {
		if v.broken != nil {
			err = fmt.Errorf("%w: %v", ErrNotCompacted, v.broken)
		} else if _, cerr := v.compactLocked(); cerr != nil {
			err = fmt.Errorf("%w: %v", ErrNotCompacted, cerr)
		}
	}
	v.release()
	return err
}

// Lock is Close: the vault's data leaves memory and the key is forgotten.
func (v *Vault) Lock() error { return v.Close() }

func (v *Vault) release() {
	if v.db != nil {
		if v.direct {
			zeroImage(v.db)
		}
		v.db.Close()
		v.db = nil
	}
	v.journal.close()
	v.journal = nil
	v.state.close()
	v.ids, v.usedID, v.wrapAlso = nil, nil, nil
	if v.auth != nil {
		clear(v.auth.key)
	}
	if v.unlock != nil {
		v.unlock()
		v.unlock = nil
	}
}

func (v *Vault) usable(write bool) error {
	if v.db == nil {
		return ErrLocked
	}
	if write && v.roFolder {
		return ErrReadOnly
	}
	if write && v.readOnly {
		return fmt.Errorf("%w: it was opened read-only", ErrReadOnly)
	}
	if write && v.broken != nil {
		return fmt.Errorf("the vault must be unlocked again before the next change (%v)", v.broken)
	}
	return nil
}

func randomID(prefix string) string {
	b := make([]byte, 8)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}
