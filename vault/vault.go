package vault

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"filippo.io/age"
	"github.com/gofrs/flock"
)

// DefaultJournalLimit is the journal size past which a commit also compacts.
const DefaultJournalLimit = 16 << 20

// Vault is an open, unlocked vault. Its methods are safe for concurrent use;
// they run one at a time.
type Vault struct {
	mu       sync.Mutex
	dir      string
	meta     *Meta
	db       *sql.DB
	ids      []age.Identity // what unlocked it, kept while unlocked
	usedID   age.Identity   // the identity that matched, if known
	flock    *flock.Flock
	journal  *journal
	gen      uint64 // snapshot generation
	seq      uint64 // journal records in this generation
	readOnly bool
	limit    int64
	now      func() time.Time
}

// Option adjusts how a vault is opened.
type Option func(*options)

type options struct {
	readOnly bool
	limit    int64
	now      func() time.Time
}

// ReadOnly opens a vault for reading and checking: nothing in the folder
// is written (not even the discarding of a torn journal record).
func ReadOnly() Option { return func(o *options) { o.readOnly = true } }

// JournalLimit sets the journal size past which a commit compacts.
func JournalLimit(bytes int64) Option { return func(o *options) { o.limit = bytes } }

// Clock sets the clock used for creation and enrollment times.
func Clock(now func() time.Time) Option { return func(o *options) { o.now = now } }

func collect(opts []Option) options {
	o := options{limit: DefaultJournalLimit, now: time.Now}
	for _, f := range opts {
		f(&o)
	}
	return o
}

// Dir returns the vault folder.
func (v *Vault) Dir() string { return v.dir }

// ID returns the vault id.
func (v *Vault) ID() string { return v.meta.ID }

// Open unlocks the vault in dir with key: it reads the snapshot, checks it,
// loads it into memory and replays the journal. The vault stays locked
// against other processes until Close.
func Open(dir string, key Key, opts ...Option) (*Vault, error) {
	o := collect(opts)
	meta, err := readMeta(dir)
	if err != nil {
		return nil, err
	}
	fl, err := takeLock(dir)
	if err != nil {
		return nil, err
	}
	v := &Vault{dir: dir, meta: meta, flock: fl, readOnly: o.readOnly, limit: o.limit, now: o.now}
	if err := v.open(key); err != nil {
		v.release()
		return nil, err
	}
	return v, nil
}

func takeLock(dir string) (*flock.Flock, error) {
	fl := flock.New(filepath.Join(dir, lockFile))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock the vault: %w", err)
	}
	if !ok {
		return nil, ErrInUse
	}
	return fl, nil
}

func (v *Vault) open(key Key) error {
	ids, err := key.identities(v.dir, v.meta)
	if err != nil {
		return err
	}
	recs := make([]*recordingIdentity, len(ids))
	wrapped := make([]age.Identity, len(ids))
	for i, id := range ids {
		recs[i] = &recordingIdentity{Identity: id}
		wrapped[i] = recs[i]
	}
	db, err := v.readSnapshot(wrapped, ids)
	if err != nil {
		return err
	}
	for _, r := range recs {
		if r.used {
			v.usedID = r.Identity
		}
	}
	v.ids = ids
	v.db = db
	if err := v.checkSnapshotMeta(); err != nil {
		return err
	}
	if !v.readOnly {
		removeStaleTemps(v.dir)
	}
	if err := v.replayJournal(); err != nil {
		return err
	}
	_, err = v.db.Exec("PRAGMA query_only=1")
	return err
}

// readSnapshot decrypts vault.age into an in-memory database. A key that
// is one of the vault's recipients but fails to unwrap means the file was
// altered: that is damage, not a wrong key.
func (v *Vault) readSnapshot(wrapped, ids []age.Identity) (*sql.DB, error) {
	f, err := os.Open(filepath.Join(v.dir, snapshotFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, damaged(snapshotFile, 0, -1, "missing")
	}
	if err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	defer f.Close()
	r, err := age.Decrypt(f, wrapped...)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) && !v.isRecipient(ids) {
			return nil, ErrWrongKey
		}
		return nil, damaged(snapshotFile, 0, -1, "does not decrypt")
	}
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	db, err := loadFrom(r, st.Size())
	if err != nil {
		return nil, damaged(snapshotFile, 0, -1, "%v", err)
	}
	return db, nil
}

func (v *Vault) isRecipient(ids []age.Identity) bool {
	for _, id := range ids {
		pk := publicKeyOf(id)
		for _, r := range v.meta.Recipients {
			if pk != "" && r.PublicKey == pk {
				return true
			}
		}
	}
	return false
}

// checkSnapshotMeta compares the snapshot's own record of the vault with
// vault.json. The snapshot is authoritative: vault.json is a plaintext
// mirror that anyone could edit, so a differing recipient list there is
// repaired from the snapshot, never trusted.
func (v *Vault) checkSnapshotMeta() error {
	m, err := v.metaValues()
	if err != nil {
		return damaged(snapshotFile, 0, -1, "no vault record")
	}
	if m["vault_id"] != v.meta.ID {
		return damaged(metaFile, 0, -1, "belongs to another vault")
	}
	f, _ := strconv.Atoi(m["format"])
	if f > FormatVersion {
		return fmt.Errorf("%w (format %d): update Confide", ErrNewerFormat, f)
	}
	gen, err := strconv.ParseUint(m["generation"], 10, 64)
	if err != nil || gen == 0 {
		return damaged(snapshotFile, 0, -1, "bad generation")
	}
	v.gen = gen
	var inner []Recipient
	if err := json.Unmarshal([]byte(m["recipients"]), &inner); err != nil || len(inner) == 0 {
		return damaged(snapshotFile, 0, -1, "bad recipient record")
	}
	outer := v.meta.recipientsKey()
	v.meta.Recipients = inner
	if v.meta.recipientsKey() != outer && !v.readOnly {
		return writeFileAtomic(v.dir, metaFile, v.meta.Marshal())
	}
	return nil
}

func (v *Vault) metaValues() (map[string]string, error) {
	rows, err := v.db.Query("SELECT key, value FROM _vault_meta")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var k, val string
		if err := rows.Scan(&k, &val); err != nil {
			return nil, err
		}
		m[k] = val
	}
	return m, rows.Err()
}

func (v *Vault) replayJournal() error {
	path := filepath.Join(v.dir, journalFile)
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("read journal: %w", err)
	}
	scan, err := scanJournal(data, v.ids)
	if err != nil {
		return err
	}
	// A journal without a complete key frame never acknowledged anything;
	// one of an older generation holds only what the snapshot already has.
	fresh := scan.Key == nil
	if !fresh {
		switch {
		case scan.Key.VaultID != v.meta.ID:
			return damaged(journalFile, 0, -1, "belongs to another vault")
		case scan.Key.Generation > v.gen:
			return damaged(journalFile, 0, -1, "newer than the snapshot")
		case scan.Key.Generation < v.gen:
			fresh = true
		}
	}
	if !fresh {
		for i, r := range scan.Records {
			if err := v.apply(r); err != nil {
				return damaged(journalFile, i+1, -1, "does not apply")
			}
			v.seq++
		}
	}
	if v.readOnly {
		return nil
	}
	if fresh {
		return v.resetJournal()
	}
	if scan.Torn {
		if err := os.Truncate(path, scan.GoodSize); err != nil {
			return fmt.Errorf("discard torn journal record: %w", err)
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("open journal: %w", err)
	}
	if scan.Torn {
		if err := f.Sync(); err != nil {
			f.Close()
			return fmt.Errorf("sync journal: %w", err)
		}
	}
	v.journal = &journal{f: f, size: scan.GoodSize, key: scan.Key}
	return nil
}

func (v *Vault) apply(r *record) error {
	tx, err := v.db.Begin()
	if err != nil {
		return err
	}
	for _, s := range r.Statements {
		if _, err := tx.Exec(s.Query, s.Args...); err != nil {
			tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}

// Close compacts the journal into a new snapshot if anything was written,
// drops the in-memory database and releases the folder. After Close every
// method returns ErrLocked. If compaction fails the journal still holds
// every commit, so nothing is lost; the error is returned.
func (v *Vault) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.db == nil {
		return nil
	}
	var err error
	if !v.readOnly && v.seq > 0 {
		err = v.compactLocked()
	}
	v.release()
	return err
}

// Lock is Close: the vault's data leaves memory and the key is forgotten.
func (v *Vault) Lock() error { return v.Close() }

func (v *Vault) release() {
	if v.db != nil {
		v.db.Close()
		v.db = nil
	}
	v.journal.close()
	v.journal = nil
	v.ids, v.usedID = nil, nil
	if v.flock != nil {
		v.flock.Unlock()
	}
}

func (v *Vault) usable(write bool) error {
	if v.db == nil {
		return ErrLocked
	}
	if write && v.readOnly {
		return errors.New("the vault was opened read-only")
	}
	return nil
}

func randomID(prefix string) string {
	b := make([]byte, 8)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}
