package tagger

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// The model file is gzip-compressed; inside, little-endian:
//
//	magic "confide-tagger\n", version byte
//	bits byte, labels byte, scale float32
//	transitions (labels+1) x labels float32
//	gazetteer: entries uvarint, then per entry (sorted by fingerprint)
//	  the fingerprint's difference from the previous one (uvarint) and
//	  its value (uint16)
//	weights: rows uvarint, then per non-zero row the difference of its
//	  index from the previous one (uvarint) and labels zig-zag varints,
//	  each at most maxWeight in magnitude
//
// Version 1 held 16-bit weights; version 2 holds the 8-bit weights that
// the packed rows of Model need.
const (
	fileMagic   = "confide-tagger\n"
	fileVersion = 2
)

// ErrBadModel reports a model file that cannot be read.
var ErrBadModel = errors.New("tagger: not a readable model file")

// WriteTo writes the model in its file format.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(v uint64) { bw.Write(tmp[:binary.PutUvarint(tmp[:], v)]) }
	sv := func(v int64) { bw.Write(tmp[:binary.PutVarint(tmp[:], v)]) }
	bw.WriteString(fileMagic)
	bw.WriteByte(fileVersion)
	bw.WriteByte(byte(m.bits))
	bw.WriteByte(numLabels)
	binary.Write(bw, binary.LittleEndian, m.scale)
	for x := range m.trans {
		binary.Write(bw, binary.LittleEndian, m.trans[x][:])
	}
	keys, vals := m.gaz.entries()
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return int(int64(keys[a]) - int64(keys[b])) })
	uv(uint64(len(keys)))
	prev := uint32(0)
	for _, i := range idx {
		uv(uint64(keys[i] - prev))
		prev = keys[i]
		binary.Write(bw, binary.LittleEndian, vals[i])
	}
	nrows := len(m.rows)
	rows := 0
	for r := 0; r < nrows; r++ {
		if !m.zeroRow(r) {
			rows++
		}
	}
	uv(uint64(rows))
	last := 0
	for r := 0; r < nrows; r++ {
		if m.zeroRow(r) {
			continue
		}
		uv(uint64(r - last))
		last = r
		for y := 0; y < numLabels; y++ {
			sv(int64(m.weight(r, y)))
		}
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if err := zw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

func (m *Model) zeroRow(r int) bool {
	for y := 0; y < numLabels; y++ {
		if m.weight(r, y) != 0 {
			return false
		}
	}
	return true
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Read reads a model written by WriteTo.
func Read(data []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	m, err := parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	return m, nil
}

func parse(raw []byte) (*Model, error) {
	r := bytes.NewReader(raw)
	head := make([]byte, len(fileMagic)+3)
	if _, err := io.ReadFull(r, head); err != nil || string(head[:len(fileMagic)]) != fileMagic {
		return nil, errors.New("no model header")
	}
	if v := head[len(fileMagic)]; v != fileVersion {
		return nil, fmt.Errorf("version %d, this build reads %d", v, fileVersion)
	}
	bits, labels := uint(head[len(fileMagic)+1]), head[len(fileMagic)+2]
	if labels != numLabels || bits < 4 || bits > 22 {
		return nil, fmt.Errorf("%d labels and %d bits", labels, bits)
	}
	nrows := 1 << bits
	m := &Model{bits: bits, rows: newRows(nrows)}
	if err := binary.Read(r, binary.LittleEndian, &m.scale); err != nil {
		return nil, err
	}
	for x := range m.trans {
		if err := binary.Read(r, binary.LittleEndian, m.trans[x][:]); err != nil {
			return nil, err
		}
	}
	for x := range m.trans {
		for _, v := range m.trans[x] {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return nil, errors.New("transition weight not finite")
			}
		}
	}
	if math.IsNaN(float64(m.scale)) || m.scale <= 0 || math.IsInf(float64(m.scale), 0) {
		return nil, errors.New("bad scale")
	}
	rest := raw[len(raw)-r.Len():]
	uvarint := func() (uint64, bool) {
		v, k := binary.Uvarint(rest)
		if k <= 0 {
			return 0, false
		}
		rest = rest[k:]
		return v, true
	}
	n, ok := uvarint()
	if !ok || n > uint64(len(rest)) {
		return nil, errors.New("bad gazetteer size")
	}
	m.gaz = newGazetteer(int(n))
	key := uint32(0)
	for i := uint64(0); i < n; i++ {
		d, ok := uvarint()
		if !ok || d > math.MaxUint32 || len(rest) < 2 {
			return nil, errors.New("bad gazetteer entry")
		}
		key += uint32(d)
		v := binary.LittleEndian.Uint16(rest)
		rest = rest[2:]
		if key == 0 {
			return nil, errors.New("bad gazetteer key")
		}
		m.gaz.insertKey(key, v)
	}
	rows, ok := uvarint()
	if !ok || rows > uint64(nrows) {
		return nil, errors.New("bad weight rows")
	}
	row := uint64(0)
	for i := uint64(0); i < rows; i++ {
		d, ok := uvarint()
		if !ok {
			return nil, errors.New("bad weight row")
		}
		row += d
		if row >= uint64(nrows) {
			return nil, errors.New("weight row out of range")
		}
		for y := 0; y < numLabels; y++ {
			v, k := binary.Varint(rest)
			if k <= 0 || v < -maxWeight || v > maxWeight {
				return nil, errors.New("bad weight")
			}
			rest = rest[k:]
			m.setWeight(int(row), y, int(v))
		}
	}
	if len(rest) != 0 {
		return nil, errors.New("trailing bytes")
	}
	for x := range m.trans {
		for _, v := range m.trans[x] {
			if v != float32(math.Round(float64(v))) || math.Abs(float64(v)) > 1<<30 {
				return nil, errors.New("transition weight not a whole unit")
			}
		}
	}
	m.lattice = lattice[int64](&m.trans)
	return m, nil
}
