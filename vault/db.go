package vault

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/mattn/go-sqlite3"
)

const driverName = "confide-sqlite3"

var registerOnce sync.Once

// The pragmas every connection gets. Nothing may spill to a temp file:
// the database lives in memory only. secure_delete zeroes deleted content,
// so a destroyed record leaves no bytes in free pages or free space inside
// pages, and so none in any later snapshot.
const connPragmas = `PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=ON; PRAGMA trusted_schema=OFF; PRAGMA secure_delete=ON;`

func registerDriver() {
	registerOnce.Do(func() {
		sql.Register(driverName, &sqlite3.SQLiteDriver{
			ConnectHook: func(c *sqlite3.SQLiteConn) error {
				_, err := c.Exec(connPragmas, nil)
				return err
			},
		})
	})
}

// openMemory returns a pool of exactly one connection to a fresh, private
// in-memory database. One connection, because each connection to
// ":memory:" is a database of its own.
func openMemory() (*sql.DB, error) {
	registerDriver()
	db, err := sql.Open(driverName, ":memory:")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// newDatabase creates an empty in-memory database for a new vault.
func newDatabase() (*sql.DB, error) {
	db, err := openMemory()
	if err != nil {
		return nil, err
	}
	// Notes of a few KB fill 16 KB pages far better than 4 or 8 KB ones:
	// about 13% less database, and so a faster unlock.
	if _, err := db.Exec(`PRAGMA page_size=16384; VACUUM;` + vaultSchema); err != nil {
		db.Close()
		return nil, fmt.Errorf("create database: %w", err)
	}
	return db, nil
}

// loadFrom decrypts (reads) an SQLite image of at most limit bytes from r
// into a fresh, growable in-memory database: straight into SQLite's memory
// where it can (see memdb.go; direct is then true), else through
// loadDatabase.
func loadFrom(r io.Reader, limit int64) (db *sql.DB, direct bool, err error) {
	db, err = openMemory()
	if err != nil {
		return nil, false, err
	}
	err = rawConn(db, func(c *sqlite3.SQLiteConn) error {
		if err := deserializeFrom(c, r, limit); err != nil {
			return err
		}
		// The main database was swapped: its pragmas apply anew.
		_, err := c.Exec(connPragmas, nil)
		return err
	})
	if err == nil {
		err = db.QueryRow("SELECT count(*) FROM sqlite_schema").Scan(new(int))
		if err != nil {
			err = errors.New("not a database")
		}
	}
	if err == nil {
		return db, true, nil
	}
	if !errors.Is(err, errNoHandle) {
		zeroImage(db)
		db.Close()
		return nil, false, err
	}
	db.Close()
	var buf bytes.Buffer
	buf.Grow(int(limit))
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, false, errors.New("does not decrypt")
	}
	defer clear(buf.Bytes())
	db, err = loadDatabase(buf.Bytes())
	if err != nil {
		return nil, false, errors.New("not a database")
	}
	return db, false, nil
}

// reloadDirect moves the open database into one SQLite-owned buffer (as
// Open loads it), so that Lock can zero it: a new vault's database starts
// in SQLite's page cache.
func (v *Vault) reloadDirect() error {
	image, err := serialize(v.db)
	if err != nil {
		return err
	}
	defer clear(image)
	db, direct, err := loadFrom(bytes.NewReader(image), int64(len(image)))
	if err != nil {
		return err
	}
	v.db.Close()
	v.db, v.direct = db, direct
	return nil
}

// loadDatabase loads a serialized SQLite database into a fresh in-memory
// database that can grow. A deserialized database cannot grow (its buffer
// is fixed), so it is copied with the backup API into a new ":memory:"
// database and the deserialized one is dropped.
func loadDatabase(image []byte) (*sql.DB, error) {
	db, err := openMemory()
	if err != nil {
		return nil, err
	}
	err = rawConn(db, func(dst *sqlite3.SQLiteConn) error {
		drv := &sqlite3.SQLiteDriver{}
		c, err := drv.Open(":memory:")
		if err != nil {
			return err
		}
		src := c.(*sqlite3.SQLiteConn)
		defer src.Close()
		if err := src.Deserialize(image, "main"); err != nil {
			return err
		}
		// An in-memory destination must have the source's page size.
		if _, err := dst.Exec(fmt.Sprintf("PRAGMA page_size=%d", pageSize(image)), nil); err != nil {
			return err
		}
		b, err := dst.Backup("main", src, "main")
		if err != nil {
			return err
		}
		if _, err := b.Step(-1); err != nil {
			b.Finish()
			return err
		}
		return b.Finish()
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// pageSize reads the page size from an SQLite file header.
func pageSize(image []byte) int {
	if len(image) < 18 {
		return 4096
	}
	n := int(binary.BigEndian.Uint16(image[16:18]))
	if n == 1 {
		return 65536
	}
	return n
}

// serialize returns the database as the bytes of an SQLite file.
func serialize(db *sql.DB) ([]byte, error) {
	var out []byte
	err := rawConn(db, func(c *sqlite3.SQLiteConn) error {
		b, err := c.Serialize("main")
		out = b
		return err
	})
	return out, err
}

func rawConn(db *sql.DB, fn func(*sqlite3.SQLiteConn) error) error {
	conn, err := db.Conn(context.Background())
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error { return fn(dc.(*sqlite3.SQLiteConn)) })
}

// The vault's own tables. Domain packages cannot touch them through a Tx.
const vaultSchema = `
CREATE TABLE _vault_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE _vault_migrations (component TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE _vault_log (
	seq     INTEGER PRIMARY KEY,
	at      TEXT NOT NULL,
	kind    TEXT NOT NULL,
	subject TEXT NOT NULL,
	data    BLOB,
	prev    BLOB NOT NULL,
	hash    BLOB NOT NULL
);
`
