package vault

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"filippo.io/age"
)

// FuzzRecord: the record decoder never panics, and whatever it accepts
// encodes back to the same bytes.
func FuzzRecord(f *testing.F) {
	f.Add((&record{VaultID: "cf-1", Generation: 1, Seq: 1, Statements: []statement{
		{Query: "INSERT INTO t VALUES(?, ?, ?, ?, ?)", Args: []any{nil, int64(-5), 1.5, "text", []byte{0, 1}}},
	}}).marshal())
	f.Add([]byte{1})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := unmarshalRecord(b)
		if err != nil {
			return
		}
		if got := r.marshal(); !bytes.Equal(got, b) {
			t.Fatalf("re-encoding differs:\n got %x\nwant %x", got, b)
		}
	})
}

// FuzzJournal: scanning any bytes as a journal never panics, and fails only
// with a DamageError.
func FuzzJournal(f *testing.F) {
	id, _ := age.GenerateX25519Identity()
	head, key, err := newJournal("cf-1", 1, []age.Recipient{id.Recipient()})
	if err != nil {
		f.Fatal(err)
	}
	frame, _ := sealRecord(&record{VaultID: "cf-1", Generation: 1, Seq: 1, Statements: []statement{{Query: "SELECT 1"}}}, key)
	valid := append(head, frame...)
	f.Add(valid)
	f.Add(valid[:len(valid)-3])
	f.Add(head)
	f.Add([]byte(journalHeader + "CJK1"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := scanJournal(b, []age.Identity{id})
		if err != nil {
			var dmg *DamageError
			if !errors.As(err, &dmg) {
				t.Fatalf("non-damage error %v", err)
			}
			return
		}
		if s.GoodSize > int64(len(b)) || (len(b) >= len(journalHeader) && s.GoodSize < int64(len(journalHeader))) {
			t.Fatalf("GoodSize %d out of range for %d bytes", s.GoodSize, len(b))
		}
		if !s.Torn && s.GoodSize != int64(len(b)) && len(b) >= len(journalHeader) {
			t.Fatalf("not torn but GoodSize %d != %d", s.GoodSize, len(b))
		}
		if len(s.Records) > 0 && s.Key == nil {
			t.Fatal("records without a key frame")
		}
	})
}

// FuzzMeta: vault.json parsing never panics, and what it accepts survives
// a re-encode unchanged.
func FuzzMeta(f *testing.F) {
	id, _ := age.GenerateX25519Identity()
	m := &Meta{Format: 1, ID: "cf-0123456789abcdef", Recipients: []Recipient{{ID: "dev-01234567", Kind: KindDevice, PublicKey: id.Recipient().String()}}}
	f.Add(m.Marshal())
	f.Add([]byte(`{"format": 9}`))
	f.Add([]byte(`{`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseMeta(b)
		if err != nil {
			return
		}
		m2, err := ParseMeta(m.Marshal())
		if err != nil {
			t.Fatalf("re-encoded meta does not parse: %v", err)
		}
		if !reflect.DeepEqual(m, m2) {
			t.Fatalf("re-encoded meta differs")
		}
	})
}
