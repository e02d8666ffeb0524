package vault

import (
	"bytes"
	"fmt"

	"filippo.io/age"
)

// RawLoad decrypts an age stream whose plaintext is an SQLite database and
// loads it into a throwaway in-memory database, then drops it. It is the
// floor an unlock cannot beat, measured by the benchmarks beside Open.
func RawLoad(snapshot []byte, ids ...age.Identity) error {
	dr, err := age.Decrypt(bytes.NewReader(snapshot), ids...)
	if err != nil {
		return fmt.Errorf("decrypt: %w", err)
	}
	db, _, err := loadFrom(dr, int64(len(snapshot)))
	if err != nil {
		return err
	}
	return db.Close()
}
