package vault

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/mattn/go-sqlite3"
)

// A table guarded by a trigger, as the domain packages guard signed notes.
var guardedSchema = fstest.MapFS{"0001_t.sql": {Data: []byte(`
CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL, frozen INTEGER NOT NULL DEFAULT 0);
CREATE TRIGGER t_frozen BEFORE UPDATE ON t WHEN OLD.frozen = 1 BEGIN SELECT RAISE(ABORT, 'frozen'); END;`)}}

func newGuardedVault(t *testing.T) (*Vault, string, mapStore) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "vault")
	store := mapStore{}
	v, _, err := Create(dir, CreateOptions{Store: store})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Migrate("test", guardedSchema); err != nil {
		t.Fatal(err)
	}
	if err := v.Update(func(tx *Tx) error {
		_, err := tx.Exec("INSERT INTO t(id, body, frozen) VALUES(1, 'signed', 1)")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return v, dir, store
}

// TestPlantedJournalWithoutKeyIsRefused: anyone can make a journal whose
// key frame is encrypted to the vault's public recipients, and fill it
// with statements that drop a trigger and rewrite a frozen row. It must
// not be replayed.
func TestPlantedJournalWithoutKeyIsRefused(t *testing.T) {
	v, dir, store := newGuardedVault(t)
	recips, err := v.meta.ageRecipients()
	if err != nil {
		t.Fatal(err)
	}
	v.Close() // compacts: the journal of the new generation is empty
	id, gen := v.meta.ID, v.gen
	head, key, err := newJournal(id, gen, recips)
	if err != nil {
		t.Fatal(err)
	}
	frame, err := sealRecord(&record{VaultID: id, Generation: gen, Seq: 1, Statements: []statement{
		{Query: "DROP TRIGGER t_frozen"},
		{Query: "UPDATE t SET body = 'forged' WHERE id = 1"},
	}}, key)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, journalFile), append(head, frame...), 0o600)
	_, err = Open(dir, FromStore(store))
	var dmg *DamageError
	if !errors.As(err, &dmg) || dmg.File != journalFile {
		t.Fatalf("got %v, want a journal DamageError", err)
	}
}

// TestReplayRefusesWhatTxRefuses: even a record sealed with the journal's
// real key (a key holder's) replays only what Tx.Exec would have let it
// record, and log entries only if they extend the chain.
func TestReplayRefusesWhatTxRefuses(t *testing.T) {
	for _, stmts := range [][]statement{
		{{Query: "DROP TRIGGER t_frozen"}},
		{{Query: "UPDATE _vault_log SET kind = 'x'"}},
		{{Query: "CREATE TABLE planted (x)"}},
		{{Query: "INSERT INTO t(id, body) VALUES(9, datetime('now'))"}},
		{{Query: logQuery, Args: []any{int64(1), "2026-01-01T00:00:00Z", "note.signed", "n-1", nil, make([]byte, 32), make([]byte, 32)}}},
	} {
		v, dir, store := newGuardedVault(t)
		planted := int(v.seq + 1)
		frame, err := sealRecord(&record{VaultID: v.meta.ID, Generation: v.gen, Seq: v.seq + 1, Statements: stmts}, v.journal.key)
		if err != nil {
			t.Fatal(err)
		}
		if err := v.journal.appendFrame(frame); err != nil {
			t.Fatal(err)
		}
		CloseWithoutCompacting(v)
		_, err = Open(dir, FromStore(store))
		var dmg *DamageError
		if !errors.As(err, &dmg) || dmg.File != journalFile || dmg.Record != planted {
			t.Errorf("%s: got %v, want damage at journal record %d", stmts[0].Query, err, planted)
		}
	}
}

// TestReadOnlyFolderOpensReadOnly: a vault on a read-only medium opens for
// reading and checking; a change is refused with ErrReadOnly, and nothing
// is written.
func TestReadOnlyFolderOpensReadOnly(t *testing.T) {
	disk := newSimFS("/sim")
	store := mapStore{}
	opts := []Option{withFileSystem(disk), StateDir("/sim/state")}
	v, _, err := Create("/sim/vault", CreateOptions{Store: store}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Migrate("test", guardedSchema); err != nil {
		t.Fatal(err)
	}
	if err := v.Update(func(tx *Tx) error { _, err := tx.Exec("INSERT INTO t(id, body) VALUES(1, 'x')"); return err }); err != nil {
		t.Fatal(err)
	}
	CloseWithoutCompacting(v) // a journal record to replay, and a torn tail's worth of risk
	disk.readOnly = true
	ops := disk.ops
	v, err = Open("/sim/vault", FromStore(store), opts...)
	if err != nil {
		t.Fatalf("open on a read-only medium: %v", err)
	}
	if !v.ReadOnly() {
		t.Error("ReadOnly() is false")
	}
	var n int
	if err := v.Read(func(q Querier) error { return q.QueryRow("SELECT count(*) FROM t").Scan(&n) }); err != nil || n != 1 {
		t.Fatalf("read: %d rows, %v", n, err)
	}
	if err := v.Update(func(tx *Tx) error { _, err := tx.Exec("INSERT INTO t(id, body) VALUES(2, 'x')"); return err }); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("update on a read-only medium: %v, want ErrReadOnly", err)
	}
	if err := v.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	if disk.ops != ops {
		t.Fatalf("%d writes were tried on the read-only medium", disk.ops-ops)
	}
	if _, err := Verify("/sim/vault", FromStore(store), opts...); err != nil {
		t.Fatalf("verify on a read-only medium: %v", err)
	}
}

// TestLockZeroesTheImage: the plaintext database SQLite holds is zeroed
// before it is freed, and a vault's Close does it.
func TestLockZeroesTheImage(t *testing.T) {
	src, err := newDatabase()
	if err != nil {
		t.Fatal(err)
	}
	image, err := serialize(src)
	src.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, direct, err := loadFrom(bytes.NewReader(image), int64(len(image)))
	if err != nil || !direct {
		t.Fatalf("load: direct %v, %v", direct, err)
	}
	if held := heldImage(db); !bytes.HasPrefix(held, []byte("SQLite format 3\x00")) {
		t.Fatal("the held image is not the database")
	}
	if n := zeroImage(db); n < int64(len(image)) {
		t.Fatalf("zeroed %d bytes of a %d-byte image", n, len(image))
	}
	if held := heldImage(db); len(held) == 0 || !allZero(held) {
		t.Fatal("the image is not zero after zeroImage")
	}
	db.Close()
	v, _, _ := newGuardedVault(t)
	defer v.Close()
	if !v.direct {
		t.Fatal("an open vault's database is not one buffer that Close can zero")
	}
}

// TestHandleFieldTypeIsChecked: the raw handle is taken only from a field
// of exactly go-sqlite3's C type.
func TestHandleFieldTypeIsChecked(t *testing.T) {
	type fake struct{ db *int }
	if handleField(reflect.ValueOf(&fake{}).Elem()) != nil {
		t.Fatal("a *int field was taken for the handle")
	}
	db, err := openMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rawConn(db, func(c *sqlite3.SQLiteConn) error {
		if handleField(reflect.ValueOf(c).Elem()) == nil {
			t.Fatal("go-sqlite3's own field was refused")
		}
		return nil
	})
}
