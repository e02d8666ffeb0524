package disguise

import "strings"

// How much a word looks like a person's name on its own, before context.
const (
	notAName  = 0
	weakName  = 1 // a capitalised common word, a month: only inside a longer name
	maybeName = 2 // an unlisted rare word, or a listed name that is also a word ("hope")
	likeName  = 3 // a listed name that is no common word, or a capital in sentence case
)

// nameScore says how much token t looks like a name by itself.
func nameScore(t *token, l *lexicon) int {
	if t.kind != tokWord || len(t.text) < 2 && !t.cap {
		return notAName
	}
	w := t.lower
	info := t.info
	if t.cap && !t.flat && !t.allCaps && !t.sentStart && info.first >= 2000 && t.is(cStop|cMonthWeek) {
		return maybeName // "her pastor, Will", "her classmate, April"
	}
	if t.is(cStop) || t.is(cCredential) && (t.flat || t.allCaps || !t.cap) || t.is(cNotName) && !t.cap {
		return notAName
	}
	if t.is(cClinical) && (t.flat || t.allCaps || !t.cap || len(w) <= 2) || t.is(cDrug|cTerm) || t.is(cDemonym) && !t.cap {
		return notAName
	}
	if len(t.text) < 2 {
		return notAName
	}
	if t.is(cMonthWeek|cRelation|cNotName|cDemonym) || t.is(cTitle) && info.first == 0 || countries[w] {
		return weakName // a country or a language is a person only inside a longer name
	}
	listed := info.first >= 100 || info.surname >= 300
	common := info.rank > 0
	strongFirst := info.first >= 2000 // "hope", "will", "grant": names as often as words
	switch {
	case t.cap && !t.flat && !t.allCaps:
		switch {
		case !common:
			return likeName
		case strongFirst:
			return maybeName
		}
		return weakName
	case listed && !common:
		return likeName
	case common && strongFirst:
		return maybeName
	case !common && !hasNonNameSuffix(w) && isNameShape(t.text) && !verbShaped(l, w):
		return maybeName
	}
	return notAName
}

// isNameShape reports a word of letters (apostrophes and marks allowed).
func isNameShape(s string) bool {
	for _, r := range s {
		if r == '\'' || r == '’' {
			continue
		}
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80) {
			return false
		}
	}
	return true
}

// nameFinder marks the tokens of the people named in one text.
type nameFinder struct {
	toks   []token
	l      *lexicon
	isName []bool
	score  []int8
	spans  [][2]int // names written with punctuation inside ("KOWALSKI, DOROTHY")
}

// findNames finds people by their names: the gazetteer and capitals in
// sentence case, and in any casing the words around a word (titles,
// relations, field labels, "named", credentials and signature blocks).
func findNames(toks []token, l *lexicon, add func(Span)) {
	f := &nameFinder{toks: toks, l: l, isName: make([]bool, len(toks)), score: make([]int8, len(toks))}
	for i := range toks {
		f.score[i] = int8(nameScore(&toks[i], l))
	}
	f.sentenceCase()
	f.contexts()
	f.signatures()
	f.initials()
	f.nicknames()
	f.bracketed()
	f.flatFirstNames()
	f.extend()
	f.repeat()
	for _, sp := range f.spans {
		add(Span{Start: sp[0], End: sp[1], Category: Name, Detector: DetectorGazetteer, Confidence: 0.7})
	}
	for i := range toks {
		if !f.isName[i] {
			continue
		}
		end := toks[i].end
		if len(toks[i].text) == 1 && i+1 < len(toks) && toks[i+1].text == "." {
			end = toks[i+1].end
		}
		add(Span{Start: toks[i].start, End: end, Category: Name, Detector: DetectorGazetteer, Confidence: 0.7})
	}
}

// sentenceCase is the capitals-as-evidence rule of tidy text: a listed
// name, capitalised mid-sentence, or capitalised with a verb of speech.
func (f *nameFinder) sentenceCase() {
	toks, l := f.toks, f.l
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord || !t.cap || t.flat || notNames[t.lower] || len(t.text) < 2 || f.score[i] == notAName || countries[t.lower] || t.is(cDemonym) {
			continue
		}
		if t.allCaps && len(t.text) <= 3 {
			continue // acronyms
		}
		inList := isNameWord(l, t)
		common := l.isCommonWord(t.lower) || l.states[t.lower] != ""
		if i >= 2 && toks[i-1].text == "." && len(toks[i-2].text) == 1 && toks[i-2].cap && toks[i-2].kind == tokWord && !common && !t.sentStart {
			f.isName[i] = true // "D. Farkas"
			f.isName[i-2] = true
			continue
		}
		weak := personVerbAfter(toks, i) || possessiveAfter(toks, i) && !t.sentStart || appositionAfter(toks, i)
		if t.allCaps && !capsNameNeighbour(toks, i, l) || titleCasePhraseAfter(toks, i, l) {
			continue // "TIPP", "Columbia Suicide Severity Rating Scale"
		}
		switch {
		case weak && (!common || inList && (!t.sentStart || l.isFirstName(t.lower) && personVerbAfter(toks, i))):
			f.isName[i] = true
		case inList && !common && !t.sentStart:
			f.isName[i] = true
		case inList && !common && t.sentStart && (followsAsName(toks, i, l) || l.firstCount(t.lower) >= 1000):
			f.isName[i] = true
		case common && !t.sentStart && !t.allCaps && l.isFirstName(t.lower) && l.firstCount(t.lower) > 20000 &&
			i > 0 && toks[i-1].kind == tokWord && !toks[i-1].cap && (i+1 >= len(toks) || !toks[i+1].cap || toks[i+1].kind != tokWord):
			// A common word that is a frequent first name, capitalised in
			// the middle of a sentence: "Reports that Chase chased him".
			f.isName[i] = true
		}
	}
}

func isNameWord(l *lexicon, t *token) bool {
	w := l.name(t.lower)
	return w.first > 0 || w.surname > 0
}

// prevTok returns the index of the token before i on the same line, or -1.
func prevTok(toks []token, i int) int {
	if i <= 0 || toks[i].newline {
		return -1
	}
	return i - 1
}

// nextTok returns the index of the token after i on the same line, or -1.
func nextTok(toks []token, i int) int {
	if i+1 >= len(toks) || toks[i+1].newline {
		return -1
	}
	return i + 1
}

// skipOpen skips punctuation that may stand between a trigger and a name:
// "husband, Daniel", "mom (dawn)", "Dr. Okafor", "Client: Hope".
func skipOpen(toks []token, i int, allowed string) int {
	for n := 0; i >= 0 && i < len(toks) && n < 3; n++ {
		if toks[i].kind != tokPunct || !strings.Contains(allowed, toks[i].text) {
			return i
		}
		if i+1 >= len(toks) || toks[i+1].newline {
			return -1
		}
		i++
	}
	if i >= len(toks) {
		return -1
	}
	return i
}

// run collects the name that starts at token i: up to four name words on
// one line, joined by spaces, hyphens, apostrophes, initials' full stops
// and surname particles, and a nickname in quotes ("WILLIAM "BILL"
// MCCREADY"). It returns the tokens of the name (nil when none), trimmed
// of weak words at its end, and accepts it only when its best word
// scores at least need.
func (f *nameFinder) run(i, need int) []int { return f.runFrom(i, need, true) }

// runFrom is run; trim false keeps a weak first word (after "Dr.").
func (f *nameFinder) runFrom(i, need int, trim bool) []int {
	toks := f.toks
	var out []int
	best := 0
	words := 0
	for j := i; j >= 0 && j < len(toks) && words < 4; {
		t := &toks[j]
		if j > i && t.newline {
			break
		}
		if t.kind == tokWord {
			sc := int(f.score[j])
			initial := len(t.text) == 1 && j+1 < len(toks) && toks[j+1].text == "." && !toks[j+1].newline
			particle := surnameParticles[t.lower] && len(out) > 0 && j+1 < len(toks) && toks[j+1].kind == tokWord
			if sc == notAName && !initial && !particle {
				break
			}
			if len(out) > 0 && !particle && !t.flat && !t.cap && toks[out[0]].cap && !toks[out[0]].flat {
				break // "Mr. Baker minimized": a capitalised name ends at a lower-case word
			}
			if initial {
				sc = maybeName
			}
			if particle {
				sc = weakName
			}
			out = append(out, j)
			best = max(best, sc)
			words++
			if initial {
				j += 2
				continue
			}
			j++
			continue
		}
		// Joins inside a name.
		if (t.text == "-" || t.text == "'" || t.text == "’") && !t.space && j+1 < len(toks) && toks[j+1].kind == tokWord && !toks[j+1].space && len(out) > 0 {
			j++
			continue
		}
		if (t.text == "\"" || t.text == "“") && len(out) > 0 && j+2 < len(toks) && toks[j+1].kind == tokWord && (toks[j+2].text == "\"" || toks[j+2].text == "”") && f.score[j+1] >= weakName {
			out = append(out, j+1)
			j += 3
			continue
		}
		break
	}
	// Trim weak words from the end ("Referral", "June" alone).
	for len(out) > 0 && f.score[out[len(out)-1]] < maybeName && len(toks[out[len(out)-1]].text) > 1 && (trim || len(out) > 1) {
		out = out[:len(out)-1]
	}
	if len(out) == 0 || best < need {
		return nil
	}
	return out
}

func (f *nameFinder) mark(rule string, idx []int) {
	for _, j := range idx {
		f.isName[j] = true
	}
	if traceRule != nil && len(idx) > 0 {
		traceRule(rule, f.toks[idx[0]].start, f.toks[idx[len(idx)-1]].end)
	}
}

// traceRule, when set (by a test), hears which rule found which name.
var traceRule func(rule string, start, end int)

// contexts applies the rules that a word's neighbours make a name of it,
// in any casing.
func (f *nameFinder) contexts() {
	toks := f.toks
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord || !t.is(cTitle|cRelation|cGroupRelation|cLabel|cLead) {
			continue
		}
		w := t.lower
		n := nextTok(toks, i)
		if n < 0 {
			continue
		}
		// A title: "Dr. Okonkwo", "dr lindgren", "MR KELLERMAN".
		if titles[w] && (t.cap && !t.flat || strongTitles[w] || toks[n].text == ".") && !(w == "ms" && t.allCaps && toks[n].text != ".") {
			j := skipOpen(toks, n, ".")
			if j >= 0 && toks[j].kind == tokWord {
				need := maybeName
				if strongTitles[w] {
					need = weakName
					if toks[j].flat || !toks[j].cap {
						need = maybeName
					}
				}
				if titles[toks[j].lower] && nextTok(toks, j) >= 0 { // "Rev. Dr. King", "mr. dr"
					j = skipOpen(toks, j+1, ".")
				}
				if j >= 0 {
					f.mark("title", f.runFrom(j, need, !strongTitles[w]))
				}
			}
			continue
		}
		// A relation: "wife darlene", "her husband, Daniel", "mom (karen)".
		if (relations[w] || groupRelations[w]) && (t.space || t.newline || i == 0) {
			if p := prevTok(toks, i); p >= 0 && (toks[p].lower == "a" || toks[p].lower == "an") && !t.flat {
				continue // "a friend" is not followed by a name as often
			}
			j := skipOpen(toks, n, ",(:\"“")
			if j < 0 || toks[j].kind != tokWord {
				continue
			}
			if titles[toks[j].lower] {
				continue // the title rule takes it: "husband mr. o'connell"
			}
			need := maybeName
			if !toks[j].flat && !toks[j].cap {
				need = likeName // in sentence case a name has a capital, or is a listed name: "her husband daniel"
			}
			r := f.run(j, need)
			f.mark("relation", r)
			if groupRelations[w] && len(r) > 0 {
				f.list(r[len(r)-1] + 1)
			}
			continue
		}
		// A field label: "Client: Hope Villanueva", "PT: JUNE ABERNATHY",
		// and in shorthand "pt aidan sorensen 19yo".
		ptWord := w == "pt" || w == "client" || w == "patient"
		if nameLabels[w] && (i == 0 || toks[i].newline || toks[i].sentStart || prevTok(toks, i) >= 0 && strings.Contains(";|,.", toks[i-1].text) || toks[n].text == ":" || ptWord && t.flat) {
			if toks[n].text == ":" {
				j := skipOpen(toks, n, ":")
				if j >= 0 && toks[j].kind == tokWord {
					r := f.run(j, maybeName)
					f.mark("label:", r)
					if len(r) == 1 {
						// "PT: KOWALSKI, DOROTHY": surname, comma, first name.
						if c := r[0] + 1; c+1 < len(toks) && toks[c].text == "," && !toks[c+1].newline && f.score[c+1] >= likeName && f.l.isFirstName(toks[c+1].lower) {
							f.mark("label:", []int{c + 1})
							f.spans = append(f.spans, [2]int{toks[r[0]].start, toks[c+1].end})
						}
					}
					if len(r) > 0 && (w == "participants" || w == "members" || w == "present" || w == "parents" || w == "leaders" || w == "facilitators") {
						f.list(r[len(r)-1] + 1)
					}
				}
				continue
			}
			if (w == "pt" || w == "client" || w == "patient") && toks[n].kind == tokWord {
				r := f.run(n, likeName)
				if len(r) == 1 && !ageSexAfter(toks, r[0]) && f.score[r[0]] < likeName {
					r = nil
				}
				if r == nil && f.score[n] >= maybeName && ageSexAfter(toks, n) {
					r = []int{n}
				}
				f.mark("label-pt", r)
			}
			continue
		}
		// "named Jaxon", "goes by Chela", "Dear Ms. Lindahl", "hi its marcus".
		lead := personLeads[w] || (w == "by" && i > 0 && (toks[i-1].lower == "goes" || toks[i-1].lower == "dictated" || toks[i-1].lower == "referred" || toks[i-1].lower == "signed" || toks[i-1].lower == "seen" || toks[i-1].lower == "written")) ||
			(w == "is" || w == "its" || w == "it's") && i > 0 && (toks[i-1].lower == "this" || toks[i-1].lower == "it") && i >= 1 ||
			w == "prefers" || w == "for" && i > 0 && (toks[i-1].lower == "note" || toks[i-1].lower == "dictation" || toks[i-1].lower == "dictating")
		if (w == "dear" || w == "hi" || w == "hello" || w == "hey") && !(i == 0 || t.newline || i > 0 && (toks[i-1].text == "\"" || toks[i-1].text == "“")) || t.allCaps {
			lead = false
		}
		if lead {
			j := skipOpen(toks, n, ",")
			if j >= 0 && toks[j].kind == tokWord {
				if titles[toks[j].lower] {
					continue
				}
				need := maybeName
				if !toks[j].flat && !toks[j].cap || toks[j].flat && w != "named" && w != "nicknamed" && w != "dear" {
					need = likeName // "It is true", "called quadratic equations", "CALLED CONVERGENT"
				}
				f.mark("lead", f.run(j, need))
			}
		}
	}
}

// list continues a list of names after a group word or label: "friends
// kaylee + jaz", "Present: Ray and Donna Krueger".
func (f *nameFinder) list(i int) {
	toks := f.toks
	for n := 0; n < 6 && i < len(toks) && !toks[i].newline; n++ {
		if toks[i].kind != tokPunct && toks[i].lower != "and" && toks[i].lower != "&" {
			return
		}
		if !strings.Contains(",+&/", toks[i].text) && toks[i].lower != "and" {
			return
		}
		j := i + 1
		if j >= len(toks) || toks[j].newline || toks[j].kind != tokWord {
			return
		}
		r := f.run(j, maybeName)
		if r == nil {
			return
		}
		f.mark("list", r)
		i = r[len(r)-1] + 1
		for i < len(toks) && toks[i].text == "." && !toks[i].newline {
			i++
		}
	}
}

// ageSexAfter reports an age or sex marker after token i: "13f", "19yo",
// "(16M)", ", 38,", "7m".
func ageSexAfter(toks []token, i int) bool {
	j := i + 1
	for j < len(toks) && (toks[j].text == "(" || toks[j].text == ",") && !toks[j].newline {
		j++
	}
	if j >= len(toks) || toks[j].newline || toks[j].kind != tokNum || len(toks[j].text) > 3 {
		return false
	}
	k := j + 1
	if k >= len(toks) || toks[k].newline {
		return true
	}
	if toks[k].kind == tokWord && !toks[k].space {
		switch toks[k].lower {
		case "f", "m", "yo", "y", "yrs", "yr", "mo", "mos", "yof", "yom":
			return true
		}
		return false
	}
	return toks[k].text == ")" || toks[k].text == "," || toks[k].kind == tokWord && (toks[k].lower == "yo" || toks[k].lower == "y")
}

// signatures finds the signer of a note, letter or message: a name before
// credentials ("Teresa Nakamura-Ruiz, MC, LPC", "-sd mft", "R. GUTHRIE,
// CSW"), a name or initials after a dash that ends a message ("— Marisa",
// "-bnh"), and the line after a closing ("Respectfully,").
func (f *nameFinder) signatures() {
	toks := f.toks
	for i := range toks {
		t := &toks[i]
		if t.kind == tokWord && !t.is(cCredential|cCloser) {
			continue
		}
		if t.kind == tokPunct && t.text != "-" && t.text != "—" && t.text != "–" {
			continue
		}
		if t.kind == tokWord && t.is(cCredential) && isCredentialAt(toks, i) {
			// Walk back over a comma to the name before the credential.
			p := i - 1
			if p >= 0 && toks[p].text == "," && !toks[i].newline {
				p--
			} else if p >= 0 && (toks[p].kind != tokWord || toks[i].newline) {
				continue
			}
			for p >= 0 && credentials[toks[p].lower] && !toks[p+1].newline && p > 0 { // "MA, LCPC"
				p--
				if p >= 0 && toks[p].text == "," {
					p--
				}
			}
			if p < 0 || toks[p].kind != tokWord || toks[p+1].newline && p+1 != i {
				continue
			}
			start := f.nameStartBefore(p)
			if start < 0 {
				continue
			}
			if r := f.run(start, maybeName); len(r) > 0 && r[len(r)-1] >= p-1 {
				f.mark("credential", r)
			}
			continue
		}
		// "-bnh", "— Marisa", "- m. adeyemi": a dash then a name to the end
		// of the line or quote.
		if (t.text == "-" || t.text == "—" || t.text == "–") && i+1 < len(toks) && !toks[i+1].newline && toks[i+1].kind == tokWord {
			lineStart := t.newline || i == 0
			r := f.run(i+1, maybeName)
			if len(r) == 0 {
				continue
			}
			e := r[len(r)-1] + 1
			if e < len(toks) && toks[e].text == "." && len(toks[e-1].text) == 1 {
				e++
			}
			endOK := e >= len(toks) || toks[e].newline || strings.Contains(",\"”", toks[e].text) || credentials[toks[e].lower]
			if endOK && (lineStart || e >= len(toks) || toks[e].newline || toks[e].text == "\"" || toks[e].text == "”") {
				f.mark("dash", r)
			}
			continue
		}
		// "Sincerely,\n\nName" or "Warmly,\nPeter Haugland, LCSW".
		if t.kind == tokWord && closings[t.lower] && (t.newline || i == 0) {
			j := i + 1
			for j < len(toks) && !toks[j].newline {
				j++
			}
			if j < len(toks) && toks[j].kind == tokWord {
				f.mark("closing", f.run(j, maybeName))
			}
		}
	}
}

// isCredentialAt reports a credential that ends a name: followed by the end
// of the line, a comma, another credential, a bracket or a licence number.
func isCredentialAt(toks []token, i int) bool {
	n := i + 1
	for n < len(toks) && toks[n].text == "-" && !toks[n].space && n+1 < len(toks) && toks[n+1].kind == tokWord && !toks[n+1].space {
		n += 2 // "LCSW-S", "PMH-C"
	}
	if n < len(toks) && toks[n].text == "." && !toks[n].space {
		n++ // "Ph.D."
		for n+1 < len(toks) && toks[n].kind == tokWord && len(toks[n].text) <= 2 && toks[n+1].text == "." {
			n += 2
		}
	}
	if n >= len(toks) || toks[n].newline {
		return true
	}
	switch toks[n].text {
	case ",", ")", "#", ";", "|", "(", "—", "–", "/":
		return true
	}
	return toks[n].kind == tokWord && credentials[toks[n].lower]
}

// nameStartBefore walks back from token p (the last word of a name) to the
// first word of the name on the same line, or returns -1.
func (f *nameFinder) nameStartBefore(p int) int {
	toks := f.toks
	start := -1
	words := 0
	for j := p; j >= 0 && words < 4; j-- {
		t := &toks[j]
		if t.kind == tokWord {
			initial := len(t.text) == 1 && j+1 < len(toks) && toks[j+1].text == "."
			if f.score[j] == notAName && !initial && !surnameParticles[t.lower] {
				break
			}
			start = j
			words++
			if t.newline || j == 0 {
				break
			}
			continue
		}
		if (t.text == "." && j > 0 && len(toks[j-1].text) == 1) || (t.text == "-" || t.text == "'" || t.text == "’") && !t.space || t.text == "\"" || t.text == "“" || t.text == "”" {
			if t.newline {
				break
			}
			continue
		}
		break
	}
	return start
}

// initials finds a person's initials with full stops in any case ("T.R.",
// "d.r.", "D.M. & P.M."), except dotted abbreviations ("a.m.", "U.S.")
// unless they stand in a list with other initials.
func (f *nameFinder) initials() {
	toks := f.toks
	type ini struct{ s, e int }
	var found []ini
	for i := 0; i+3 < len(toks); i++ {
		a, d1, b, d2 := &toks[i], &toks[i+1], &toks[i+2], &toks[i+3]
		if a.kind != tokWord || len(a.text) != 1 || d1.text != "." || b.kind != tokWord || len(b.text) != 1 || d2.text != "." || d1.space || b.newline {
			continue
		}
		if i > 0 && toks[i-1].text == "." && !a.space {
			continue // inside "e.g.r." and the like
		}
		e := i + 3
		if e+2 < len(toks) && toks[e+1].kind == tokWord && len(toks[e+1].text) == 1 && toks[e+2].text == "." && !toks[e+1].space {
			e += 2
		}
		if e+1 < len(toks) && toks[e+1].kind == tokWord && !toks[e+1].space {
			continue
		}
		found = append(found, ini{i, e})
		i = e
	}
	for k, x := range found {
		letters := ""
		for j := x.s; j <= x.e; j += 2 {
			letters += toks[j].lower
		}
		listed := k > 0 && toks[found[k-1].e].end+4 >= toks[x.s].start || k+1 < len(found) && toks[x.e].end+4 >= toks[found[k+1].s].start
		if dottedAbbrev[letters] && !listed {
			continue
		}
		if !toks[x.s].cap && !toks[x.s].flat {
			continue // "e.g." in sentence case
		}
		if letters == "eg" || letters == "ie" || letters == "am" || letters == "pm" && !listed {
			continue
		}
		for j := x.s; j <= x.e; j += 2 {
			f.isName[j] = true
		}
	}
}

// nicknames finds a nickname or another spelling in quotes beside a name or
// after a naming word: Oluwaseun ("Seun"), spelled "Chimaka", Guillermo
// ("Memo"), pet name "Bunty", his name as "Osheen".
func (f *nameFinder) nicknames() {
	toks := f.toks
	for i := range toks {
		if toks[i].text != "\"" && toks[i].text != "“" {
			continue
		}
		j := i + 1
		var r []int
		strongest := int8(0)
		for j < len(toks) && toks[j].kind == tokWord && len(r) < 3 && !toks[j].newline {
			if f.score[j] < weakName || !toks[j].cap && !toks[j].flat || l0(f.l, &toks[j]) && len(r) == 0 {
				r = nil
				break
			}
			strongest = max(strongest, f.score[j])
			r = append(r, j)
			j++
			if j < len(toks) && toks[j].text == "-" && !toks[j].space {
				j++
			}
		}
		if len(r) == 0 || j >= len(toks) || toks[j].text != "\"" && toks[j].text != "”" && toks[j].text != "," && toks[j].text != ";" {
			continue
		}
		if strongest < maybeName {
			continue
		}
		// What comes before the quote: a name, a bracket after a name, or a
		// naming word within a few tokens.
		ok := false
		if i >= 2 && toks[i-1].text == "(" && toks[i-2].kind == tokWord && toks[i-2].cap && !toks[i-2].flat && f.score[i-2] >= maybeName {
			// Oluwaseun ("Seun"): the word before the bracket is a name too.
			ok = true
			f.mark("nickname", []int{i - 2})
		}
		for k := i - 1; k >= 0 && k >= i-6 && !toks[k+1].newline; k-- {
			if f.isName[k] {
				ok = true
				break
			}
			switch toks[k].lower {
			case "spelled", "spelt", "calls", "called", "nickname", "name", "names", "goes", "uses", "list", "lists",
				"listed", "as", "aka", "misspells", "misspelled", "prefers", "known":
				ok = true
			}
			if ok {
				break
			}
		}
		if ok {
			f.mark("nickname", r)
		}
	}
}

// l0 reports a word that a quote holds as an ordinary word ("lighter",
// "numb"): a common word that is not a listed name.
func l0(l *lexicon, t *token) bool {
	return l.isCommonWord(t.lower) && !isNameWord(l, t)
}

// extend grows names to neighbouring name words: "Will Turner",
// "Maria Garcia-Lopez", "J. Smith", "de la Cruz", "aidan sorensen".
func (f *nameFinder) extend() {
	toks, l := f.toks, f.l
	for changed := true; changed; {
		changed = false
		for i := range toks {
			if !f.isName[i] {
				continue
			}
			for _, j := range []int{i - 1, i + 1, i - 2, i + 2} {
				if j < 0 || j >= len(toks) || f.isName[j] || toks[j].kind != tokWord || notNames[toks[j].lower] || f.score[j] == notAName && !surnameParticles[toks[j].lower] {
					continue
				}
				lo, hi := min(i, j), max(i, j)
				if toks[hi].newline {
					continue
				}
				if hi-lo == 2 && toks[lo+1].text == "-" && !toks[lo+1].space && !toks[hi].space {
					f.isName[j] = true // "Hyun-woo", "Garcia-lopez"
					changed = true
					continue
				}
				if hi-lo == 1 && surnameParticles[toks[j].lower] && !toks[j].allCaps && toks[hi].space {
					// "de la Cruz", "Van der Berg": take the particles with the name.
					if k := j + (j - i); k >= 0 && k < len(toks) && (f.isName[k] || toks[k].cap || surnameParticles[toks[k].lower] || toks[k].text == ".") {
						f.isName[j] = true
						changed = true
					}
					continue
				}
				if hi-lo == 2 && !(toks[lo+1].text == "-" || toks[lo+1].text == "." && len(toks[lo].text) == 1) {
					continue
				}
				if hi-lo == 1 && !toks[hi].space {
					continue
				}
				tj := &toks[j]
				if tj.flat || !tj.cap {
					// Lower case or all capitals: a listed name that is no
					// common word, or a single letter after a first name
					// ("mike p.", "theo k").
					if f.score[j] >= likeName && (j > i || l.isFirstName(tj.lower)) || j > i && len(tj.text) == 1 && tj.kind == tokWord && (j+1 >= len(toks) || toks[j+1].text == "." || toks[j+1].newline || toks[j+1].text == ",") {
						f.isName[j] = true
						changed = true
					}
					continue
				}
				if tj.allCaps && len(tj.text) <= 3 {
					continue
				}
				if len(tj.text) == 1 || isNameWord(l, tj) && (!l.isCommonWord(tj.lower) || j > i) || !l.isCommonWord(tj.lower) && !tj.sentStart && !titles[tj.lower] {
					if titles[tj.lower] && j < i {
						continue
					}
					f.isName[j] = true
					changed = true
				}
			}
		}
	}
}

// repeat marks the other mentions of a word already found as a name in
// the same text, in any case: once "kenzie" is a roommate, "kenzie said"
// later is her too. A word that is also common ("hope") counts again only
// where it is not used as a word (after "a", "the", "has", ...).
func (f *nameFinder) repeat() {
	toks, l := f.toks, f.l
	seen := map[string]bool{}
	for i := range toks {
		if f.isName[i] && len(toks[i].text) >= 2 && f.score[i] >= maybeName {
			seen[toks[i].lower] = true
		}
	}
	if len(seen) == 0 {
		return
	}
	for i := range toks {
		t := &toks[i]
		if f.isName[i] || t.kind != tokWord || !seen[t.lower] || f.score[i] < maybeName {
			continue
		}
		if l.isCommonWord(t.lower) && (wordUse(toks, i) || !t.cap && !t.flat) {
			continue
		}
		f.isName[i] = true
	}
}

// wordUse reports that the common word at i is used as a word, not a
// name: after a determiner, preposition, auxiliary or number, or before
// a determiner ("drew a picture").
func wordUse(toks []token, i int) bool {
	p := i - 1
	for p >= 0 && (toks[p].text == "\"" || toks[p].text == "“") {
		p--
	}
	if p >= 0 && !toks[p+1].newline {
		if toks[p].kind == tokNum || toks[p].text == "$" {
			return true
		}
		if toks[p].kind == tokWord && wordUseBefore[toks[p].lower] {
			return true
		}
	}
	if n := nextTok(toks, i); n >= 0 && toks[n].kind == tokWord && wordUseAfter[toks[n].lower] {
		return true
	}
	return false
}

var wordUseBefore = wordSet(strings.Fields(`
a an the this that these those some any no every each my your his her its our their at in on of by for to
with from into onto so very too more most less little much lost has have had having is are was were be been
being keep keeps kept give gives gave find found need needs needed full of all what such feel feels felt
get gets got lose loses losing sense your own how
`))

var wordUseAfter = wordSet(strings.Fields(`a an the his her their my its it them him up out of`))

// capsNameNeighbour reports an all-caps name word beside token i, as in a
// header line "WALTER QUINLAN".
func capsNameNeighbour(toks []token, i int, l *lexicon) bool {
	for _, j := range []int{i - 1, i + 1, i - 2, i + 2} {
		if j < 0 || j >= len(toks) || toks[j].kind != tokWord || !toks[j].allCaps || toks[max(i, j)].newline {
			continue
		}
		if (j == i-2 || j == i+2) && toks[(i+j)/2].text != "," {
			continue // "SMITH, JOHN"
		}
		if isNameWord(l, &toks[j]) && !l.isCommonWord(toks[j].lower) {
			return true
		}
	}
	return false
}

// titleCasePhraseAfter reports a capitalised ordinary word right after
// token i, which makes i part of a title ("Serenity Prayer"), not a name.
func titleCasePhraseAfter(toks []token, i int, l *lexicon) bool {
	n := i + 1
	if n >= len(toks) || toks[n].kind != tokWord || !toks[n].cap || toks[n].newline || !toks[n].space {
		return false
	}
	return l.isCommonWord(toks[n].lower) && !isNameWord(l, &toks[n]) && !toks[n].allCaps
}

func personVerbAfter(toks []token, i int) bool {
	n := next(toks, i)
	return n >= 0 && toks[n].kind == tokWord && personVerbs[toks[n].lower]
}

func possessiveAfter(toks []token, i int) bool {
	n := next(toks, i)
	return n >= 0 && (toks[n].text == "'" || toks[n].text == "’") && n+1 < len(toks) && toks[n+1].lower == "s"
}

// appositionAfter reports "Daniel, her husband" and "Fiona Quade, NP".
func appositionAfter(toks []token, i int) bool {
	n := next(toks, i)
	if n < 0 || toks[n].text != "," || n+1 >= len(toks) {
		return false
	}
	j := n + 1
	if toks[j].lower == "her" || toks[j].lower == "his" || toks[j].lower == "their" || toks[j].lower == "the" || toks[j].lower == "client's" {
		j++
	}
	return j < len(toks) && relations[toks[j].lower]
}

func followsAsName(toks []token, i int, l *lexicon) bool {
	n := next(toks, i)
	if n < 0 {
		return false
	}
	t := toks[n]
	return t.kind == tokWord && (t.cap && isNameWord(l, &t) || !l.isCommonWord(t.lower) && t.cap || personVerbs[t.lower] || t.lower == "and" || t.lower == "was" || t.lower == "has" || t.lower == "had") ||
		t.text == "'" || t.text == "," || t.text == "’"
}

// bracketed finds a listed first name alone in brackets in lower-case or
// all-capital text: "call buddy from old route (lou)", "friend bubba (cody)".
func (f *nameFinder) bracketed() {
	toks := f.toks
	for i := 1; i+1 < len(toks); i++ {
		t := &toks[i]
		if toks[i-1].text != "(" || toks[i+1].text != ")" && toks[i+1].text != "," || t.kind != tokWord || !t.flat {
			continue
		}
		if f.score[i] >= likeName && f.l.isFirstName(t.lower) && f.l.firstCount(t.lower) >= 1000 {
			f.mark("bracket", []int{i})
		}
	}
}

// flatFirstNames finds, in lower-case or all-capital text, a listed first
// name that is no common word where a person stands: before an age ("hailey
// 26."), a bracket with an age or a relation ("marcy (pt's sister)"), a verb
// of speech or action at the start of a sentence ("tess cancelled"), or "+"
// and a relation ("priya + husband").
func (f *nameFinder) flatFirstNames() {
	toks, l := f.toks, f.l
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord || !t.flat || f.isName[i] || f.score[i] < likeName || l.firstCount(t.lower) < 1000 {
			continue
		}
		n := nextTok(toks, i)
		if n < 0 {
			continue
		}
		ok := ageSexAfter(toks, i)
		switch {
		case ok:
		case toks[n].text == "(" && n+1 < len(toks) && (toks[n+1].kind == tokNum || toks[n+1].kind == tokWord && (relations[toks[n+1].lower] || toks[n+1].lower == "pt's" || toks[n+1].lower == "client's" || toks[n+1].lower == "pt" || toks[n+1].lower == "client")):
			ok = true
		case (toks[n].text == "+" || toks[n].text == "&" || toks[n].lower == "and") && n+1 < len(toks) && toks[n+1].kind == tokWord && relations[toks[n+1].lower]:
			ok = true
		case (t.sentStart || t.newline || i == 0 || i > 0 && toks[i-1].text == ".") && toks[n].kind == tokWord && (personVerbs[toks[n].lower] || subjectVerbs[toks[n].lower] || verbShaped(l, toks[n].lower) && !l.isCommonWord(toks[n].lower)):
			ok = true
		}
		if ok {
			f.mark("flat-first", []int{i})
		}
	}
}
