package vault

import (
	"database/sql"
	"errors"
	"fmt"
	"regexp"
)

// Querier runs read-only queries. Both the argument of Read and a Tx are
// Queriers, so domain code can share its read functions.
type Querier interface {
	Query(query string, args ...any) (*sql.Rows, error)
	QueryRow(query string, args ...any) *sql.Row
}

// Tx is a write transaction. Every statement executed through it is
// recorded, with its arguments, in the journal record of the commit.
//
// Statements must be deterministic: pass times, ids and random values as
// arguments. Exec refuses statements that would make replay differ
// (random(), 'now', CURRENT_TIMESTAMP), that reach outside the database
// (ATTACH, VACUUM, PRAGMA), that touch the vault's own tables, or that
// change the schema, which only Migrate may do.
type Tx struct {
	v       *Vault
	tx      *sql.Tx
	stmts   []statement
	logSeq  int64 // the newest log entry appended, if any
	logHash []byte
}

var (
	nonDeterministic = regexp.MustCompile(`(?i)\b(random|randomblob|changes|total_changes|sqlite_version)\s*\(|'now'|\bcurrent_(time|date|timestamp)\b`)
	outside          = regexp.MustCompile(`(?i)\b(attach|detach|vacuum|pragma)\b|\bload_extension\s*\(`)
	ownTables        = regexp.MustCompile(`(?i)_vault_`)
	schemaChange     = regexp.MustCompile(`(?i)\b(create|drop)\s+(temp\s+|temporary\s+|unique\s+|virtual\s+)?(table|index|trigger|view)\b|\balter\s+table\b|\breindex\b`)
)

// ErrStatement is returned for a statement the vault refuses to record.
var ErrStatement = errors.New("statement not allowed in a vault transaction")

// Exec executes a statement and records it for the journal.
func (t *Tx) Exec(query string, args ...any) (sql.Result, error) {
	if err := refuse(query); err != nil {
		return nil, err
	}
	return t.exec(query, args...)
}

// refuse says why a statement may not be recorded (or replayed), or nil.
func refuse(query string) error {
	switch {
	case nonDeterministic.MatchString(query):
		return fmt.Errorf("%w: not deterministic; pass the value as an argument", ErrStatement)
	case outside.MatchString(query):
		return fmt.Errorf("%w: reaches outside the database", ErrStatement)
	case ownTables.MatchString(query):
		return fmt.Errorf("%w: the vault's own tables are not writable", ErrStatement)
	case schemaChange.MatchString(query):
		// Triggers guard rules such as "a signed note is frozen": only a
		// migration, versioned and journaled, may change the schema.
		return fmt.Errorf("%w: the schema changes only through Migrate", ErrStatement)
	}
	return nil
}

// exec is Exec without the checks, for the vault's own statements.
func (t *Tx) exec(query string, args ...any) (sql.Result, error) {
	norm := make([]any, len(args))
	for i, a := range args {
		n, err := normalizeArg(a)
		if err != nil {
			return nil, fmt.Errorf("argument %d: %w", i+1, err)
		}
		norm[i] = n
	}
	res, err := t.tx.Exec(query, norm...)
	if err != nil {
		return nil, err
	}
	t.stmts = append(t.stmts, statement{Query: query, Args: norm})
	return res, nil
}

// Query runs a read inside the transaction; it is not recorded.
func (t *Tx) Query(query string, args ...any) (*sql.Rows, error) {
	if outside.MatchString(query) {
		return nil, fmt.Errorf("%w: reaches outside the database", ErrStatement)
	}
	return t.tx.Query(query, args...)
}

// QueryRow runs a single-row read inside the transaction.
func (t *Tx) QueryRow(query string, args ...any) *sql.Row {
	return t.tx.QueryRow(query, args...)
}

// Update runs fn in a write transaction. If fn returns nil, the statements
// are sealed into a journal record, appended and fsynced, and only then is
// the transaction committed in memory and Update returns: a nil error means
// the commit is durable. If fn fails, or the journal cannot be written,
// nothing changes.
func (v *Vault) Update(fn func(tx *Tx) error) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(true); err != nil {
		return err
	}
	return v.update(fn)
}

func (v *Vault) update(fn func(tx *Tx) error) error {
	if _, err := v.db.Exec("PRAGMA query_only=0"); err != nil {
		return err
	}
	defer v.db.Exec("PRAGMA query_only=1")
	sqlTx, err := v.db.Begin()
	if err != nil {
		return err
	}
	tx := &Tx{v: v, tx: sqlTx}
	if err := fn(tx); err != nil {
		sqlTx.Rollback()
		return err
	}
	if len(tx.stmts) == 0 {
		return sqlTx.Commit()
	}
	if v.journal == nil {
		if err := v.restartJournal(); err != nil {
			sqlTx.Rollback()
			return err
		}
	}
	frame, err := sealRecord(&record{VaultID: v.meta.ID, Generation: v.gen, Seq: v.seq + 1, Statements: tx.stmts}, v.journal.key)
	if err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := v.journal.appendFrame(frame); err != nil {
		if v.journal.f == nil {
			v.journal = nil
		}
		sqlTx.Rollback()
		return err
	}
	// Durable from here: nothing below may report the commit as failed.
	v.seq++
	if v.jhead != nil {
		v.jhead = headNext(v.jhead, frame)
	}
	if tx.logHash != nil {
		v.logSeq, v.logHash = tx.logSeq, tx.logHash
	}
	v.saveState(stateAppend)
	if err := sqlTx.Commit(); err != nil {
		// Durable but not applied in memory: close, so that the next open
		// replays it, rather than go on with a diverged database.
		v.release()
		return fmt.Errorf("commit: %w; the change is saved, unlock again", err)
	}
	if v.journal.size > v.limit {
		// A failed compaction loses nothing (the journal holds the commit)
		// and is retried at the next commit or at close; it is reported.
		if _, err := v.compactLocked(); err != nil {
			v.warn(fmt.Errorf("%w: %v", ErrNotCompacted, err))
		}
	}
	return nil
}

// restartJournal starts a journal when there is none (its start failed
// after a compaction, or an append could not be undone). Mid-generation
// the records already committed must not be followed by a new key frame:
// a new generation begins instead.
func (v *Vault) restartJournal() error {
	if v.seq > 0 {
		if _, err := v.compactLocked(); err != nil {
			return err
		}
		if v.journal != nil {
			return nil
		}
	}
	return v.resetJournal()
}

// Read runs fn with a read-only view of the database. Do not call Read or
// Update from inside fn.
func (v *Vault) Read(fn func(q Querier) error) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(false); err != nil {
		return err
	}
	return fn(readOnlyDB{v.db})
}

type readOnlyDB struct{ db *sql.DB }

func (r readOnlyDB) Query(query string, args ...any) (*sql.Rows, error) {
	if outside.MatchString(query) {
		return nil, fmt.Errorf("%w: reaches outside the database", ErrStatement)
	}
	return r.db.Query(query, args...)
}

func (r readOnlyDB) QueryRow(query string, args ...any) *sql.Row {
	return r.db.QueryRow(query, args...)
}
