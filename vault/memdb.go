package vault

// Loading a snapshot without copying it twice. go-sqlite3's Deserialize
// copies the image into a buffer SQLite cannot grow, so the image would have
// to be copied again, page by page, into a growable ":memory:" database.
// Instead the plaintext is decrypted straight into a buffer SQLite owns and
// handed over with SQLITE_DESERIALIZE_RESIZEABLE: one copy, no second
// database. The connection handle is read from go-sqlite3's connection by
// reflection; if that ever fails (a new go-sqlite3), loadDatabase falls back
// to Deserialize and the backup copy, which is slower but equal.

/*
#include <stddef.h>
typedef struct sqlite3 sqlite3;
extern void *sqlite3_malloc64(unsigned long long);
extern void sqlite3_free(void *);
extern int sqlite3_deserialize(sqlite3 *, const char *, unsigned char *, long long, long long, unsigned int);
extern int sqlite3_file_control(sqlite3 *, const char *, int, void *);

static int confide_deserialize(sqlite3 *db, unsigned char *buf, long long size, long long capacity) {
	// 1 = SQLITE_DESERIALIZE_FREEONCLOSE, 2 = SQLITE_DESERIALIZE_RESIZEABLE
	int rc = sqlite3_deserialize(db, "main", buf, size, capacity, 1 | 2);
	if (rc != 0) return rc;
	// Let the database grow past SQLite's default 1 GiB limit for memdb.
	long long limit = 1LL << 40;
	return sqlite3_file_control(db, "main", 36, &limit); // SQLITE_FCNTL_SIZE_LIMIT
}
*/
import "C"

import (
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

// handleOf returns go-sqlite3's sqlite3* of a connection.
func handleOf(c *sqlite3.SQLiteConn) (*C.sqlite3, error) {
	f := reflect.ValueOf(c).Elem().FieldByName("db")
	if !f.IsValid() || f.Kind() != reflect.Pointer {
		return nil, errNoHandle
	}
	h := *(**C.sqlite3)(unsafe.Pointer(f.UnsafeAddr()))
	if h == nil {
		return nil, errNoHandle
	}
	return h, nil
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
