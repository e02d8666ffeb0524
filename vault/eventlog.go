package vault

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// Event is an entry of the vault's append-only, hash-chained log. Domain
// packages record what happened (a note signed, a record released) with
// Tx.Append; each entry's hash covers the previous entry's hash, so an
// entry changed or removed later breaks the chain and VerifyLog says where.
//
// Kind and Subject are short identifiers (e.g. "note.signed", a note id);
// Data is whatever the domain needs to prove later, such as a content hash.
// Keep clinical text out of the log: it cannot be destroyed with a record.
type Event struct {
	Seq     int64
	At      time.Time
	Kind    string
	Subject string
	Data    []byte
	Hash    []byte
}

// chainHash is SHA-256 over the previous hash and the entry's fields, each
// length-prefixed so that no two different entries encode the same.
func chainHash(prev []byte, seq int64, at, kind, subject string, data []byte) []byte {
	h := sha256.New()
	var b []byte
	b = binary.AppendUvarint(b, uint64(len(prev)))
	b = append(b, prev...)
	b = binary.AppendVarint(b, seq)
	for _, f := range [][]byte{[]byte(at), []byte(kind), []byte(subject), data} {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	h.Write(b)
	return h.Sum(nil)
}

// Append adds an event to the log within the transaction and returns it
// with its sequence number and hash.
func (t *Tx) Append(e Event) (Event, error) {
	if e.Kind == "" {
		return e, errors.New("event kind is empty")
	}
	last, prev, err := logHead(t.tx)
	if err != nil {
		return e, err
	}
	e.Seq = last + 1
	at := e.At.UTC().Format(time.RFC3339Nano)
	e.At, _ = time.Parse(time.RFC3339Nano, at)
	e.Hash = chainHash(prev, e.Seq, at, e.Kind, e.Subject, e.Data)
	_, err = t.exec(logQuery, e.Seq, at, e.Kind, e.Subject, e.Data, prev, e.Hash)
	if err != nil {
		return e, fmt.Errorf("append to log: %w", err)
	}
	t.logSeq, t.logHash = e.Seq, e.Hash
	return e, nil
}

// logQuery is how a log entry is recorded, and so the one statement on the
// log that a journal record may replay.
const logQuery = "INSERT INTO _vault_log(seq, at, kind, subject, data, prev, hash) VALUES(?, ?, ?, ?, ?, ?, ?)"

// logHead returns the newest entry's number and hash (0 and zeros for an
// empty log).
func logHead(q Querier) (int64, []byte, error) {
	var prev []byte
	var last int64
	err := q.QueryRow("SELECT seq, hash FROM _vault_log ORDER BY seq DESC LIMIT 1").Scan(&last, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, nil, fmt.Errorf("read log head: %w", err)
	}
	if prev == nil {
		prev = make([]byte, sha256.Size)
	}
	return last, prev, nil
}

// Events returns the log entries of the given kind prefix ("" for all) with
// the given subject ("" for any), oldest first.
func Events(q Querier, kindPrefix, subject string) ([]Event, error) {
	rows, err := q.Query(`SELECT seq, at, kind, subject, data, hash FROM _vault_log
		WHERE substr(kind, 1, length(?1)) = ?1 AND (?2 = '' OR subject = ?2) ORDER BY seq`, kindPrefix, subject)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var at string
		if err := rows.Scan(&e.Seq, &at, &e.Kind, &e.Subject, &e.Data, &e.Hash); err != nil {
			return nil, err
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// VerifyLog recomputes the hash chain. It returns the number of entries,
// or a *DamageError naming the first entry that does not check out.
func (v *Vault) VerifyLog() (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(false); err != nil {
		return 0, err
	}
	return verifyChain(v.db)
}

func verifyChain(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT seq, at, kind, subject, data, prev, hash FROM _vault_log ORDER BY seq")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	prev := make([]byte, sha256.Size)
	n := 0
	for rows.Next() {
		var seq int64
		var at, kind, subject string
		var data, p, h []byte
		if err := rows.Scan(&seq, &at, &kind, &subject, &data, &p, &h); err != nil {
			return n, err
		}
		n++
		if seq != int64(n) {
			return n, &DamageError{File: "event log", Offset: -1, Reason: fmt.Sprintf("entry %d is missing", n)}
		}
		if !bytes.Equal(p, prev) || !bytes.Equal(h, chainHash(prev, seq, at, kind, subject, data)) {
			return n, &DamageError{File: "event log", Offset: -1, Reason: fmt.Sprintf("entry %d was altered", seq)}
		}
		prev = h
	}
	return n, rows.Err()
}
