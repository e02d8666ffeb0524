package tagger

import (
	"unicode"
	"unicode/utf8"
)

// numFeatures is the number of feature slots per token; a slot a token
// does not use holds 0, the bucket that is never trained.
const numFeatures = 17

// Feature templates. A feature is a template and one or two values,
// hashed into a bucket of the weight table (the hashing trick), so the
// model needs no feature dictionary.
const (
	fBias uint64 = iota + 1
	fWord
	fPrev
	fNext
	fPrev2
	fNext2
	fPrevWord
	fWordNext
	fSuf2
	fSuf3
	fPre3
	fShape
	fGaz
	fGazPrev
	fGazNext
	fBands
	fPhrase
)

// tokInfo is what the features need of one token.
type tokInfo struct {
	word      uint64 // hash of the lower-case token (words, punctuation) or of its digit count (numbers)
	shape     uint64 // hash of the token's shape under its line's regime
	suf2      uint64
	suf3      uint64
	pre3      uint64
	gaz       uint16
	phrase    uint8 // 0, or 1/2 begin/inside a listed place, 3/4 begin/inside a listed organisation
	regime    uint8
	lenBand   uint8
	sentStart bool
}

// Hashing: FNV-1a over bytes, then a murmur-style finaliser to combine.

func hashBytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// appendLower appends the lower-case form of s to buf.
func appendLower(buf []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c == '\'' {
				buf = append(buf, '\'')
			} else {
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '’' {
			r = '\''
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		i += size
	}
	return buf
}

var (
	hashBOS   = hashString("<s>")
	hashEOS   = hashString("</s>")
	numHashes [6]uint64
)

func init() {
	for i := range numHashes {
		numHashes[i] = hashString("<num" + string(rune('0'+i)) + ">")
	}
}

// tokenInfo computes the per-token information of toks in text, in sc's
// buffers.
func (m *Model) tokenInfo(text string, toks []Token, sc *scratch) []tokInfo {
	if sc.cache == nil {
		sc.cache = new(gazCache)
	}
	info, buf, cache := sc.info[:0], sc.buf, sc.cache
	defer func() { sc.buf = buf }()
	for i := range toks {
		t := &toks[i]
		var ti tokInfo
		s := text[t.Start:t.End]
		switch t.Kind {
		case Word:
			buf = appendLower(buf[:0], s)
			ti.word = hashBytes(buf)
			ti.suf2, ti.suf3, ti.pre3 = affixes(buf)
			ti.gaz = cache.lookup(m.gaz, ti.word)
			n := utf8.RuneCount(buf)
			switch {
			case n <= 3:
				ti.lenBand = uint8(n)
			case n <= 5:
				ti.lenBand = 4
			case n <= 8:
				ti.lenBand = 5
			default:
				ti.lenBand = 6
			}
		case Num:
			ti.word = numHashes[min(len(s), 5)]
			ti.lenBand = 7
		default:
			ti.word = hashString(s)
			ti.lenBand = 8
		}
		info = append(info, ti)
	}
	markRegimes(text, toks, info)
	for i := range toks {
		info[i].shape = shapeHash(text[toks[i].Start:toks[i].End], toks[i].Kind, info[i].regime)
	}
	markSentenceStarts(text, toks, info)
	m.markPhrases(toks, info, cache)
	return info
}

// gazCache holds the gazetteer values of the words and phrases looked up
// last, by their hashes: the table is megabytes, and most words of a note
// are the same few hundred, so most lookups are answered here, from the
// processor's cache, instead of from memory.
type gazCache [2048]struct {
	h  uint64
	v  uint16
	ok bool
}

func (c *gazCache) lookup(g *Gazetteer, h uint64) uint16 {
	e := &c[h>>53]
	if e.ok && e.h == h {
		return e.v
	}
	v := g.lookup(h)
	e.h, e.v, e.ok = h, v, true
	return v
}

// affixes hashes the last 2 and 3 runes and the first 3 runes of the
// lower-case word b.
func affixes(b []byte) (s2, s3, p3 uint64) {
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		n := len(b)
		return hashBytes(b[max(n-2, 0):]), hashBytes(b[max(n-3, 0):]), hashBytes(b[:min(n, 3)])
	}
	cut := func(fromEnd bool, n int) []byte {
		if fromEnd {
			i := len(b)
			for k := 0; k < n && i > 0; k++ {
				_, size := utf8.DecodeLastRune(b[:i])
				i -= size
			}
			return b[i:]
		}
		i := 0
		for k := 0; k < n && i < len(b); k++ {
			_, size := utf8.DecodeRune(b[i:])
			i += size
		}
		return b[:i]
	}
	return hashBytes(cut(true, 2)), hashBytes(cut(true, 3)), hashBytes(cut(false, 3))
}

// markSentenceStarts marks the first token of a line and the first word
// after a full stop, question mark, exclamation mark, colon or semicolon.
func markSentenceStarts(text string, toks []Token, info []tokInfo) {
	start := true
	for i := range toks {
		if toks[i].Newline || i == 0 {
			start = true
		}
		switch toks[i].Kind {
		case Word, Num:
			info[i].sentStart = start
			start = false
		default:
			switch text[toks[i].Start:toks[i].End] {
			case ".", "!", "?", ":", ";":
				start = true
			}
		}
	}
}

// markPhrases finds the longest listed place or organisation of two words
// or more starting at each word that starts one, within a line.
func (m *Model) markPhrases(toks []Token, info []tokInfo, cache *gazCache) {
	for i := 0; i < len(toks); i++ {
		g := info[i].gaz
		if toks[i].Kind != Word || g&(gPlaceStart|gOrgStart) == 0 || info[i].phrase != 0 {
			continue
		}
		h := phraseStep(phraseSeed, info[i].word)
		words, end, kind := 1, -1, uint8(0)
		for j := i + 1; j < len(toks) && words < maxPhrase; j++ {
			if toks[j].Newline {
				break
			}
			if toks[j].Kind == Punct {
				continue
			}
			h = phraseStep(h, info[j].word)
			words++
			v := cache.lookup(m.gaz, h)
			if v == 0 {
				break // no listed name starts with these words
			}
			if v&gPhrase == 0 {
				continue
			}
			if v&(gPlace|gState) != 0 {
				end, kind = j, 1
			} else if v&gOrg1 != 0 {
				end, kind = j, 3
			}
		}
		if end < 0 {
			continue
		}
		info[i].phrase = kind
		for j := i + 1; j <= end; j++ {
			info[j].phrase = kind + 1
		}
		i = end
	}
}

// extract writes the feature buckets of every token into out, numFeatures
// per token, and returns it.
func (m *Model) extract(info []tokInfo, out []uint32) []uint32 {
	n := len(info)
	out = append(out[:0], make([]uint32, n*numFeatures)...)
	mask := uint64(1)<<m.bits - 1
	bucket := func(tmpl, a, b uint64) uint32 {
		x := uint32(((a^tmpl*0x9e3779b97f4a7c15)*0xbf58476d1ce4e5b9^b)*0x94d049bb133111eb>>32) & uint32(mask)
		if x == 0 {
			x = 1
		}
		return x
	}
	wordAt := func(i int) uint64 {
		if i < 0 {
			return hashBOS
		}
		if i >= n {
			return hashEOS
		}
		return info[i].word
	}
	gazAt := func(i int) uint64 {
		if i < 0 || i >= n {
			return 1 << 20
		}
		return uint64(info[i].gaz)
	}
	for i := range info {
		t := &info[i]
		f := out[i*numFeatures : (i+1)*numFeatures]
		w, p, nx := t.word, wordAt(i-1), wordAt(i+1)
		kind := uint64(0) // words share one bias; numbers and punctuation have their own
		if t.lenBand >= 7 {
			kind = uint64(t.lenBand)
		}
		f[0] = bucket(fBias, kind, 0)
		f[1] = bucket(fWord, w, 0)
		f[2] = bucket(fPrev, p, 0)
		f[3] = bucket(fNext, nx, 0)
		f[4] = bucket(fPrevWord, p, w)
		f[5] = bucket(fWordNext, w, nx)
		f[6] = bucket(fPhrase, uint64(t.phrase), uint64(t.regime))
		if t.lenBand >= 7 {
			f[7] = bucket(fShape, t.shape, 0)
			continue // numbers and punctuation: a few features are enough
		}
		f[7] = bucket(fShape, t.shape, b2u(t.sentStart))
		f[8] = bucket(fPrev2, wordAt(i-2), 0)
		f[9] = bucket(fNext2, wordAt(i+2), 0)
		f[10] = bucket(fSuf2, t.suf2, 0)
		f[11] = bucket(fSuf3, t.suf3, 0)
		f[12] = bucket(fPre3, t.pre3, 0)
		g := uint64(t.gaz)
		f[13] = bucket(fGaz, g, 0)
		f[14] = bucket(fGazPrev, gazAt(i-1), g)
		f[15] = bucket(fGazNext, g, gazAt(i+1))
		f[16] = bucket(fBands, g&gBandsMask|uint64(t.regime)<<8|uint64(t.lenBand)<<11, b2u(t.sentStart))
	}
	return out
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
