package vault

// Loading a snapshot without copying it twice. go-sqlite3's Deserialize
// copies the image into a buffer SQLite cannot grow, so the image would have
// to be copied again, page by page, into a growable ":memory:" database.
// Instead the plaintext is decrypted straight into a buffer SQLite owns and
// handed over with SQLITE_DESERIALIZE_RESIZEABLE: one copy, no second
// database. It also means the whole database is one buffer, which Lock
// zeroes before SQLite frees it (zeroImage).
//
// The connection handle is read from go-sqlite3's connection by
// reflection. handleOf takes it only if the field has exactly the type
// go-sqlite3 declares (a pointer to its C struct sqlite3), and only after a
// round trip proves it is that connection's: a limit set through go-sqlite3
// must read back through the handle. Otherwise (a new go-sqlite3) loading
// falls back to Deserialize and the backup copy, slower but equal, and the
// image cannot be zeroed on Lock (see doc.go, "Memory").

/*
#include <stddef.h>
#include <string.h>
typedef struct sqlite3 sqlite3;
extern void *sqlite3_malloc64(unsigned long long);
extern void sqlite3_free(void *);
extern unsigned long long sqlite3_msize(void *);
extern int sqlite3_deserialize(sqlite3 *, const char *, unsigned char *, long long, long long, unsigned int);
extern unsigned char *sqlite3_serialize(sqlite3 *, const char *, long long *, unsigned int);
extern int sqlite3_file_control(sqlite3 *, const char *, int, void *);
extern int sqlite3_limit(sqlite3 *, int, int);

static int confide_deserialize(sqlite3 *db, unsigned char *buf, long long size, long long capacity) {
	// 1 = SQLITE_DESERIALIZE_FREEONCLOSE, 2 = SQLITE_DESERIALIZE_RESIZEABLE
	int rc = sqlite3_deserialize(db, "main", buf, size, capacity, 1 | 2);
	if (rc != 0) return rc;
	// Let the database grow past SQLite's default 1 GiB limit for memdb.
	long long limit = 1LL << 40;
	return sqlite3_file_control(db, "main", 36, &limit); // SQLITE_FCNTL_SIZE_LIMIT
}

// confide_zero overwrites the buffer of a deserialized database, the whole
// allocation, before SQLite frees it. It returns the bytes zeroed.
static long long confide_zero(sqlite3 *db) {
	long long size = 0;
	unsigned char *p = sqlite3_serialize(db, "main", &size, 1); // SQLITE_SERIALIZE_NOCOPY
	if (p == NULL) return 0;
	unsigned long long n = sqlite3_msize(p);
	if (n < (unsigned long long)size) n = (unsigned long long)size;
	memset(p, 0, n);
	return (long long)n;
}
*/
import "C"

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"reflect"
	"unsafe"

	"github.com/mattn/go-sqlite3"
)

// readAll fills buf from r until r's clean end. Only io.EOF is an end: a
// stream cut short (io.ErrUnexpectedEOF, as age reports a truncated file)
// is an error, and so is more data than buf holds.
func readAll(r io.Reader, buf []byte) (int, error) {
	n := 0
	for {
		if n == len(buf) {
			var one [1]byte
			m, err := r.Read(one[:])
			switch {
			case m > 0:
				return n, errors.New("snapshot larger than its file")
			case err == io.EOF:
				return n, nil
			case err != nil:
				return n, err
			}
			continue
		}
		m, err := r.Read(buf[n:])
		n += m
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// headroom is room left after the image so that a session's writes do not
// make SQLite reallocate (and double) the whole buffer at once.
const headroom = 16 << 20

// errNoHandle means the raw handle could not be found; fall back.
var errNoHandle = errors.New("no sqlite3 handle")

// handleField returns the value of conn's field db if it has exactly the
// type go-sqlite3 declares for it (*C.sqlite3 of that package), else nil.
func handleField(conn reflect.Value) unsafe.Pointer {
	f := conn.FieldByName("db")
	if !f.IsValid() || f.Kind() != reflect.Pointer {
		return nil
	}
	if t := f.Type().Elem(); t.PkgPath() != "github.com/mattn/go-sqlite3" || t.Name() != "_Ctype_struct_sqlite3" {
		return nil
	}
	return *(*unsafe.Pointer)(unsafe.Pointer(f.UnsafeAddr()))
}

// handleOf returns go-sqlite3's sqlite3* of a connection, or errNoHandle.
func handleOf(c *sqlite3.SQLiteConn) (*C.sqlite3, error) {
	h := (*C.sqlite3)(handleField(reflect.ValueOf(c).Elem()))
	if h == nil {
		return nil, errNoHandle
	}
	// The round trip: lower a limit through go-sqlite3, read it through h,
	// put it back.
	const limitVariableNumber = 9 // SQLITE_LIMIT_VARIABLE_NUMBER
	old := c.GetLimit(limitVariableNumber)
	if old < 2 {
		return nil, errNoHandle
	}
	c.SetLimit(limitVariableNumber, old-1)
	got := int(C.sqlite3_limit(h, limitVariableNumber, -1))
	c.SetLimit(limitVariableNumber, old)
	if got != old-1 {
		return nil, errNoHandle
	}
	return h, nil
}

// heldImage returns the image SQLite holds for a database loaded by
// deserializeFrom, without copying it (nil if there is none): for the
// tests that check zeroImage.
func heldImage(db *sql.DB) []byte {
	var out []byte
	rawConn(db, func(c *sqlite3.SQLiteConn) error {
		h, err := handleOf(c)
		if err != nil {
			return err
		}
		var size C.longlong
		p := C.sqlite3_serialize(h, C.CString("main"), &size, 1)
		if p != nil {
			out = unsafe.Slice((*byte)(unsafe.Pointer(p)), int(size))
		}
		return nil
	})
	return out
}

// zeroImage overwrites the plaintext image of a database loaded by
// deserializeFrom, before it is closed and freed. It returns the bytes
// zeroed (0 when the handle cannot be reached).
func zeroImage(db *sql.DB) int64 {
	var n int64
	rawConn(db, func(c *sqlite3.SQLiteConn) error {
		h, err := handleOf(c)
		if err == nil {
			n = int64(C.confide_zero(h))
		}
		return err
	})
	return n
}

// deserializeFrom reads at most limit bytes of an SQLite image from r
// straight into SQLite's memory and makes it the connection's growable
// main database.
func deserializeFrom(c *sqlite3.SQLiteConn, r io.Reader, limit int64) error {
	h, err := handleOf(c)
	if err != nil {
		return err
	}
	capacity := limit + headroom
	p := C.sqlite3_malloc64(C.ulonglong(capacity))
	if p == nil {
		return fmt.Errorf("out of memory for a %d-byte database", limit)
	}
	buf := unsafe.Slice((*byte)(p), capacity)
	n, err := readAll(r, buf[:limit])
	if err != nil {
		clear(buf[:n])
		C.sqlite3_free(p)
		return err
	}
	if rc := C.confide_deserialize(h, (*C.uchar)(p), C.longlong(n), C.longlong(capacity)); rc != 0 {
		// On failure sqlite3_deserialize has already freed the buffer
		// (FREEONCLOSE); nothing to release here.
		return fmt.Errorf("deserialize: code %d", rc)
	}
	return nil
}
