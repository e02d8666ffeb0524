package disguise

import (
	"strings"
)

// matchKnown finds every occurrence of a known identifier in the text.
func (ix *knownIndex) match(text string, toks []token, l *lexicon, add func(Span)) {
	if len(ix.parts)+len(ix.phrases)+len(ix.phones)+len(ix.emails) == 0 {
		return
	}
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.kind == tokPunct {
			continue
		}
		if t.kind == tokWord {
			ix.matchName(toks, i, l, add)
		}
		for _, p := range ix.phrases[normWord(t.lower)] {
			if end, ok := matchPhrase(toks, i, p.words); ok {
				add(Span{Start: t.start, End: toks[end].end, Category: p.category, Detector: DetectorKnown, Confidence: 1, Subject: p.subject})
			}
		}
	}
	if len(ix.phones) > 0 {
		ix.matchPhones(toks, add)
	}
	if len(ix.emails) > 0 {
		lower := asciiLower(text)
		for _, e := range ix.emails {
			for off := 0; ; {
				j := strings.Index(lower[off:], e.text)
				if j < 0 {
					break
				}
				add(Span{Start: off + j, End: off + j + len(e.text), Category: Email, Detector: DetectorKnown, Confidence: 1, Subject: e.subject})
				off += j + len(e.text)
			}
		}
	}
}

func (ix *knownIndex) matchName(toks []token, i int, l *lexicon, add func(Span)) {
	t := &toks[i]
	emit := func(start, end int, ref phraseRef, conf float64) {
		add(Span{Start: start, End: end, Category: Name, Detector: DetectorKnown, Confidence: conf, Subject: ref.subject})
	}
	ref, ok := ix.parts[t.lower]
	if !ok {
		ref, ok = ix.parts[foldAccents(t.lower)]
	}
	if ok {
		// A known name that is also a common word ("Hope", "Will") counts
		// only when capitalised; any other known name counts in any case.
		if t.cap || !l.isCommonWord(t.lower) {
			emit(t.start, t.end, ref, 1)
		}
		return
	}
	if !t.cap {
		return
	}
	// Initials: "MG" or "M.G." or "M. G."
	if t.allCaps && len(t.text) <= 4 {
		if ref, ok := ix.initials[t.lower]; ok {
			emit(t.start, t.end, ref, 0.8)
			return
		}
	}
	if len(t.text) == 1 && len(ix.initials) > 0 {
		var b strings.Builder
		j, end := i, t.end
		for j < len(toks) && toks[j].kind == tokWord && len(toks[j].text) == 1 && toks[j].cap {
			b.WriteString(toks[j].lower)
			end = toks[j].end
			if j+1 < len(toks) && toks[j+1].text == "." && !toks[j+1].space {
				end = toks[j+1].end
				j += 2
				continue
			}
			break
		}
		if ref, ok := ix.initials[b.String()]; ok && b.Len() >= 2 {
			emit(t.start, end, ref, 0.8)
		}
		return
	}
	if len(t.lower) >= 5 && !l.isCommonWord(t.lower) {
		for _, ref := range ix.fuzzy {
			limit := 1
			if len(ref.text) >= 8 {
				limit = 2
			}
			if d := len(ref.text) - len(t.lower); d > limit || -d > limit {
				continue
			}
			if ref.text[0] != t.lower[0] && ref.text[len(ref.text)-1] != t.lower[len(t.lower)-1] {
				continue
			}
			if editDistance(ref.text, t.lower, limit) <= limit {
				emit(t.start, t.end, ref, 0.7)
				return
			}
		}
	}
}

// matchPhrase reports whether the words of a phrase start at token i,
// allowing punctuation and line breaks between them, and returns the index
// of the last token matched.
func matchPhrase(toks []token, i int, words []string) (int, bool) {
	j := i
	for w := 0; w < len(words); w++ {
		if w > 0 {
			j++
			skipped := 0
			for j < len(toks) && toks[j].kind == tokPunct && skipped < 3 {
				if toks[j].text == "'" || toks[j].text == "’" {
					// possessive "'s" inside a phrase: "Mary's Hospital" vs "Marys"
					if j+1 < len(toks) && toks[j+1].lower == "s" && words[w] != "s" {
						j++
					}
				}
				j++
				skipped++
			}
			if j >= len(toks) {
				return 0, false
			}
		}
		if toks[j].kind == tokPunct || normWord(toks[j].lower) != words[w] {
			return 0, false
		}
	}
	return j, true
}

func (ix *knownIndex) matchPhones(toks []token, add func(Span)) {
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tokNum {
			continue
		}
		var digits strings.Builder
		j, last := i, i
		for j < len(toks) && digits.Len() <= 15 {
			tk := toks[j]
			if j > i && tk.newline {
				break
			}
			if tk.kind == tokNum {
				digits.WriteString(tk.text)
				last = j
			} else if tk.kind != tokPunct || !strings.Contains("-.()+/", tk.text) {
				break
			}
			j++
		}
		d := digits.String()
		for _, p := range ix.phones {
			if strings.Contains(d, p.text) || (len(d) >= 7 && strings.HasSuffix(p.text, d)) {
				start := toks[i].start
				if i > 0 && toks[i-1].text == "(" {
					start = toks[i-1].start
				}
				add(Span{Start: start, End: toks[last].end, Category: Phone, Detector: DetectorKnown, Confidence: 1, Subject: p.subject})
				i = last
				break
			}
		}
	}
}

// editDistance is the optimal-string-alignment distance between a and b
// (bytes), stopping early once it exceeds limit.
func editDistance(a, b string, limit int) int {
	if a == b {
		return 0
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return best
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// asciiLower lower-cases ASCII letters only, so byte offsets stay valid.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}
