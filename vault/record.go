package vault

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"
)

// A record is what one committed transaction adds to the journal: the
// statements it executed, with their arguments, in order. Replaying the
// statements against the snapshot they follow reproduces the commit
// exactly, because statements take times and ids as arguments and never
// call non-deterministic SQL functions.
type record struct {
	VaultID    string
	Generation uint64 // the snapshot generation this record follows
	Seq        uint64 // 1-based position within the generation
	Statements []statement
}

type statement struct {
	Query string
	Args  []any // nil, int64, float64, string or []byte
}

const recordVersion = 1

// Argument tags of the record encoding.
const (
	tagNil = iota
	tagInt
	tagFloat
	tagText
	tagBlob
)

// Limits that a decoder enforces before allocating, so a damaged or hostile
// record cannot make it allocate without bound.
const (
	maxRecordBytes = 256 << 20
	maxStatements  = 1 << 20
	maxArgs        = 1 << 16
)

// normalizeArg turns a Go value into one of the types a record stores.
func normalizeArg(a any) (any, error) {
	switch v := a.(type) {
	case nil:
		return nil, nil
	case int:
		return int64(v), nil
	case int8:
		return int64(v), nil
	case int16:
		return int64(v), nil
	case int32:
		return int64(v), nil
	case int64:
		return v, nil
	case uint8:
		return int64(v), nil
	case uint16:
		return int64(v), nil
	case uint32:
		return int64(v), nil
	case uint:
		if uint64(v) > math.MaxInt64 {
			return nil, errors.New("unsigned argument out of range")
		}
		return int64(v), nil
	case uint64:
		if v > math.MaxInt64 {
			return nil, errors.New("unsigned argument out of range")
		}
		return int64(v), nil
	case bool:
		if v {
			return int64(1), nil
		}
		return int64(0), nil
	case float32:
		return float64(v), nil
	case float64:
		return v, nil
	case string:
		return v, nil
	case []byte:
		return append([]byte(nil), v...), nil
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano), nil
	default:
		return nil, fmt.Errorf("unsupported argument type %T", a)
	}
}

func (r *record) marshal() []byte {
	b := []byte{recordVersion}
	b = appendString(b, r.VaultID)
	b = binary.AppendUvarint(b, r.Generation)
	b = binary.AppendUvarint(b, r.Seq)
	b = binary.AppendUvarint(b, uint64(len(r.Statements)))
	for _, s := range r.Statements {
		b = appendString(b, s.Query)
		b = binary.AppendUvarint(b, uint64(len(s.Args)))
		for _, a := range s.Args {
			switch v := a.(type) {
			case nil:
				b = append(b, tagNil)
			case int64:
				b = append(b, tagInt)
				b = binary.AppendVarint(b, v)
			case float64:
				b = append(b, tagFloat)
				b = binary.BigEndian.AppendUint64(b, math.Float64bits(v))
			case string:
				b = append(b, tagText)
				b = appendString(b, v)
			case []byte:
				b = append(b, tagBlob)
				b = appendString(b, string(v))
			default:
				panic(fmt.Sprintf("vault: unnormalized argument %T", a))
			}
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decoder reads the record encoding, failing on any inconsistency.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = errors.New(msg)
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 || n != len(binary.AppendUvarint(nil, v)) {
		d.fail("bad length") // a non-minimal encoding is damage too
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 || n != len(binary.AppendVarint(nil, v)) {
		d.fail("bad integer")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.fail("truncated field")
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if len(d.b) == 0 {
		d.fail("truncated record")
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

// unmarshalRecord decodes a record. It never panics and never allocates
// more than a small multiple of len(b).
func unmarshalRecord(b []byte) (*record, error) {
	if len(b) > maxRecordBytes {
		return nil, errors.New("record too large")
	}
	d := &decoder{b: b}
	if v := d.byte(); d.err == nil && v != recordVersion {
		return nil, fmt.Errorf("unknown record version %d", v)
	}
	r := &record{VaultID: string(d.bytes()), Generation: d.uvarint(), Seq: d.uvarint()}
	n := d.uvarint()
	if n > maxStatements || n > uint64(len(d.b)) {
		d.fail("bad statement count")
	}
	for i := uint64(0); i < n && d.err == nil; i++ {
		s := statement{Query: string(d.bytes())}
		na := d.uvarint()
		if na > maxArgs || na > uint64(len(d.b)) {
			d.fail("bad argument count")
			break
		}
		for j := uint64(0); j < na && d.err == nil; j++ {
			switch tag := d.byte(); tag {
			case tagNil:
				s.Args = append(s.Args, nil)
			case tagInt:
				s.Args = append(s.Args, d.varint())
			case tagFloat:
				if len(d.b) < 8 {
					d.fail("truncated float")
					break
				}
				s.Args = append(s.Args, math.Float64frombits(binary.BigEndian.Uint64(d.b)))
				d.b = d.b[8:]
			case tagText:
				s.Args = append(s.Args, string(d.bytes()))
			case tagBlob:
				s.Args = append(s.Args, append([]byte{}, d.bytes()...))
			default:
				d.fail("unknown argument tag")
			}
		}
		r.Statements = append(r.Statements, s)
	}
	if d.err == nil && len(d.b) != 0 {
		d.fail("trailing bytes")
	}
	if d.err != nil {
		return nil, d.err
	}
	return r, nil
}
