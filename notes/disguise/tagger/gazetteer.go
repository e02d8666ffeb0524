package tagger

import (
	"io/fs"
	"math"
	"strconv"
	"strings"
)

// A gazetteer value packs what the word lists say of one lower-case word
// into 16 bits: how common it is as a first name, as a surname and as an
// English word (each a small band), and whether it is or starts a place,
// a state or an organisation. Bands, not raw counts, keep the features
// few and the model small.
const (
	gFirstShift  = 0 // 3 bits: first-name band, 0 (not one) to 7
	gSurShift    = 3 // 3 bits: surname band
	gCommonShift = 6 // 2 bits: 0 not a common word, 1 rank <= 10000, 2 <= 1000, 3 <= 100
	gPlace       = 1 << 8
	gPlaceBig    = 1 << 9 // a place of 100,000 people or more
	gState       = 1 << 10
	gOrg1        = 1 << 11 // a one-word organisation name ("Walmart")
	gOrgWord     = 1 << 12 // a word found in many organisation names ("medical")
	gPlaceStart  = 1 << 13 // the first word of a place of two words or more
	gOrgStart    = 1 << 14 // the first word of an organisation of two words or more
	gPhrase      = 1 << 15 // the entry is a whole phrase, not a word

	// gPrefix marks the first words of a listed phrase, of two words or
	// more but not all of it (the bits of a word's value mean nothing for
	// a phrase's hash, so one of them is reused).
	gPrefix = gOrgWord

	gBandsMask = 0xff
)

// maxPhrase is the most words a gazetteer phrase spans.
const maxPhrase = 6

// Gazetteer maps the 32-bit fingerprint of a lower-case word, or of a
// phrase of words, to its gazetteer value, by open addressing. A slot
// holds both, the fingerprint in the high half and the value in the low
// 16 bits, so that a lookup reads one place in memory.
type Gazetteer struct {
	slots []uint64 // 0 is an empty slot
	mask  uint32
	n     int
}

func newGazetteer(n int) *Gazetteer {
	size := 1
	for size < n*2 {
		size <<= 1
	}
	return &Gazetteer{slots: make([]uint64, size), mask: uint32(size - 1)}
}

func slot(k uint32, v uint16) uint64 { return uint64(k)<<32 | uint64(v) }

// fingerprint turns a 64-bit hash into the table's non-zero 32-bit key.
func fingerprint(h uint64) uint32 {
	return uint32(h>>32) | 1
}

// insertKey stores v under fingerprint k. A slot is found from the
// fingerprint alone, so that a table rebuilt from a model file's
// fingerprints probes exactly as the one built from the lists.
func (g *Gazetteer) insertKey(k uint32, v uint16) {
	for i := slotOf(k) & g.mask; ; i = (i + 1) & g.mask {
		if sk := uint32(g.slots[i] >> 32); sk == 0 || sk == k {
			if sk == 0 {
				g.n++
			}
			g.slots[i] = slot(k, v)
			return
		}
	}
}

func slotOf(k uint32) uint32 {
	return uint32(mix(uint64(k)))
}

// entries returns the table's fingerprints and values.
func (g *Gazetteer) entries() (keys []uint32, vals []uint16) {
	for _, sl := range g.slots {
		if k := uint32(sl >> 32); k != 0 {
			keys = append(keys, k)
			vals = append(vals, uint16(sl))
		}
	}
	return keys, vals
}

// gazBuilder collects the word lists into a Gazetteer.
type gazBuilder struct {
	words map[uint32]uint16
}

func (b *gazBuilder) or(h uint64, v uint16) {
	k := fingerprint(h)
	b.words[k] |= v
}

func (b *gazBuilder) band(h uint64, shift uint, band int) {
	k := fingerprint(h)
	cur := int(b.words[k]>>shift) & 7
	if band > cur {
		b.words[k] = b.words[k]&^(7<<shift) | uint16(band)<<shift
	}
}

func (b *gazBuilder) table() *Gazetteer {
	g := newGazetteer(len(b.words))
	for k, v := range b.words {
		g.insertKey(k, v)
	}
	return g
}

// lookup returns the value stored for the word or phrase hash h, or 0.
func (g *Gazetteer) lookup(h uint64) uint16 {
	if g == nil || len(g.slots) == 0 {
		return 0
	}
	k := fingerprint(h)
	for i := slotOf(k) & g.mask; ; i = (i + 1) & g.mask {
		sl := g.slots[i]
		switch uint32(sl >> 32) {
		case k:
			return uint16(sl)
		case 0:
			return 0
		}
	}
}

// BuildGazetteer reads the word lists of assets.Gazetteer (any fs.FS with
// a gazetteer/ folder of the same files) into the table a model carries.
// The table is part of the model, so the features a model was trained
// with stay the same whatever later happens to the lists.
func BuildGazetteer(fsys fs.FS) (*Gazetteer, error) {
	b := &gazBuilder{words: make(map[uint32]uint16, 200000)}
	orgWords := map[uint64]int{}
	err := eachRow(fsys, "first_names.tsv", 3, func(f []string) {
		n := atoi(f[1]) + atoi(f[2])
		b.band(wordHash(f[0]), gFirstShift, logBand(n, 2))
	})
	if err == nil {
		err = eachRow(fsys, "surnames.tsv", 2, func(f []string) {
			b.band(wordHash(f[0]), gSurShift, logBand(atoi(f[1]), 2))
		})
	}
	if err == nil {
		rank := 0
		err = eachRow(fsys, "words.tsv", 2, func(f []string) {
			rank++
			band := 1
			if rank <= 100 {
				band = 3
			} else if rank <= 1000 {
				band = 2
			}
			h := wordHash(f[0])
			k := fingerprint(h)
			if int(b.words[k]>>gCommonShift)&3 < band {
				b.words[k] = b.words[k]&^(3<<gCommonShift) | uint16(band)<<gCommonShift
			}
		})
	}
	if err == nil {
		err = eachRow(fsys, "places.tsv", 3, func(f []string) {
			v := uint16(gPlace)
			if atoi(f[2]) >= 100000 {
				v |= gPlaceBig
			}
			b.addName(f[0], v, gPlaceStart)
		})
	}
	if err == nil {
		err = eachRow(fsys, "states.tsv", 5, func(f []string) {
			b.addName(f[0], gState, gPlaceStart)
			b.or(wordHash(f[1]), gState)
		})
	}
	for _, file := range []string{"hospitals.tsv", "universities.tsv", "companies.tsv"} {
		if err != nil {
			break
		}
		err = eachRow(fsys, file, 1, func(f []string) {
			name := orgCore(f[0])
			b.addName(name, gOrg1, gOrgStart)
			for _, w := range phraseWords(name) {
				orgWords[w]++
			}
		})
	}
	if err != nil {
		return nil, err
	}
	for h, n := range orgWords {
		if n >= 25 {
			b.or(h, gOrgWord)
		}
	}
	return b.table(), nil
}

// addName adds a list entry: a one-word entry marks the word with v, a
// longer one is stored as a phrase and marks its first word with start.
func (b *gazBuilder) addName(name string, v, start uint16) {
	ws := phraseWords(name)
	switch {
	case len(ws) == 1:
		b.or(ws[0], v)
	case len(ws) > 1 && len(ws) <= maxPhrase:
		b.or(ws[0], start)
		h := phraseStep(phraseSeed, ws[0])
		for k, w := range ws[1:] {
			h = phraseStep(h, w)
			if k < len(ws)-2 {
				// The words so far begin a listed name: the lookup of
				// a phrase goes on only while they do.
				b.or(h, gPrefix)
			}
		}
		b.or(h, v|gPhrase)
	}
}

// phraseWords returns the hashes of the words and numbers of name, as the
// tagger sees them in a text (punctuation left out).
func phraseWords(name string) []uint64 {
	var out []uint64
	var buf []byte
	for _, t := range Tokenize(name) {
		if t.Kind == Punct {
			continue
		}
		buf = appendLower(buf[:0], name[t.Start:t.End])
		out = append(out, hashBytes(buf))
	}
	return out
}

const phraseSeed uint64 = 0x9e3779b97f4a7c15

func phraseStep(h, w uint64) uint64 {
	return mix(h*31 ^ w)
}

func wordHash(s string) uint64 {
	return hashBytes(appendLower(nil, s))
}

// logBand is floor(log10(n)) - floor, clamped to 0..7 (0 when n is 0).
func logBand(n, floor int) int {
	if n <= 0 {
		return 0
	}
	b := int(math.Log10(float64(n))) - floor + 1
	return min(max(b, 1), 7)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

// eachRow calls fn with the fields of each row after the header of a list
// in fsys's gazetteer/ folder that has at least minFields fields.
func eachRow(fsys fs.FS, file string, minFields int, fn func([]string)) error {
	data, err := fs.ReadFile(fsys, "gazetteer/"+file)
	if err != nil {
		return err
	}
	text := string(data)
	_, text, _ = strings.Cut(text, "\n")
	for text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if len(f) >= minFields && f[0] != "" {
			fn(f)
		}
	}
	return nil
}

// orgCore strips corporate suffixes from an organisation name ("Acme
// Widgets, Inc." becomes "Acme Widgets"), as notes write them.
func orgCore(name string) string {
	fields := strings.FieldsFunc(name, func(r rune) bool {
		return r == ' ' || r == ',' || r == '.' || r == '/' || r == '&' || r == '(' || r == ')'
	})
	for len(fields) > 1 {
		switch strings.ToLower(fields[len(fields)-1]) {
		case "inc", "corp", "corporation", "co", "llc", "ltd", "plc", "lp", "the", "sa", "nv", "ag", "holdings", "group", "com":
			fields = fields[:len(fields)-1]
			continue
		}
		break
	}
	return strings.Join(fields, " ")
}
