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
		known := ix.words[t.lower] || t.lower != foldAccents(t.lower) && ix.words[foldAccents(t.lower)]
		if !known && (t.kind != tokWord || !t.cap && !t.flat || len(ix.initials)+len(ix.fuzzy) == 0) {
			continue
		}
		if t.kind == tokWord {
			ix.matchName(toks, i, l, add)
			if ref, ok := ix.acronyms[t.lower]; ok && acronymAt(toks, i) {
				add(Span{Start: t.start, End: t.end, Category: Org, Detector: DetectorKnown, Confidence: 0.9, Subject: ref.subject})
			}
		}
		if !known {
			continue
		}
		for _, p := range ix.phrases[normWord(t.lower)] {
			if end, ok := matchPhrase(toks, i, p.words); ok {
				add(Span{Start: t.start, End: toks[end].end, Category: p.category, Detector: DetectorKnown, Confidence: 1, Subject: p.subject})
			} else if p.prefix {
				if end, ok := matchPrefix(toks, i, p.words); ok {
					add(Span{Start: t.start, End: toks[end].end, Category: p.category, Detector: DetectorKnown, Confidence: 0.9, Subject: p.subject})
				}
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
		if rels, shared := ix.shared[ref.text]; shared {
			ref.subject = ix.sharedSubject(toks, i, rels)
		}
		// A known name that is also a common word ("Hope", "Will", "sky")
		// counts where it is used as a name: capitalised in tidy text, or
		// in any case beside another part of a known name, after a title,
		// relation or label, or as the subject of a verb.
		if !l.isCommonWord(t.lower) || ix.nameUse(toks, i, l) {
			emit(t.start, t.end, ref, 1)
		}
		return
	}
	if !t.cap && !t.flat {
		return
	}
	// Initials: "M.G.", "M. G.", or "MG" in a name's place ("Dr. MG", "client MG
	// said"); never a clinical abbreviation ("MG", "PT", "MS").
	if len(t.text) >= 2 && len(t.text) <= 4 && (t.allCaps || t.flat) {
		if ref, ok := ix.initials[t.lower]; ok && !clinicalAbbrev[t.lower] && !stopWords[t.lower] && initialsContext(toks, i) {
			emit(t.start, t.end, ref, 0.8)
			return
		}
	}
	if len(t.text) == 1 && len(ix.initials) > 0 {
		var b strings.Builder
		j, end, dots := i, t.end, 0
		for j < len(toks) && toks[j].kind == tokWord && len(toks[j].text) == 1 && (toks[j].cap || toks[j].flat) {
			b.WriteString(toks[j].lower)
			end = toks[j].end
			if j+1 < len(toks) && toks[j+1].text == "." {
				end = toks[j+1].end
				dots++
				j += 2
				for j < len(toks) && toks[j].kind == tokPunct && toks[j].text == " " {
					j++
				}
				continue
			}
			break
		}
		if ref, ok := ix.initials[b.String()]; ok && b.Len() >= 2 && dots >= b.Len()-1 && !dottedAbbrev[b.String()] {
			emit(t.start, end, ref, 0.8)
		}
		return
	}
	if len(t.lower) >= 5 && !l.isCommonWord(t.lower) && (t.cap && !t.flat || t.flat && !clinicalAbbrev[t.lower]) {
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

// nameUse reports that the known name at i, a common word, is used as a
// name here.
func (ix *knownIndex) nameUse(toks []token, i int, l *lexicon) bool {
	t := &toks[i]
	if q := i - 1; q >= 1 && (toks[q].text == "\"" || toks[q].text == "“") && toks[q-1].kind == tokWord && (namingWords[toks[q-1].lower] || q >= 2 && namingWords[toks[q-2].lower]) {
		return true // her regulars call her "Flower"
	}
	if q := prevTok(toks, i); q >= 0 && (namingWords[toks[q].lower] && toks[q].lower != "as" && toks[q].lower != "by" || toks[q].lower == "by" && q > 0 && toks[q-1].lower == "goes") {
		return true // "goes by Don", "named Hope"
	}
	if t.cap && !t.flat && !t.sentStart {
		return true // "Reports that Will will visit"
	}
	if wordUse(toks, i) {
		return false
	}
	if ix.knownNeighbour(toks, i) {
		return true
	}
	p := i - 1
	for p >= 0 && (toks[p].text == "\"" || toks[p].text == "“" || toks[p].text == "(" || toks[p].text == ",") && !toks[p+1].newline {
		if toks[p].text == "(" || toks[p].text == "\"" || toks[p].text == "“" {
			if p > 0 && (toks[p-1].kind == tokWord && (relations[toks[p-1].lower] || ix.isKnownWord(toks[p-1].lower) || namingWords[toks[p-1].lower] || p > 1 && namingWords[toks[p-2].lower]) || toks[p-1].text == "(") {
				return true // "mom (dawn)", "skylar benton ("sky,""
			}
		}
		p--
	}
	if p >= 0 && !toks[p+1].newline && toks[p].kind == tokWord && (titles[toks[p].lower] || relations[toks[p].lower] || groupRelations[toks[p].lower] || nameLabels[toks[p].lower] && (t.flat || toks[p].text == ":")) {
		return true
	}
	if p >= 0 && toks[p].text == ":" && p > 0 && nameLabels[toks[p-1].lower] {
		return true
	}
	if t.cap && !t.flat {
		// At the start of a sentence: "Hope said", not "Will follow up".
		n := nextTok(toks, i)
		return n >= 0 && (toks[n].kind == tokWord && !toks[n].cap && (personVerbs[toks[n].lower] || subjectVerbs[toks[n].lower] || modals[toks[n].lower] || verbShaped(l, toks[n].lower)) ||
			toks[n].text == "," || toks[n].text == "'" || toks[n].text == "’" || toks[n].text == "(" || ix.knownNeighbour(toks, i))
	}
	if !t.flat {
		return false
	}
	// In lower case or capitals: the subject of a verb at the start of a
	// sentence or line ("sky came in", "BILL IS UPSET").
	if t.sentStart || i == 0 || t.newline || i > 0 && (toks[i-1].text == "." || toks[i-1].text == ";" || toks[i-1].text == ":") {
		n := nextTok(toks, i)
		if n >= 0 && toks[n].kind == tokWord && (personVerbs[toks[n].lower] || subjectVerbs[toks[n].lower]) {
			return true
		}
		if n >= 0 && (toks[n].text == "'" || toks[n].text == "’") {
			return true
		}
	}
	return false
}

var subjectVerbs = wordSet(strings.Fields(`is was has had will would can could did does and wants wanted needs needed
got gets took takes made makes seems seemed looked looks tried tries started starts stopped stops
continues continued kept keeps brought brings drove drives walked walks ran runs slept sleeps ate eats
drank drinks used uses reported reports says said told asked cried came went left staying doing feeling
going working living sleeping eating drinking trying getting coming using struggling back better worse`))

var modals = wordSet(strings.Fields(`may might will would can could should must shall`))

// namingWords introduce a name in quotes: her regulars call her "Flower".
var namingWords = wordSet(strings.Fields(`call calls called named nicknamed nickname goes by as aka`))

// knownNeighbour reports another part of a known name beside token i:
// "rusty pickett", "shonda bell", "WILLIAM "BILL" MCCREADY".
func (ix *knownIndex) knownNeighbour(toks []token, i int) bool {
	for _, d := range []int{-1, 1} {
		j := i + d
		for j >= 0 && j < len(toks) && (toks[j].text == "\"" || toks[j].text == "“" || toks[j].text == "”" || toks[j].text == "-") && !toks[max(i, j)].newline {
			j += d
		}
		if j < 0 || j >= len(toks) || toks[max(i, j)].newline || toks[j].kind != tokWord {
			continue
		}
		if _, ok := ix.parts[toks[j].lower]; ok && toks[j].lower != toks[i].lower {
			return true
		}
	}
	return false
}

func (ix *knownIndex) isKnownWord(w string) bool {
	_, ok := ix.parts[w]
	return ok
}

// sharedSubject decides whose a name part is when the client and a
// relative share it: the client's unless a title says otherwise ("Mrs.
// Smith" when the mother is a Smith and the client is not a woman known
// to be one).
func (ix *knownIndex) sharedSubject(toks []token, i int, rels []string) Subject {
	p := i - 1
	if p >= 0 && toks[p].text == "." {
		p--
	}
	if p < 0 || toks[p].kind != tokWord || !titles[toks[p].lower] || toks[i].newline {
		return SubjectClient
	}
	g := titleGender(toks[p].lower)
	for _, r := range rels {
		if rg := relationGender(r); g == 0 || rg == 0 || rg == g {
			return SubjectThirdParty
		}
	}
	return SubjectClient
}

func titleGender(t string) int {
	switch t {
	case "mr", "father", "fr", "brother", "uncle", "grandpa", "sr", "señor", "senor", "don", "abuelo", "tio", "tío":
		return 1
	case "mrs", "ms", "miss", "sister", "aunt", "auntie", "grandma", "mother", "sra", "señora", "senora", "doña", "dona", "abuela", "tia", "tía", "nana":
		return 2
	}
	return 0
}

func relationGender(r string) int {
	for _, w := range strings.FieldsFunc(r, func(c rune) bool { return c == ' ' || c == '-' }) {
		switch w {
		case "father", "husband", "brother", "son", "uncle", "grandfather", "nephew", "stepfather", "stepson", "dad", "boyfriend", "grandson", "stepbrother":
			return 1
		case "mother", "wife", "sister", "daughter", "aunt", "grandmother", "niece", "stepmother", "stepdaughter", "mom", "girlfriend", "granddaughter", "stepsister":
			return 2
		}
	}
	return 0
}

// initialsContext reports initials without full stops where a name stands:
// after a title, relation or label, or before a verb of speech.
func initialsContext(toks []token, i int) bool {
	if p := prevTok(toks, i); p >= 0 {
		w := toks[p].lower
		if titles[w] || relations[w] || nameLabels[w] || toks[p].text == ":" && p > 0 && nameLabels[toks[p-1].lower] {
			return true
		}
	}
	n := nextTok(toks, i)
	return n >= 0 && toks[n].kind == tokWord && personVerbs[toks[n].lower]
}

// acronymAt reports a known organisation's acronym written as one:
// capitals in tidy text, or after "at", "@", "from", "for" in any case.
func acronymAt(toks []token, i int) bool {
	t := &toks[i]
	p := prevTok(toks, i)
	lead := p >= 0 && (toks[p].lower == "at" || toks[p].text == "@" || toks[p].lower == "from" || toks[p].lower == "for" || toks[p].lower == "to" || toks[p].lower == "with")
	if clinicalAbbrev[t.lower] || stopWords[t.lower] {
		return lead && (t.allCaps || t.flat)
	}
	return t.allCaps && !t.flat || lead
}

// matchPrefix reports an organisation written by its first words, each
// whole or abbreviated: "piedmont atl" for Piedmont Atlanta Hospital,
// "Rural Metro" for Rural/Metro Fire.
func matchPrefix(toks []token, i int, words []string) (int, bool) {
	j, matched := i, 0
	for w := 0; w < len(words); w++ {
		if w > 0 {
			k := j + 1
			for k < len(toks) && toks[k].kind == tokPunct && (toks[k].text == "-" || toks[k].text == "/" || toks[k].text == "." || toks[k].text == "–") {
				k++
			}
			if k >= len(toks) || toks[k].kind == tokPunct || toks[k].newline {
				break
			}
			tw := normWord(toks[k].lower)
			if tw != words[w] && !(len(tw) >= 3 && strings.HasPrefix(words[w], tw)) {
				break
			}
			j = k
		} else if normWord(toks[i].lower) != words[0] {
			return 0, false
		}
		matched++
	}
	return j, matched >= 2 && matched < len(words)
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
