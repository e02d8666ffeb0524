package vault

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"

	"filippo.io/age"
	"golang.org/x/crypto/chacha20poly1305"
)

// The journal file: a fixed header, a key frame, then record frames.
//
//	frame = magic (4) | length uint32 BE | CRC-32C of the previous 8 bytes | payload
//
// The key frame ("CJK1") is an age file, encrypted to the vault's
// recipients, holding the vault id, the snapshot generation the journal
// follows, and a fresh random 256-bit record key. Each record frame
// ("CJR1") is a 24-byte random nonce and the XChaCha20-Poly1305 sealing of
// one record under that key, with the vault id, generation and sequence
// number as associated data, so a record cannot be moved, dropped from the
// middle or replayed into another journal unnoticed. Sealing the key once
// per generation with age, instead of every record, keeps a commit's cost
// near the cost of its fsync.
//
// The CRC protects the length, so that a flipped length byte is reported as
// damage rather than mistaken for a torn write. A torn write can only leave
// a short final frame (or a zero-filled tail, on file systems that extend
// the size before the data); that frame was never acknowledged and is
// discarded. Anything else that fails to check out is damage.
const journalHeader = "CONFIDE-JOURNAL-1\n"

var (
	keyMagic    = [4]byte{'C', 'J', 'K', '1'}
	recordMagic = [4]byte{'C', 'J', 'R', '1'}
)

const (
	frameHeaderLen = 12
	recordKeyLen   = chacha20poly1305.KeySize
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func frame(magic [4]byte, payload []byte) []byte {
	h := make([]byte, frameHeaderLen, frameHeaderLen+len(payload))
	copy(h, magic[:])
	binary.BigEndian.PutUint32(h[4:], uint32(len(payload)))
	binary.BigEndian.PutUint32(h[8:], crc32.Checksum(h[:8], castagnoli))
	return append(h, payload...)
}

// journalKey is the content of a key frame.
type journalKey struct {
	VaultID    string
	Generation uint64
	Key        []byte
}

func (k *journalKey) marshal() []byte {
	b := []byte{recordVersion}
	b = appendString(b, k.VaultID)
	b = binary.AppendUvarint(b, k.Generation)
	return appendString(b, string(k.Key))
}

func unmarshalJournalKey(b []byte) (*journalKey, error) {
	d := &decoder{b: b}
	if v := d.byte(); d.err == nil && v != recordVersion {
		return nil, fmt.Errorf("unknown key version %d", v)
	}
	k := &journalKey{VaultID: string(d.bytes()), Generation: d.uvarint(), Key: append([]byte(nil), d.bytes()...)}
	if d.err == nil && (len(d.b) != 0 || len(k.Key) != recordKeyLen) {
		d.fail("bad key frame")
	}
	return k, d.err
}

// newJournal returns the bytes of a fresh journal for a generation: the
// header and a key frame sealed to recips.
func newJournal(vaultID string, gen uint64, recips []age.Recipient) ([]byte, *journalKey, error) {
	k := &journalKey{VaultID: vaultID, Generation: gen, Key: make([]byte, recordKeyLen)}
	if _, err := rand.Read(k.Key); err != nil {
		return nil, nil, err
	}
	var ct bytes.Buffer
	w, err := age.Encrypt(&ct, recips...)
	if err != nil {
		return nil, nil, fmt.Errorf("seal journal key: %w", err)
	}
	w.Write(k.marshal())
	if err := w.Close(); err != nil {
		return nil, nil, fmt.Errorf("seal journal key: %w", err)
	}
	return append([]byte(journalHeader), frame(keyMagic, ct.Bytes())...), k, nil
}

func recordAD(k *journalKey, seq uint64) []byte {
	ad := appendString([]byte("confide journal record"), k.VaultID)
	ad = binary.BigEndian.AppendUint64(ad, k.Generation)
	return binary.BigEndian.AppendUint64(ad, seq)
}

// sealRecord encrypts a record into one frame.
func sealRecord(r *record, k *journalKey) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(k.Key)
	if err != nil {
		return nil, err
	}
	pt := r.marshal()
	payload := make([]byte, aead.NonceSize(), aead.NonceSize()+len(pt)+aead.Overhead())
	if _, err := rand.Read(payload); err != nil {
		return nil, err
	}
	payload = aead.Seal(payload, payload, pt, recordAD(k, r.Seq))
	if len(payload) > maxRecordBytes {
		return nil, errors.New("transaction too large for one journal record")
	}
	return frame(recordMagic, payload), nil
}

func openRecord(payload []byte, k *journalKey, seq uint64) (*record, error) {
	aead, _ := chacha20poly1305.NewX(k.Key)
	if len(payload) < aead.NonceSize()+aead.Overhead() {
		return nil, errors.New("record too short")
	}
	pt, err := aead.Open(nil, payload[:aead.NonceSize()], payload[aead.NonceSize():], recordAD(k, seq))
	if err != nil {
		return nil, errors.New("record does not decrypt, or is out of place")
	}
	r, err := unmarshalRecord(pt)
	if err != nil {
		return nil, err
	}
	if r.VaultID != k.VaultID || r.Generation != k.Generation || r.Seq != seq {
		return nil, errors.New("record is out of place")
	}
	return r, nil
}

// journalScan is the result of reading a journal file.
type journalScan struct {
	Key      *journalKey // nil when the journal has no complete key frame
	KeyAuth  *capture    // how the key frame opened: its stanzas and file key
	Frames   [][]byte    // every complete frame as on disk, the key frame first
	Records  []*record
	GoodSize int64 // bytes up to the end of the last complete frame
	Torn     bool  // a partial final frame followed GoodSize
}

// scanJournal reads a journal with ids (which opened the snapshot). A short
// final frame is reported as Torn; every other problem is a *DamageError.
func scanJournal(data []byte, ids []age.Identity) (*journalScan, error) {
	s := &journalScan{}
	if len(data) < len(journalHeader) {
		if !bytes.HasPrefix([]byte(journalHeader), data) {
			return nil, damaged(journalFile, 0, 0, "bad header")
		}
		s.Torn = len(data) > 0 // torn while the header itself was written
		return s, nil
	}
	if string(data[:len(journalHeader)]) != journalHeader {
		return nil, damaged(journalFile, 0, 0, "bad header")
	}
	off := len(journalHeader)
	s.GoodSize = int64(off)
	for n := 0; off < len(data); n++ {
		magic := recordMagic
		if n == 0 {
			magic = keyMagic
		}
		payload, torn, err := nextFrame(data[off:], magic)
		if err != nil {
			return nil, damaged(journalFile, n, int64(off), "%v", err)
		}
		if torn {
			s.Torn = true
			return s, nil
		}
		if n == 0 {
			s.Key, s.KeyAuth, err = openKeyFrame(payload, ids)
		} else {
			var r *record
			r, err = openRecord(payload, s.Key, uint64(n))
			s.Records = append(s.Records, r)
		}
		if err != nil {
			// The snapshot opened with these keys, so a frame they cannot
			// open was altered: that is damage, not a wrong key.
			return nil, damaged(journalFile, n, int64(off), "%v", err)
		}
		s.Frames = append(s.Frames, data[off:off+frameHeaderLen+len(payload)])
		off += frameHeaderLen + len(payload)
		s.GoodSize = int64(off)
	}
	return s, nil
}

// nextFrame splits the frame at the start of rest. torn is true when rest
// is a partial frame (or zeros) that a crash mid-append would leave.
func nextFrame(rest []byte, magic [4]byte) (payload []byte, torn bool, err error) {
	if allZero(rest) {
		return nil, true, nil
	}
	if len(rest) < frameHeaderLen {
		if !bytes.HasPrefix(magic[:], rest[:min(len(rest), 4)]) {
			return nil, false, errors.New("bad frame header")
		}
		return nil, true, nil
	}
	if !bytes.Equal(rest[:4], magic[:]) || binary.BigEndian.Uint32(rest[8:12]) != crc32.Checksum(rest[:8], castagnoli) {
		return nil, false, errors.New("bad frame header")
	}
	size := int(binary.BigEndian.Uint32(rest[4:8]))
	if size > maxRecordBytes {
		return nil, false, errors.New("frame too large")
	}
	if len(rest) < frameHeaderLen+size {
		return nil, true, nil
	}
	return rest[frameHeaderLen : frameHeaderLen+size], false, nil
}

func openKeyFrame(payload []byte, ids []age.Identity) (*journalKey, *capture, error) {
	caps, wrapped := captures(ids)
	r, err := age.Decrypt(bytes.NewReader(payload), wrapped...)
	if err != nil {
		return nil, nil, errors.New("key frame does not decrypt")
	}
	pt, err := io.ReadAll(io.LimitReader(r, 4096))
	if err != nil {
		return nil, nil, errors.New("key frame does not decrypt")
	}
	k, err := unmarshalJournalKey(pt)
	return k, matched(caps), err
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
	f    file
	size int64
	key  *journalKey
}

// appendFrame writes one frame and fsyncs. On a failed or short write it
// truncates back, so a later append never follows a partial frame; if
// even that fails, the journal is closed, and the next commit starts a
// new generation first (see Vault.restartJournal).
func (j *journal) appendFrame(frame []byte) error {
	n, err := j.f.WriteAt(frame, j.size)
	if err == nil && n != len(frame) {
		err = io.ErrShortWrite
	}
	if err == nil {
		err = j.f.Sync()
	}
	if err != nil {
		if terr := j.f.Truncate(j.size); terr != nil {
			j.close()
		}
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
