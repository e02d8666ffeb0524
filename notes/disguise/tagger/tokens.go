package tagger

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds. They follow the identifier detector's tokenizer
// (notes/disguise/tokens.go) so that an entity the tagger finds starts and
// ends where one of the detector's tokens does.
const (
	Word  = 1 // a run of letters and marks, with inner apostrophes ("O'Neil")
	Num   = 2 // a run of ASCII digits
	Punct = 3 // one other rune
)

// Token is one word, number or punctuation rune of a text, with its byte
// offsets (End exclusive).
type Token struct {
	Start, End int
	Kind       uint8
	Space      bool // white space lies between this token and the one before
	Newline    bool // a line break lies between this token and the one before
}

// Tokenize splits text into tokens as the detector does: a possessive "'s"
// is split off ("Maria", "'", "s"), so that an entity never swallows it.
// Invalid UTF-8 bytes become punctuation tokens of one byte.
func Tokenize(text string) []Token {
	return appendTokens(make([]Token, 0, len(text)/4+1), text)
}

func appendTokens(toks []Token, text string) []Token {
	i := 0
	space, newline := false, false
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		var t Token
		switch {
		case r == '\n' || r == '\r':
			space, newline = true, true
			i += size
			continue
		case r == ' ' || unicode.IsSpace(r):
			space = true
			i += size
			continue
		case isLetter(r):
			j := i + size
			for j < len(text) {
				if c := text[j]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
					j++
					continue
				}
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isLetter(r2) {
					j += s2
					continue
				}
				if r2 == '\'' || r2 == '’' {
					r3, s3 := utf8.DecodeRuneInString(text[j+s2:])
					if !isLetter(r3) {
						break
					}
					if (r3 == 's' || r3 == 'S') && !letterAt(text, j+s2+s3) {
						break // possessive
					}
					j += s2 + s3
					continue
				}
				break
			}
			t = Token{Start: i, End: j, Kind: Word}
		case r >= '0' && r <= '9':
			j := i + 1
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				j++
			}
			t = Token{Start: i, End: j, Kind: Num}
		default:
			t = Token{Start: i, End: i + size, Kind: Punct}
		}
		t.Space, t.Newline = space, newline
		space, newline = false, false
		toks = append(toks, t)
		i = t.End
	}
	return toks
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

func letterAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isLetter(r)
}
