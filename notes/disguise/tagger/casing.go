package tagger

import (
	"unicode"
	"unicode/utf8"
)

// Casing regimes of a line. In a line written all in capitals or all in
// lower case, capitalisation says nothing of names, so the shape features
// leave it out there: casing is one feature among many, and only where it
// carries information.
const (
	regimeMixed = 1
	regimeLower = 2
	regimeUpper = 3
)

// markRegimes judges each line's casing: all capitals, all lower case or
// mixed. A line of fewer than four cased words takes the text's casing.
func markRegimes(text string, toks []Token, info []tokInfo) {
	var docUp, docLow, docMixed int
	type line struct{ start, end, up, low, mixed int }
	var lines []line
	cur := line{}
	for i := range toks {
		if toks[i].Newline && i > cur.start {
			cur.end = i
			lines = append(lines, cur)
			cur = line{start: i}
		}
		if toks[i].Kind != Word {
			continue
		}
		switch caseOf(text[toks[i].Start:toks[i].End]) {
		case caseUpper:
			cur.up++
		case caseLower:
			cur.low++
		case caseTitle, caseOther:
			cur.mixed++
		}
	}
	cur.end = len(toks)
	lines = append(lines, cur)
	for _, l := range lines {
		docUp += l.up
		docLow += l.low
		docMixed += l.mixed
	}
	doc := regimeOf(docUp, docLow, docMixed)
	for _, l := range lines {
		r := doc
		if l.up+l.low+l.mixed >= 4 {
			r = regimeOf(l.up, l.low, l.mixed)
		}
		for i := l.start; i < l.end; i++ {
			info[i].regime = r
		}
	}
}

func regimeOf(up, low, mixed int) uint8 {
	n := up + low + mixed
	switch {
	case n == 0:
		return regimeMixed
	case up*10 >= n*8 && up >= 2:
		return regimeUpper
	case up+mixed == 0:
		return regimeLower
	}
	return regimeMixed
}

const (
	caseLower = iota + 1
	caseUpper
	caseTitle
	caseOther
)

// caseOf classifies a word by its letters' case: a one-letter capital
// counts as a title-case word, not as capitals.
func caseOf(s string) int {
	up, low, n := 0, 0, 0
	first := true
	firstUp := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return caseOfRunes(s)
		}
		switch {
		case c >= 'A' && c <= 'Z':
			up++
			n++
			if first {
				firstUp = true
			}
			first = false
		case c >= 'a' && c <= 'z':
			low++
			n++
			first = false
		}
	}
	return caseFrom(up, low, n, firstUp)
}

func caseOfRunes(s string) int {
	up, low, n := 0, 0, 0
	first := true
	firstUp := false
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		n++
		if unicode.IsUpper(r) {
			up++
			if first {
				firstUp = true
			}
		} else if unicode.IsLower(r) {
			low++
		}
		first = false
	}
	return caseFrom(up, low, n, firstUp)
}

func caseFrom(up, low, n int, firstUp bool) int {
	switch {
	case up == 0:
		return caseLower
	case low == 0 && n >= 2:
		return caseUpper
	case firstUp && up == 1 || low == 0:
		return caseTitle
	}
	return caseOther
}

// shapeHash hashes the token's shape: letters as X or x, digits as d,
// repeats collapsed ("Maria" -> "Xx", "McKay" -> "XxXx"). In a line with
// no casing information letters all become a.
func shapeHash(s string, kind uint8, regime uint8) uint64 {
	var buf [16]byte
	n := 0
	var last byte
	for i := 0; i < len(s); i++ {
		r := rune(s[i])
		if r >= utf8.RuneSelf {
			return shapeHashRunes(s, kind, regime)
		}
		var c byte
		switch {
		case r >= '0' && r <= '9':
			c = 'd'
		case r >= 'A' && r <= 'Z':
			c = 'X'
		case r >= 'a' && r <= 'z':
			c = 'x'
		default:
			c = byte(r)
		}
		if regime != regimeMixed && (c == 'X' || c == 'x') {
			c = 'a'
		}
		if c == last || n == len(buf) {
			continue
		}
		buf[n] = c
		n++
		last = c
	}
	return mix(hashBytes(buf[:n]) ^ uint64(kind)<<56)
}

func shapeHashRunes(s string, kind uint8, regime uint8) uint64 {
	var buf [16]byte
	n := 0
	var last byte
	for _, r := range s {
		var c byte
		switch {
		case r >= '0' && r <= '9':
			c = 'd'
		case r >= 'A' && r <= 'Z':
			c = 'X'
		case r >= 'a' && r <= 'z':
			c = 'x'
		case r < utf8.RuneSelf:
			c = byte(r)
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r) || unicode.IsMark(r):
			c = 'x'
		default:
			c = '*'
		}
		if regime != regimeMixed && (c == 'X' || c == 'x') {
			c = 'a'
		}
		if c == last || n == len(buf) {
			continue
		}
		buf[n] = c
		n++
		last = c
	}
	return mix(hashBytes(buf[:n]) ^ uint64(kind)<<56)
}
