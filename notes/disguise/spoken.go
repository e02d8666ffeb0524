package disguise

import "strings"

// Dictated notes spell numbers out: "four oh two, five five five, zero one
// two nine", "November eighth twenty twenty four", "eighty eight twelve
// Blondo Street", "sunny patel dot bakes at gmail dot com".

// numWord is what one number word is worth.
type numWord struct {
	value   int
	kind    uint8 // numDigit, numTeen, numTens, numBig
	ordinal bool
}

const (
	numDigit = iota + 1 // zero..nine, "oh"
	numTeen             // ten..nineteen
	numTens             // twenty..ninety
	numBig              // hundred, thousand
)

var numWords = func() map[string]numWord {
	m := map[string]numWord{}
	digits := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	ords := []string{"zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"}
	for i, w := range digits {
		m[w] = numWord{value: i, kind: numDigit}
		m[ords[i]] = numWord{value: i, kind: numDigit, ordinal: true}
	}
	m["oh"] = numWord{value: 0, kind: numDigit}
	m["o"] = numWord{value: 0, kind: numDigit}
	teens := []string{"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	teenOrds := []string{"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"}
	for i, w := range teens {
		m[w] = numWord{value: 10 + i, kind: numTeen}
		m[teenOrds[i]] = numWord{value: 10 + i, kind: numTeen, ordinal: true}
	}
	tens := []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	tenOrds := []string{"twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"}
	for i, w := range tens {
		m[w] = numWord{value: 20 + 10*i, kind: numTens}
		m[tenOrds[i]] = numWord{value: 20 + 10*i, kind: numTens, ordinal: true}
	}
	m["hundred"] = numWord{value: 100, kind: numBig}
	m["thousand"] = numWord{value: 1000, kind: numBig}
	return m
}()

// spokenRun is a run of number words: the indexes of its word tokens.
type spokenRun struct {
	words []int
}

// numberRuns finds the runs of number words, joined by spaces, hyphens
// and commas ("four oh two, five five five").
func numberRuns(toks []token) []spokenRun {
	var out []spokenRun
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tokWord || !toks[i].is(cNumWord) {
			continue
		}
		if toks[i].lower == "o" || toks[i].lower == "oh" {
			if !(i+1 < len(toks) && isNumWordTok(&toks[i+1])) && !(i > 0 && isNumWordTok(&toks[i-1])) {
				continue // "oh" the word
			}
		}
		r := spokenRun{words: []int{i}}
		j := i + 1
		for j < len(toks) && !toks[j].newline {
			if toks[j].kind == tokPunct && (toks[j].text == "," || toks[j].text == "-") && j+1 < len(toks) && isNumWordTok(&toks[j+1]) && !toks[j+1].newline {
				j++
				continue
			}
			if toks[j].kind == tokWord && isNumWordTok(&toks[j]) {
				r.words = append(r.words, j)
				j++
				continue
			}
			break
		}
		out = append(out, r)
		i = j - 1
	}
	return out
}

func isNumWordTok(t *token) bool {
	return t.kind == tokWord && t.is(cNumWord)
}

// allDigits reports a run of single-digit words, and how many.
func (r spokenRun) digitCount(toks []token) int {
	n := 0
	for _, i := range r.words {
		w := numWords[toks[i].lower]
		if w.kind != numDigit || w.ordinal {
			return 0
		}
		n++
	}
	return n
}

// findSpoken finds the identifiers that dictation spells out.
func findSpoken(text string, toks []token, add func(Span)) {
	runs := numberRuns(toks)
	for _, r := range runs {
		first, last := r.words[0], r.words[len(r.words)-1]
		start, end := toks[first].start, toks[last].end
		n := r.digitCount(toks)
		switch {
		case n >= 7:
			// A phone number, with its extension: "... extension four one two".
			e := last
			if k := e + 1; k+1 < len(toks) && (toks[k].text == "," && k+2 < len(toks) && isExtWord(toks[k+1].lower) || isExtWord(toks[k].lower)) {
				if toks[k].text == "," {
					k++
				}
				j := k + 1
				if j < len(toks) && toks[j].text == "." {
					j++
				}
				for j < len(toks) && isNumWordTok(&toks[j]) && !toks[j].newline {
					e = j
					j++
				}
			}
			add(Span{Start: start, End: toks[e].end, Category: Phone, Detector: DetectorPattern, Confidence: 0.85})
			continue
		case n == 5 && zipBefore(toks, first):
			add(Span{Start: start, End: end, Category: Location, Detector: DetectorPattern, Confidence: 0.8})
			continue
		}
		// An identifier after its keyword: "medical record number R B zero zero four".
		if s, ok := spokenIDStart(toks, first); ok && len(r.words)+first-s >= 5 {
			add(Span{Start: toks[s].start, End: end, Category: ID, Detector: DetectorPattern, Confidence: 0.8})
			continue
		}
		// A house number spoken before a street: "eighty eight twelve Blondo Street".
		if e := streetAfter(toks, last); e > 0 {
			add(Span{Start: start, End: toks[e].end, Category: Location, Detector: DetectorPattern, Confidence: 0.8})
			continue
		}
		// A date of birth spoken as numbers: "twelve twelve eighty four".
		if dobBefore(toks, first) && len(r.words) >= 3 {
			add(Span{Start: start, End: end, Category: Date, Detector: DetectorPattern, Confidence: 0.8})
			continue
		}
		// An age of 90 or more: "she is ninety two", "ninety four years old".
		if v, ok := cardinal(toks, r.words); ok && v >= 90 && v <= 120 && ageContext(toks, first, last) {
			add(Span{Start: start, End: end, Category: Age, Detector: DetectorPattern, Confidence: 0.8})
			continue
		}
	}
	spokenDates(toks, add)
	spokenEmails(text, toks, add)
}

func isExtWord(w string) bool { return w == "extension" || w == "ext" || w == "x" }

// zipBefore reports a place, state, street or "zip" before a five-digit run.
func zipBefore(toks []token, i int) bool {
	p := i - 1
	if p >= 0 && toks[p].text == "," {
		p--
	}
	if p < 0 || toks[p].kind != tokWord {
		return false
	}
	w := toks[p].lower
	if w == "zip" || w == "code" || w == "zipcode" {
		return true
	}
	l := getLexicon()
	if l.states[w] != "" || placeWord(l, w) || streetTypes[w] {
		return true
	}
	return toks[p].cap && !toks[p].flat && !toks[p].sentStart && !l.isCommonWord(w)
}

// spokenIDStart reports an identifier keyword before token i, and where the
// identifier starts (spelled letters before the digits belong to it).
func spokenIDStart(toks []token, i int) (int, bool) {
	s := i
	for s-1 >= 0 && toks[s-1].kind == tokWord && len(toks[s-1].text) == 1 && !toks[s].newline {
		s--
	}
	p := s - 1
	if p < 0 || toks[p].kind != tokWord {
		return 0, false
	}
	switch toks[p].lower {
	case "number", "mrn", "id", "account", "member", "policy", "claim", "case", "docket", "license", "licence", "plate", "ssn":
		return s, true
	}
	return 0, false
}

// streetAfter returns the street type ending a street name right after
// token i ("Blondo Street", "northwest Johnson Street"), or -1.
func streetAfter(toks []token, i int) int {
	for k := i + 1; k < len(toks) && k <= i+5 && !toks[k].newline; k++ {
		t := &toks[k]
		if t.kind != tokWord {
			return -1
		}
		if streetTypes[t.lower] && k > i+1 {
			return k
		}
		if stopWords[t.lower] && !directions[t.lower] || isNumWordTok(t) {
			return -1
		}
	}
	return -1
}

func dobBefore(toks []token, i int) bool {
	p := i - 1
	if p < 0 || toks[p].kind != tokWord {
		return false
	}
	w := toks[p].lower
	return w == "birth" || w == "dob" || w == "born" || w == "birthday" || w == "service" || w == "date"
}

// cardinal reads a run of number words as one number below a thousand.
func cardinal(toks []token, words []int) (int, bool) {
	v := 0
	for k, i := range words {
		w := numWords[toks[i].lower]
		switch {
		case w.kind == numBig:
			return 0, false
		case k == 0:
			v = w.value
		case k == 1 && numWords[toks[words[0]].lower].kind == numTens && w.kind == numDigit && w.value > 0:
			v += w.value
		default:
			return 0, false
		}
	}
	return v, true
}

func ageContext(toks []token, first, last int) bool {
	p := first - 1
	if p >= 0 && toks[p].kind == tokWord {
		switch toks[p].lower {
		case "is", "age", "aged", "turned", "turns", "turning", "was", "be":
			return true
		}
	}
	n := last + 1
	return n < len(toks) && toks[n].kind == tokWord && (toks[n].lower == "years" || toks[n].lower == "year" || toks[n].lower == "yo")
}

// dayWords reads a spoken day of the month at token i: "eighth", "twenty
// second", "twenty-fourth", "thirty first". It returns the last token.
func dayWords(toks []token, i int) (int, bool) {
	if i >= len(toks) || !isNumWordTok(&toks[i]) {
		return 0, false
	}
	w := numWords[toks[i].lower]
	if w.ordinal && w.value >= 1 && w.value <= 31 {
		return i, true
	}
	if w.kind == numTens && (w.value == 20 || w.value == 30) {
		j := i + 1
		if j < len(toks) && toks[j].text == "-" {
			j++
		}
		if j < len(toks) && isNumWordTok(&toks[j]) {
			u := numWords[toks[j].lower]
			if u.kind == numDigit && u.ordinal && u.value >= 1 && w.value+u.value <= 31 {
				return j, true
			}
		}
	}
	return 0, false
}

// yearWords reads a spoken year at token i: "twenty twenty four",
// "nineteen ninety", "nineteen forty nine", "two thousand eighteen".
func yearWords(toks []token, i int) (int, bool) {
	if i >= len(toks) || !isNumWordTok(&toks[i]) {
		return 0, false
	}
	next := func(j int) int {
		if j < len(toks) && toks[j].text == "-" {
			j++
		}
		if j < len(toks) && isNumWordTok(&toks[j]) && !toks[j].newline {
			return j
		}
		return -1
	}
	w := toks[i].lower
	if w == "two" {
		if j := next(i + 1); j > 0 && toks[j].lower == "thousand" {
			e := j
			if k := next(j + 1); k > 0 {
				e = k
				if numWords[toks[k].lower].kind == numTens {
					if m := next(k + 1); m > 0 && numWords[toks[m].lower].kind == numDigit {
						e = m
					}
				}
			}
			return e, true
		}
		return 0, false
	}
	if w != "nineteen" && w != "twenty" && w != "eighteen" {
		return 0, false
	}
	j := next(i + 1)
	if j < 0 {
		return 0, false
	}
	u := numWords[toks[j].lower]
	switch {
	case u.ordinal:
		return 0, false
	case u.kind == numTens:
		if k := next(j + 1); k > 0 && numWords[toks[k].lower].kind == numDigit && !numWords[toks[k].lower].ordinal && numWords[toks[k].lower].value > 0 {
			return k, true
		}
		return j, true
	case u.kind == numTeen:
		return j, true
	case toks[j].lower == "oh" || toks[j].lower == "o":
		if k := next(j + 1); k > 0 && numWords[toks[k].lower].kind == numDigit {
			return k, true
		}
	case toks[j].lower == "hundred":
		return j, true
	}
	return 0, false
}

// spokenDates finds dates with spelled-out days and years: "November
// eighth twenty twenty four", "June the sixth", "Tuesday the eleventh of
// March", "the twenty eighth", "October of twenty twenty two".
func spokenDates(toks []token, add func(Span)) {
	emit := func(s, e int) {
		add(Span{Start: toks[s].start, End: toks[e].end, Category: Date, Detector: DetectorPattern, Confidence: 0.8})
	}
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord || !t.is(cMonthWeek) && t.lower != "the" {
			continue
		}
		w := t.lower
		_, isMonth := monthNames[w]
		if isMonth && (w != "may" || t.cap && !t.flat || dateLead[wordBeforeTok(toks, i)]) && (w != "march" || t.cap || t.flat) {
			s, j := i, i+1
			if p := i - 1; p >= 0 && weekdayWords[toks[p].lower] {
				s = p // "Thursday February sixth"
			}
			if j < len(toks) && toks[j].lower == "the" {
				j++
			}
			if e, ok := dayWords(toks, j); ok {
				if y, ok := yearWords(toks, e+1); ok {
					e = y
				}
				emit(s, e)
				continue
			}
			if j < len(toks) && toks[j].lower == "of" {
				j++
			}
			if e, ok := yearWords(toks, j); ok && j > i {
				emit(s, e)
			}
			continue
		}
		if w != "the" {
			continue
		}
		e, ok := dayWords(toks, i+1)
		if !ok {
			continue
		}
		s := i
		p := i - 1
		if p >= 0 && weekdayWords[toks[p].lower] {
			s = p
		}
		if k := e + 1; k+1 < len(toks) && toks[k].lower == "of" {
			if _, m := monthNames[toks[k+1].lower]; m {
				emit(s, k+1) // "the fourth of May"
				continue
			}
		}
		if s < i || theDayContext(toks, i, e) {
			emit(s, e)
		}
	}
}

// theDayContext reports "the twenty eighth" used as a date: after "on",
// "by", "until", "since", "make" and the like, and not before a noun
// ("the first time").
func theDayContext(toks []token, i, e int) bool {
	p := i - 1
	if p < 0 || toks[p].kind != tokWord {
		return false
	}
	switch toks[p].lower {
	case "on", "by", "until", "till", "since", "through", "before", "after", "make", "from", "is", "was", "starting", "due", "next",
		"up", "session", "appointment", "appt", "visit", "to", "scheduled", "rescheduled":
	default:
		return false
	}
	n := e + 1
	if n >= len(toks) || toks[n].newline || toks[n].kind == tokPunct {
		return true
	}
	switch toks[n].lower {
	case "and", "period", "comma", "end", "at", "for", "with", "same", "when", "but", "so", "to", "in", "is", "was", "then", "um", "of", "she", "he", "they", "we", "i", "which", "because", "after", "before", "new":
		return true
	}
	return false
}

func wordBeforeTok(toks []token, i int) string {
	if p := i - 1; p >= 0 && toks[p].kind == tokWord && !toks[i].newline {
		return toks[p].lower
	}
	return ""
}

// spokenEmails finds email addresses and handles read aloud: "g vance
// sixty seven at yahoo dot com", "her instagram is at sunny side bakes".
func spokenEmails(text string, toks []token, add func(Span)) {
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord {
			continue
		}
		// "... at gmail dot com"
		if t.lower == "at" && i+3 < len(toks) && toks[i+1].kind == tokWord && toks[i+2].lower == "dot" && topDomains[toks[i+3].lower] {
			e := i + 3
			for e+2 < len(toks) && toks[e+1].lower == "dot" && toks[e+2].kind == tokWord && len(toks[e+2].text) <= 4 {
				e += 2
			}
			s := -1
			for k := i - 1; k >= 0 && k >= i-8 && !toks[k+1].newline; k-- {
				if toks[k].kind != tokWord || stopWords[toks[k].lower] && toks[k].lower != "dot" || toks[k].lower == "email" || toks[k].lower == "address" || toks[k].lower == "is" {
					break
				}
				s = k
			}
			if s >= 0 {
				add(Span{Start: toks[s].start, End: toks[e].end, Category: Email, Detector: DetectorPattern, Confidence: 0.85})
			}
			continue
		}
		// "instagram is at sunny side bakes", "handle is @..."
		if t.is(cHandle) {
			j := i + 1
			for j < len(toks) && (toks[j].lower == "is" || toks[j].lower == "handle" || toks[j].lower == "name" || toks[j].text == ":") && !toks[j].newline {
				j++
			}
			if j+1 < len(toks) && toks[j].lower == "at" && !toks[j+1].newline && toks[j+1].kind == tokWord {
				e := j + 1
				for e+1 < len(toks) && toks[e+1].kind == tokWord && !toks[e+1].newline && !stopWords[toks[e+1].lower] && e-j < 5 {
					e++
				}
				add(Span{Start: toks[j].start, End: toks[e].end, Category: URL, Detector: DetectorPattern, Confidence: 0.7})
			}
		}
	}
	_ = text
}

var handleWords = wordSet(strings.Fields(`instagram insta ig twitter tiktok snapchat snap handle username facebook threads youtube`))
