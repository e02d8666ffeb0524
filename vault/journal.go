package vault

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"

	"filippo.io/age"
)

// The journal file: a fixed header, then frames. A frame is
//
//	magic "CJR1" | length uint32 BE | CRC-32C of the previous 8 bytes | age ciphertext
//
// The CRC protects the length, so that a flipped length byte is reported as
// damage rather than mistaken for a torn write. A torn write can only leave
// a short final frame (or a zero-filled tail, on file systems that extend
// the size before the data); that frame was never acknowledged and is
// discarded. Anything else that fails to check out is damage.
const journalHeader = "CONFIDE-JOURNAL-1\n"

var frameMagic = [4]byte{'C', 'J', 'R', '1'}

const frameHeaderLen = 12

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func frameHeader(n int) []byte {
	h := make([]byte, frameHeaderLen)
	copy(h, frameMagic[:])
	binary.BigEndian.PutUint32(h[4:], uint32(n))
	binary.BigEndian.PutUint32(h[8:], crc32.Checksum(h[:8], castagnoli))
	return h
}

// sealRecord encrypts a record into one frame.
func sealRecord(r *record, recipients []age.Recipient) ([]byte, error) {
	var ct bytes.Buffer
	ct.Write(frameHeader(0)) // placeholder, rewritten below
	w, err := age.Encrypt(&ct, recipients...)
	if err != nil {
		return nil, fmt.Errorf("encrypt journal record: %w", err)
	}
	if _, err := w.Write(r.marshal()); err != nil {
		return nil, fmt.Errorf("encrypt journal record: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("encrypt journal record: %w", err)
	}
	out := ct.Bytes()
	if len(out)-frameHeaderLen > maxRecordBytes {
		return nil, errors.New("transaction too large for one journal record")
	}
	copy(out, frameHeader(len(out)-frameHeaderLen))
	return out, nil
}

// journalScan is the result of reading a journal file.
type journalScan struct {
	Records  []*record
	GoodSize int64 // bytes up to the end of the last complete record
	Torn     bool  // a partial final frame followed GoodSize
}

// scanJournal splits data into frames and decrypts each with ids. A short
// final frame is reported as Torn; every other problem is a *DamageError.
func scanJournal(data []byte, ids []age.Identity) (*journalScan, error) {
	if len(data) < len(journalHeader) {
		if bytes.HasPrefix([]byte(journalHeader), data) {
			// Torn while the header itself was being written: empty journal.
			return &journalScan{GoodSize: 0, Torn: len(data) > 0}, nil
		}
		return nil, damaged(journalFile, 0, 0, "bad header")
	}
	if string(data[:len(journalHeader)]) != journalHeader {
		return nil, damaged(journalFile, 0, 0, "bad header")
	}
	s := &journalScan{GoodSize: int64(len(journalHeader))}
	off := len(journalHeader)
	for n := 1; off < len(data); n++ {
		rest := data[off:]
		if allZero(rest) {
			s.Torn = true
			return s, nil
		}
		if len(rest) < frameHeaderLen {
			if !bytes.HasPrefix(frameMagic[:], rest[:min(len(rest), 4)]) {
				return nil, damaged(journalFile, n, int64(off), "bad frame header")
			}
			s.Torn = true
			return s, nil
		}
		if !bytes.Equal(rest[:4], frameMagic[:]) ||
			binary.BigEndian.Uint32(rest[8:12]) != crc32.Checksum(rest[:8], castagnoli) {
			return nil, damaged(journalFile, n, int64(off), "bad frame header")
		}
		size := int(binary.BigEndian.Uint32(rest[4:8]))
		if size > maxRecordBytes {
			return nil, damaged(journalFile, n, int64(off), "frame too large")
		}
		if len(rest) < frameHeaderLen+size {
			s.Torn = true
			return s, nil
		}
		r, err := openRecord(rest[frameHeaderLen:frameHeaderLen+size], ids)
		if err != nil {
			// The snapshot opened with these keys, so a record they cannot
			// open was altered: that is damage, not a wrong key.
			return nil, damaged(journalFile, n, int64(off), "%v", err)
		}
		s.Records = append(s.Records, r)
		off += frameHeaderLen + size
		s.GoodSize = int64(off)
	}
	return s, nil
}

func openRecord(ct []byte, ids []age.Identity) (*record, error) {
	r, err := age.Decrypt(bytes.NewReader(ct), ids...)
	if err != nil {
		return nil, errors.New("record does not decrypt")
	}
	pt, err := io.ReadAll(io.LimitReader(r, maxRecordBytes+1))
	if err != nil {
		return nil, errors.New("record does not decrypt")
	}
	return unmarshalRecord(pt)
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// journal is the open, append-only journal file of a writable vault.
type journal struct {
	f    *os.File
	size int64
}

// appendFrame writes one frame and fsyncs. On a failed or short write it
// truncates back, so a later append never follows a partial frame.
func (j *journal) appendFrame(frame []byte) error {
	n, err := j.f.WriteAt(frame, j.size)
	if err == nil && n != len(frame) {
		err = io.ErrShortWrite
	}
	if err == nil {
		err = j.f.Sync()
	}
	if err != nil {
		j.f.Truncate(j.size)
		return fmt.Errorf("append to journal: %w", err)
	}
	j.size += int64(len(frame))
	return nil
}

func (j *journal) close() error {
	if j == nil || j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	return err
}
