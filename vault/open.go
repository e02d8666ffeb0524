package vault

import (
	"bytes"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"filippo.io/age"
)

// readMetaOrRebuild reads vault.json. The file is a plaintext mirror of
// what the snapshot holds, so when it is missing or unreadable the vault
// is still there: its id comes from the snapshot's header (or from the
// device state of the folder), and the rest from the snapshot once
// decrypted; a writable Open writes vault.json again.
func (v *Vault) readMetaOrRebuild(key Key) error {
	meta, err := readMeta(v.fsys, v.dir)
	switch {
	case err == nil:
		v.meta = meta
		return nil
	case errors.Is(err, ErrNewerFormat):
		return err
	case errors.Is(err, os.ErrNotExist):
		v.opened.metaFixed = "missing"
	default:
		v.opened.metaFixed = "unreadable"
	}
	id := v.snapshotHeaderID()
	if id == "" {
		if st, _ := v.state.read(); st != nil {
			id = st.Vault
		}
	}
	v.meta = &Meta{Format: FormatVersion, ID: id}
	if _, fromStore := key.(storeKey); fromStore && id == "" {
		return fmt.Errorf("%w: vault.json is missing and the snapshot does not name the vault; unlock with the device key file, the recovery key or the passphrase, and it is rebuilt", ErrNoKey)
	}
	return nil
}

// snapshotHeaderID reads the vault id from vault.age's header, or "".
func (v *Vault) snapshotHeaderID() string {
	f, err := v.fsys.Open(filepath.Join(v.dir, snapshotFile))
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	return snapshotVaultID(head[:n])
}

// readSnapshot decrypts vault.age, authenticates it and loads it into an
// in-memory database. Authentication comes after age has checked the
// header and before a byte of the payload is read. A key that is one of
// the vault's recipients but fails to unwrap means the file was altered:
// that is damage, not a wrong key.
func (v *Vault) readSnapshot(ids []age.Identity, restore bool) error {
	f, err := v.fsys.Open(filepath.Join(v.dir, snapshotFile))
	if errors.Is(err, os.ErrNotExist) {
		return damaged(snapshotFile, 0, -1, "missing")
	}
	if err != nil {
		return fmt.Errorf("read snapshot: %w", err)
	}
	defer f.Close()
	caps, wrapped := captures(ids)
	r, err := age.Decrypt(f, wrapped...)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) && !v.isRecipient(ids) {
			return ErrWrongKey
		}
		return damaged(snapshotFile, 0, -1, "does not decrypt")
	}
	c := matched(caps)
	v.ids, v.usedID = ids, c.inner
	auth, fields, tag, err := openSnapshotAuth(c)
	switch {
	case err == nil:
		v.auth, v.snapTag, v.gen = auth, tag, fields.gen
		v.snapVaultID = fields.vaultID
	case (errors.Is(err, errNoAuth) || errors.Is(err, errNoWrap)) && restore:
		// Accepted on the user's word; the next snapshot gets new keys.
	case errors.Is(err, errNoAuth):
		return damaged(snapshotFile, 0, -1, "not authenticated: written by a Confide from before authentication (format 1), or by someone without a key; if it is your own vault from an earlier version, accept it once with restore, which upgrades it")
	case errors.Is(err, errNoWrap):
		return damaged(snapshotFile, 0, -1, "%v; if the folder is yours and you trust it, accept it with restore", err)
	default:
		return damaged(snapshotFile, 0, -1, "%v", err)
	}
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("read snapshot: %w", err)
	}
	db, direct, err := loadFrom(r, st.Size())
	if err != nil {
		return damaged(snapshotFile, 0, -1, "%v", err)
	}
	v.db, v.direct = db, direct
	return nil
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

// checkSnapshotMeta reads the snapshot's own record of the vault. The
// snapshot is authoritative: vault.json is a plaintext mirror that anyone
// could edit or delete, so whatever differs there is rebuilt from the
// snapshot, never trusted.
func (v *Vault) checkSnapshotMeta() error {
	m, err := v.metaValues()
	if err != nil {
		return damaged(snapshotFile, 0, -1, "no vault record")
	}
	id := m["vault_id"]
	if !validID(id) {
		return damaged(snapshotFile, 0, -1, "bad vault id")
	}
	if v.snapVaultID != "" && v.snapVaultID != id {
		return damaged(snapshotFile, 0, -1, "names another vault than the one it is authenticated for")
	}
	if v.meta.ID != id {
		if v.meta.ID != "" {
			v.opened.metaFixed = "named another vault"
		}
		v.meta.ID = id
	}
	f, _ := strconv.Atoi(m["format"])
	if f > FormatVersion {
		return fmt.Errorf("%w (format %d): update Confide", ErrNewerFormat, f)
	}
	v.meta.Format = max(f, 1)
	gen, err := strconv.ParseUint(m["generation"], 10, 64)
	if err != nil || gen == 0 {
		return damaged(snapshotFile, 0, -1, "bad generation")
	}
	if v.auth != nil && gen != v.gen {
		return damaged(snapshotFile, 0, -1, "its generation differs from the one it is authenticated for")
	}
	v.gen = gen
	var inner []Recipient
	if err := json.Unmarshal([]byte(m["recipients"]), &inner); err != nil || len(inner) == 0 {
		return damaged(snapshotFile, 0, -1, "bad recipient record")
	}
	if v.meta.recipientsKey() != (&Meta{Recipients: inner}).recipientsKey() && v.opened.metaFixed == "" {
		v.opened.metaFixed = "recipients differ"
	}
	v.meta.Recipients = inner
	if t, err := time.Parse(time.RFC3339Nano, m["created"]); err == nil {
		v.meta.Created = t
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

// stale is the damage of a folder that holds less than this device saw.
func stale(file string, record int, format string, args ...any) error {
	return &DamageError{File: file, Record: record, Offset: -1, Stale: true, Reason: fmt.Sprintf(format, args...)}
}

// checkSnapshotFresh compares the snapshot with what this device last
// saw in the folder.
func (v *Vault) checkSnapshotFresh(st *seen, restore bool) error {
	if st == nil || restore {
		return nil
	}
	switch {
	case st.Vault != v.meta.ID:
		return stale(snapshotFile, 0, "this folder held another vault (%s) when this device last saw it", st.Vault)
	case v.auth == nil:
		return damaged(snapshotFile, 0, -1, "not authenticated, though this device has seen this vault's files authenticated")
	case v.gen < st.Gen:
		return stale(snapshotFile, 0, "generation %d is older than generation %d, which this device last saw (with %d journal records)", v.gen, st.Gen, st.Seq)
	case v.auth.epoch < st.Epoch:
		return stale(snapshotFile, 0, "its key epoch %d is older than epoch %d, which this device last saw", v.auth.epoch, st.Epoch)
	case v.auth.epoch == st.Epoch && hex.EncodeToString(v.auth.keyID()) != st.KeyID:
		return damaged(snapshotFile, 0, -1, "authenticated under another key than the one this device knows")
	case v.gen == st.Gen && st.Seq == 0 && hex.EncodeToString(headStart(v.snapTag)) != st.Head:
		return damaged(snapshotFile, 0, -1, "not the snapshot of generation %d that this device saw", v.gen)
	}
	return nil
}

// replayJournal reads the journal, authenticates its key frame, applies
// the records of the current generation and checks that none this device
// saw acknowledged is missing. A torn final record was never acknowledged
// and is discarded (on a writable open, from the file too).
func (v *Vault) replayJournal(st *seen, restore bool) error {
	path := filepath.Join(v.dir, journalFile)
	data, err := v.fsys.ReadFile(path)
	missing := errors.Is(err, os.ErrNotExist)
	if err != nil && !missing {
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
	var heads [][]byte
	if !fresh {
		var head []byte
		if v.auth != nil {
			if _, err := checkAuth(v.auth, scan.KeyAuth, authFields{kind: kindJournal, vaultID: v.meta.ID, gen: v.gen, epoch: v.auth.epoch}); err != nil {
				return damaged(journalFile, 0, int64(len(journalHeader)), "key frame %v", err)
			}
			head = headNext(headStart(v.snapTag), scan.Frames[0])
			v.jhead = head
		}
		for i, r := range scan.Records {
			if err := v.apply(r); err != nil {
				return damaged(journalFile, i+1, -1, "does not apply: %v", err)
			}
			v.seq++
			if head != nil {
				head = headNext(head, scan.Frames[i+1])
				heads = append(heads, head)
				v.jhead = head
			}
		}
	}
	if st != nil && !restore && st.Gen == v.gen && st.Seq > 0 {
		if err := checkJournalFresh(st, heads, missing, len(data)); err != nil {
			return err
		}
	}
	if scan.Torn {
		v.opened.tornBytes = int64(len(data)) - scan.GoodSize
	}
	if v.readOnly {
		return nil
	}
	if fresh {
		if err := v.resetJournal(); err != nil {
			v.warn(fmt.Errorf("a new journal could not be started yet (the next change tries again): %w", err))
		}
		return nil
	}
	f, err := v.fsys.OpenFile(path, os.O_RDWR, 0o600)
	if notWritable(err) {
		v.readOnly, v.roFolder = true, true // a read-only medium canWrite did not see
		return nil
	}
	if err != nil {
		return fmt.Errorf("open journal: %w", err)
	}
	if scan.Torn {
		if err := f.Truncate(scan.GoodSize); err == nil {
			err = f.Sync()
		}
		if err != nil {
			f.Close()
			return fmt.Errorf("discard torn journal record: %w", err)
		}
	}
	v.journal = &journal{f: f, size: scan.GoodSize, key: scan.Key}
	return nil
}

// checkJournalFresh refuses a journal that lost records this device saw
// acknowledged: deleted, emptied, cut short at a record's end, zeroed, or
// replaced by another.
func checkJournalFresh(st *seen, heads [][]byte, missing bool, size int) error {
	have := uint64(len(heads))
	if have < st.Seq {
		what := fmt.Sprintf("holds %d records of generation %d", have, st.Gen)
		switch {
		case missing:
			what = "is missing"
		case size == 0:
			what = "is empty"
		}
		return stale(journalFile, int(have)+1, "%s, but this device saw %d acknowledged there: records were lost", what, st.Seq)
	}
	if hex.EncodeToString(heads[st.Seq-1]) != st.Head {
		return damaged(journalFile, int(st.Seq), -1, "is not the record this device saw")
	}
	return nil
}

// checkLogHead reads the event log's newest entry and checks that the
// newest entry this device saw is still there, unchanged.
func (v *Vault) checkLogHead(st *seen, restore bool) error {
	err := v.db.QueryRow("SELECT seq, hash FROM _vault_log ORDER BY seq DESC LIMIT 1").Scan(&v.logSeq, &v.logHash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return damaged(snapshotFile, 0, -1, "no event log")
	}
	if st == nil || restore || st.Log == 0 {
		return nil
	}
	var h []byte
	err = v.db.QueryRow("SELECT hash FROM _vault_log WHERE seq = ?", st.Log).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return &DamageError{File: "event log", Offset: -1, Stale: true,
			Reason: fmt.Sprintf("holds %d entries, but this device saw %d: entries were removed", v.logSeq, st.Log)}
	}
	if err != nil || hex.EncodeToString(h) != st.LogHead {
		return &DamageError{File: "event log", Offset: -1, Reason: fmt.Sprintf("entry %d is not the one this device saw", st.Log)}
	}
	return nil
}

// saveState records in the device state what this vault holds now: a
// line appended (after a commit), the file rewritten (after a
// compaction), or, at open, kept as it is if it already says so. A
// failure loses nothing, but until the next success a rollback of the
// newest changes would go unnoticed: it is a warning.
func (v *Vault) saveState(how stateWrite) {
	if v.snapTag == nil || v.auth == nil {
		return
	}
	head := headStart(v.snapTag)
	if v.seq > 0 {
		head = v.jhead
	}
	s := seen{Vault: v.meta.ID, Dir: abs(v.dir), Gen: v.gen, Seq: v.seq, Head: hex.EncodeToString(head),
		Log: v.logSeq, LogHead: hex.EncodeToString(v.logHash), Epoch: v.auth.epoch, KeyID: hex.EncodeToString(v.auth.keyID())}
	var err error
	switch how {
	case stateRewrite:
		err = v.state.rewrite(s)
	case stateAppend:
		err = v.state.append(s)
	default:
		err = v.state.keep(s)
	}
	if err != nil {
		v.warn(fmt.Errorf("this device could not record what it saw, so until the next change a rollback of the newest ones would go unnoticed: %w", err))
	}
}

// stateWrite is how saveState writes.
type stateWrite int

const (
	stateKeep stateWrite = iota
	stateAppend
	stateRewrite
)

// apply replays one journal record. Its statements pass the same checks
// as Tx.Exec (a record runs nothing a transaction could not), except the
// vault's own: an event log entry, which must extend the chain, and a
// migration, which may change the schema.
func (v *Vault) apply(r *record) error {
	tx, err := v.db.Begin()
	if err != nil {
		return err
	}
	migration := false
	for _, s := range r.Statements {
		migration = migration || sameQuery(s.Query, migrationQuery)
	}
	for _, s := range r.Statements {
		switch {
		case sameQuery(s.Query, logQuery):
			err = checkLogInsert(tx, s.Args)
		case migration:
		default:
			err = refuse(s.Query)
		}
		if err == nil {
			_, err = tx.Exec(s.Query, s.Args...)
		}
		if err != nil {
			tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}

// sameQuery compares statements up to white space (records written by
// earlier versions spaced them differently).
func sameQuery(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}

// checkLogInsert checks that a replayed log entry extends the chain.
func checkLogInsert(q Querier, args []any) error {
	if len(args) != 7 {
		return errors.New("bad log entry")
	}
	seq, ok1 := args[0].(int64)
	at, ok2 := args[1].(string)
	kind, ok3 := args[2].(string)
	subject, ok4 := args[3].(string)
	data, ok5 := args[4].([]byte)
	prev, ok6 := args[5].([]byte)
	hash, ok7 := args[6].([]byte)
	if args[4] == nil {
		ok5 = true
	}
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) {
		return errors.New("bad log entry")
	}
	last, lastHash, err := logHead(q)
	if err != nil {
		return err
	}
	if seq != last+1 || !bytes.Equal(prev, lastHash) || !bytes.Equal(hash, chainHash(prev, seq, at, kind, subject, data)) {
		return errors.New("a log entry that does not extend the chain")
	}
	return nil
}
