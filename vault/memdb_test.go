package vault

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/mattn/go-sqlite3"
)

func TestReadAllEndsOnlyAtACleanEOF(t *testing.T) {
	tests := []struct {
		name    string
		r       io.Reader
		size    int
		want    int
		wantErr bool
	}{
		{"clean end", strings.NewReader("abcdef"), 10, 6, false},
		{"exactly full", strings.NewReader("abcdef"), 6, 6, false},
		{"one byte at a time", iotest.OneByteReader(strings.NewReader("abcdef")), 10, 6, false},
		{"cut short (a truncated age stream)", io.MultiReader(strings.NewReader("abc"), iotest.ErrReader(io.ErrUnexpectedEOF)), 10, 3, true},
		{"a read error", io.MultiReader(strings.NewReader("abc"), iotest.ErrReader(errors.New("boom"))), 10, 3, true},
		{"more than the buffer", strings.NewReader("abcdefgh"), 6, 6, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := readAll(tt.r, make([]byte, tt.size))
			if n != tt.want || (err != nil) != tt.wantErr {
				t.Fatalf("got %d, %v; want %d, error %v", n, err, tt.want, tt.wantErr)
			}
		})
	}
}

// TestSnapshotLoadsWithoutCopying checks that unlock takes the one-copy
// path, not the fallback, so a go-sqlite3 upgrade that breaks it is seen.
func TestSnapshotLoadsWithoutCopying(t *testing.T) {
	db, err := openMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := rawConn(db, func(c *sqlite3.SQLiteConn) error { _, err := handleOf(c); return err }); err != nil {
		t.Fatalf("the raw handle is not reachable: %v (unlock falls back to two copies)", err)
	}
}
