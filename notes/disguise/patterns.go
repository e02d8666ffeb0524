package disguise

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// pattern is a regular expression for one kind of identifier. group, when
// non-zero, names the submatch that is the identifier itself.
type pattern struct {
	re       *regexp.Regexp
	category Category
	group    int
	conf     float64
	at       int             // where the pattern can begin (atDigit...)
	words    map[string]bool // for atWord: the lower-case first words
	digits   [2]int          // for atDigit: the first number's length range
	next     string          // for atDigit: the byte after the first number, if set
	// digitWithin, when set, skips an atWord pattern unless a digit
	// follows its first word within that many bytes.
	digitWithin int
	need        []string                         // for atWhole: the text must contain one of these
	check       func(text string, s, e int) bool // optional veto on a match
}

const monthRE = `(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)`

const streetRE = `(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Square|Sq|Loop|Row|Alley|Pike|Turnpike|Plaza|Crescent|Close|Run|Path|Walk)`

const ordRE = `(?:st|nd|rd|th)`

// Where a pattern can begin: patterns are tried only at token starts of
// the right kind, anchored, on a short window, which keeps detection fast.
const (
	atDigit  = iota + 1 // a number, or "(" / "+" before one
	atWord              // one of the pattern's first words
	atCode              // an upper-case code glued to digits ("BX952")
	atEmail             // the local part before an "@"
	atWhole             // whole text, when it contains one of need
	atDomain            // the start of a domain name before ".com" and the like
)

var holidayWords = wordSet(holidayList)

var topDomains = wordSet([]string{"com", "org", "net", "edu", "gov", "io", "info", "biz", "us", "me"})

var idKeywords = []string{"mrn", "medical", "record", "chart", "acct", "account", "policy", "member",
	"subscriber", "insurance", "group", "id", "identification", "license", "licence", "lic", "plate",
	"tag", "serial", "device", "claim", "case", "npi", "dea", "ssn", "social", "passport", "vin", "badge",
	"employee", "student", "patient", "client", "certificate", "cert", "docket", "file", "invoice",
	"reference", "ref", "confirmation", "order", "tracking", "number", "no", "num", "medicaid", "medicare",
	"pager", "beeper", "unit", "bed", "room", "acc", "accession", "specimen", "mrn#", "dln", "dl"}

var monthWords = []string{"jan", "january", "feb", "february", "mar", "march", "apr", "april", "may",
	"jun", "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
	"november", "dec", "december"}

var holidayList = []string{"christmas", "thanksgiving", "easter", "hanukkah", "passover", "ramadan", "st", "saint", "veterans", "veteran's", "veteran", "mlk", "presidents", "president's", "mother's", "father's", "mothers", "fathers", "valentine's", "valentines", "juneteenth", "cinco", "rosh", "yom", "diwali", "eid", "lunar", "xmas",
	"halloween", "new", "memorial", "labor", "independence", "fourth"}

func wordSet(lists ...[]string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, w := range l {
			m[w] = true
		}
	}
	return m
}

func re(s string) *regexp.Regexp { return regexp.MustCompile(`^(?:` + s + `)`) }

var patterns = []pattern{
	{at: atEmail, re: re(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`), category: Email, conf: 0.99},
	{at: atWord, words: wordSet([]string{"www", "http", "https"}), re: re(`(?i)(?:https?://|www\.)[^\s<>"')\]]+`), category: URL, conf: 0.99},
	{at: atDomain, re: re(`(?i)[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:com|org|net|edu|gov|io|info|biz|us|me)\b(?:/[^\s<>"')\]]*)?`), category: URL, conf: 0.9, check: notEmailPart},
	{at: atDigit, digits: [2]int{1, 3}, next: ".", re: re(`(?:\d{1,3}\.){3}\d{1,3}\b`), category: URL, conf: 0.9},
	{at: atDigit, digits: [2]int{3, 3}, next: "-", re: re(`\d{3}-\d{2}-\d{4}\b`), category: ID, conf: 0.95},
	// Phone and fax numbers, with an optional country code and extension.
	{at: atDigit, digits: [2]int{1, 3}, next: " .-)/", re: re(`(?i)(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?-?\s?|\d{3}\s?[\s.\-/]\s?)\d{3}\s?[\s.\-/]\s?\d{4}\b(?:,?\s?(?:x|ext\.?|extension)\s?#?\d{1,5})?`), category: Phone, conf: 0.95, check: notRatioOrCode},
	{at: atDigit, digits: [2]int{1, 4}, next: " .-", re: re(`\+\d{1,3}(?:[\s.\-]\(?\d{1,4}\)?){2,5}\b`), category: Phone, conf: 0.85, check: intlPhone},
	{at: atDigit, digits: [2]int{3, 3}, next: " .-", re: re(`\d{3}[\s.\-]\d{4}\b`), category: Phone, conf: 0.6, check: phoneContext},
	// Numeric dates: 3/14/2021, 03-14-21, 2021-03-14, 14.03.2021, 3/2021, 3/14.
	{at: atDigit, digits: [2]int{1, 2}, next: "/-.", re: re(`\d{1,2}[/\-.]\d{1,2}[/\-.](?:\d{4}|\d{2})\b`), category: Date, conf: 0.95, check: notVersion},
	{at: atDigit, digits: [2]int{4, 4}, next: "/-.", re: re(`\d{4}[/\-.]\d{1,2}[/\-.]\d{1,2}\b`), category: Date, conf: 0.95},
	{at: atDigit, digits: [2]int{1, 2}, next: "/", re: re(`(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}\b`), category: Date, conf: 0.9},
	{at: atDigit, digits: [2]int{1, 2}, next: "/", re: re(`(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])\b`), category: Date, conf: 0.6, check: shortDateContext},
	{at: atDigit, digits: [2]int{2, 2}, next: "/", re: re(`(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])\b`), category: Date, conf: 0.6, check: dayMonthContext},
	// Dates with month names: "March 3rd, 2021", "3 March 2021", "3rd of May", "Sept. 2019".
	{at: atWord, digitWithin: 40, words: wordSet(monthWords), re: re(monthRE + `\.?\s+\d{1,2}` + ordRE + `?(?:,?\s+(?:\d{4}|'\d{2}))?\b`), category: Date, conf: 0.95},
	{at: atDigit, digits: [2]int{1, 2}, next: "", re: re(`(?i:\d{1,2}` + ordRE + `?(?:\s+of)?\s+)` + monthRE + `\b\.?(?:,?\s+\d{4}\b)?`), category: Date, conf: 0.95},
	{at: atWord, digitWithin: 40, words: wordSet(monthWords), re: re(monthRE + `\.?,?\s+(?:of\s+)?(?:\d{4}|'\d{2})\b`), category: Date, conf: 0.95},
	{at: atDigit, digits: [2]int{1, 2}, next: "-", re: re(`\d{1,2}-` + monthRE + `\.?-(?:\d{4}|\d{2})\b`), category: Date, conf: 0.95},
	{at: atDigit, digits: [2]int{1, 2}, next: "snrtSNRT", re: re(`(?i)\d{1,2}` + ordRE + `\b`), category: Date, conf: 0.5, check: ordinalDateContext},
	{at: atWord, words: wordSet(monthWords), re: re(`(?i:January|February|March|April|June|July|August|September|October|November|December|Sept|Jan|Feb|Aug|Oct|Nov|Dec)\b(?:\s?[–\-]\s?(?i:January|February|March|April|May|June|July|August|September|October|November|December)\b)?`), category: Date, conf: 0.7, check: monthAloneContext},
	{at: atWord, words: wordSet([]string{"may"}), re: re(`(?i:May)\b`), category: Date, conf: 0.6, check: mayMonthContext},
	{at: atWord, words: wordSet(holidayList), re: re(`(?i)(?:Christmas(?: Eve| Day)?|Xmas|Thanksgiving|Easter|Fourth of July|Hanukkah|Passover|Ramadan|Halloween|New Year's(?: Eve| Day)?|Memorial Day|Labor Day|Independence Day|(?:St\.?|Saint) Patrick'?s Day|Veteran'?s'? Day|MLK Day|Martin Luther King(?: Jr\.?)? Day|Presidents'? Day|President's Day|Mother'?s Day|Father'?s Day|Valentine'?s Day|Juneteenth|Cinco de Mayo|Rosh Hashanah|Yom Kippur|Diwali|Eid(?: al-Fitr| al-Adha)?|Lunar New Year)\b(?:,?\s+(?:19|20)\d\d\b)?`), category: Date, conf: 0.6, check: holidayContext},
	// Years alone, and decades: "in 2019", "since '08", "the 1990s".
	{at: atDigit, digits: [2]int{4, 4}, next: "", re: re(`(?:19\d\d|20\d\d|21\d\d)s?\b`), category: Date, conf: 0.8, check: yearContext},
	{at: atWord, words: wordSet([]string{"'", "’"}), re: re(`['’]\d{2}\b`), category: Date, conf: 0.7, check: apostropheYear},
	{at: atWord, words: wordSet([]string{"("}), re: re(`\((\d{1,2})\)`), category: Age, group: 1, conf: 0.6, check: ageAfterName},
	{at: atWord, digitWithin: 12, words: wordSet([]string{"is", "was", "now", "be"}), re: re(`(?i)(?:is|was|now|be)\s+(\d{2,3})\b`), category: Age, group: 1, conf: 0.7, check: oldAge},
	// Times.
	{at: atDigit, digits: [2]int{1, 2}, next: ":", re: re(`(?i)\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\b\.?)?`), category: Date, conf: 0.8},
	{at: atDigit, digits: [2]int{1, 2}, next: " aApP", re: re(`(?i)\d{1,2}\s?[ap]\.?m\b\.?`), category: Date, conf: 0.8},
	// Ages.
	{at: atDigit, digits: [2]int{1, 3}, next: " -", re: re(`(?i)\d{1,3}(?:\s*-\s*|\s+)(?:year|yr|month|week)s?(?:\s*-\s*|\s+)old\b`), category: Age, conf: 0.95},
	{at: atDigit, digits: [2]int{1, 3}, next: " yY", re: re(`(?i)\d{1,3}\s?(?:y/?o|y\.o\.?|yrs?\.? old|yo|years of age)\b`), category: Age, conf: 0.9},
	{at: atWord, digitWithin: 40, words: wordSet([]string{"age", "aged", "ages", "turned", "turning", "turns", "is"}), re: re(`(?i)(?:age|aged|ages|turned|turning|turns|is now|age of)\s+(\d{1,3})\b`), category: Age, group: 1, conf: 0.9},
	{at: atDigit, digits: [2]int{1, 3}, next: " MFy", re: re(`(\d{1,3})\s?(?:M|F|yo[MF])\b`), category: Age, group: 1, conf: 0.6, check: ageSexContext},
	// A person's initials: "M.G.", "J. R. T."
	{at: atWord, words: wordSet(strings.Split("abcdefghijklmnopqrstuvwxyz", "")), re: re(`[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?`), category: Name, conf: 0.5, check: initialsNotAbbrev},
	// Street addresses and PO boxes.
	{at: atDigit, digits: [2]int{1, 6}, next: " ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", re: re(`\d{1,6}[A-Za-z]?\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][A-Za-z0-9'’.\-]*\s+){1,4}` + streetRE + `\b\.?(?:,?\s+(?:Apt|Apartment|Unit|Suite|Ste|#)\.?\s*#?\s*[A-Za-z0-9\-]+)?`), category: Location, conf: 0.9},
	{at: atWord, digitWithin: 40, words: wordSet([]string{"p", "po", "box"}), re: re(`(?i)P\.?\s?O\.?\s+Box\s+\d+`), category: Location, conf: 0.95},
	{at: atWord, digitWithin: 40, words: wordSet([]string{"apt", "apartment", "unit", "suite", "ste"}), re: re(`(?:Apt|Apartment|Unit|Suite|Ste)\.?\s*#?\s*\d+[A-Za-z]?\b`), category: Location, conf: 0.8},
	// ZIP codes after a state or a city, or after "ZIP".
	{at: atDigit, digits: [2]int{5, 5}, next: "", re: re(`\d{5}(?:-\d{4})?\b`), category: Location, conf: 0.8, check: zipContext},
	{at: atWord, digitWithin: 40, words: wordSet([]string{"zip", "zipcode", "postal"}), re: re(`(?i)(?:zip(?:\s?code)?|postal code)\s*:?\s*(\d{5}(?:-\d{4})?)\b`), category: Location, group: 1, conf: 0.95},
	// Record, account, licence, plate, device and other numbers.
	{at: atWord, digitWithin: 40, words: wordSet(idKeywords), re: re(`(?i)(?:` + strings.Join(idKeywords, "|") + `)\.?(?:\s+(?:number|no|num|id|#))?\.?\s*(?:is|was|of|:|#|=|-)?\s*#?\s*([A-Z0-9\-]*\d[A-Z0-9\-]*[A-Z0-9])\b`), category: ID, group: 1, conf: 0.85, check: idLong},
	{at: atWord, digitWithin: 40, words: wordSet([]string{"#"}), re: re(`#\s?([A-Za-z0-9\-]*\d[A-Za-z0-9\-]{2,})`), category: ID, group: 1, conf: 0.8},
	{at: atCode, re: re(`[A-Z]{1,4}-?\d[A-Z0-9]*(?:-[A-Z0-9]+)*\b`), category: ID, conf: 0.7, check: idLike},
	{at: atDigit, digits: [2]int{1, 20}, next: "", re: re(`(?:\d{2,}[A-Z]{1,4}\d[A-Z0-9]*|\d{7,}|\d+(?:-\d+){1,3}[A-Z]*)\b`), category: ID, conf: 0.7, check: idLike},
}

var handleRE = regexp.MustCompile(`^@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}`)

// patternWindow is how far past its start a pattern may match.
const patternWindow = 120

// findPatterns tries each pattern at the token starts where it can begin.
func findPatterns(text string, toks []token, add func(Span)) {
	emit := func(p *pattern, base int, m []int) {
		s, e := base+m[0], base+m[1]
		if p.group > 0 {
			if m[2*p.group] < 0 {
				return
			}
			s, e = base+m[2*p.group], base+m[2*p.group+1]
		}
		if p.check != nil && !p.check(text, s, e) {
			return
		}
		for e > s && strings.ContainsRune(".,;:)", rune(text[e-1])) && p.category != Date && p.category != Age && p.category != Name {
			e--
		}
		if p.category == Date && e-s > 2 && text[e-1] == '.' && !abbreviatedMonthAt(text[s:e-1]) {
			e-- // the full stop of the sentence, not of "Jan." or "p.m."
		}
		if p.category == Date {
			s = extendDateBack(text, s)
		}
		add(Span{Start: s, End: e, Category: p.category, Detector: DetectorPattern, Confidence: p.conf})
	}
	try := func(p *pattern, pos int) {
		win := text[pos:min(len(text), pos+patternWindow)]
		if m := p.re.FindStringSubmatchIndex(win); m != nil {
			emit(p, pos, m)
		}
	}
	for i := range patterns {
		p := &patterns[i]
		if p.at != atWhole {
			continue
		}
		for _, n := range p.need {
			if strings.Contains(text, n) {
				for _, m := range p.re.FindAllStringSubmatchIndex(text, -1) {
					emit(p, 0, m)
				}
				break
			}
		}
	}
	for i := range toks {
		t := &toks[i]
		kind := 0
		switch {
		case t.kind == tokNum:
			if t.start > 0 && wordRuneBefore(text, t.start) {
				continue
			}
			kind = atDigit
		case t.kind == tokPunct && (t.text == "(" || t.text == "+") && i+1 < len(toks) && toks[i+1].kind == tokNum:
			kind = atDigit
		case t.kind == tokPunct && t.text == "@":
			kind = atEmail
		case t.kind == tokPunct && t.text == "." && i+1 < len(toks) && topDomains[toks[i+1].lower] && !toks[i+1].space && t.start > 0 && isWordByte(text[t.start-1]):
			kind = atDomain
		case t.kind == tokWord && t.allCaps || t.kind == tokWord && len(t.text) == 1 && t.cap:
			if i+1 < len(toks) && !toks[i+1].space && (toks[i+1].kind == tokNum || toks[i+1].text == "-" && i+2 < len(toks) && toks[i+2].kind == tokNum) {
				kind = atCode
			} else {
				kind = atWord
			}
		default:
			kind = atWord
		}
		if kind == atEmail || kind == atDomain {
			s := t.start
			for s > 0 && (isWordByte(text[s-1]) || strings.IndexByte("._%+-", text[s-1]) >= 0) {
				s--
			}
			if kind == atEmail && s == t.start {
				// A social media handle: "@jas.moves.chi".
				if m := handleRE.FindStringIndex(text[t.start:min(len(text), t.start+40)]); m != nil {
					e := t.start + m[1]
					for e > t.start && text[e-1] == '.' {
						e--
					}
					add(Span{Start: t.start, End: e, Category: URL, Detector: DetectorPattern, Confidence: 0.8})
				}
				continue
			}
			if kind == atDomain && strings.Contains(text[s:t.start], "@") {
				continue
			}
			for j := range patterns {
				if patterns[j].at == kind {
					try(&patterns[j], s)
				}
			}
			continue
		}
		if kind == atWord && t.kind == tokWord && !t.is(cPattern) {
			continue
		}
		if kind == atWord || kind == atCode || t.kind == tokPunct {
			for _, j := range patternsByWord()[t.lower] {
				if patterns[j].digitWithin > 0 && !strings.ContainsAny(text[t.start:min(len(text), t.start+patterns[j].digitWithin)], "0123456789") {
					continue
				}
				try(&patterns[j], t.start)
			}
		}
		if kind == atWord {
			continue
		}
		num := t
		if t.kind == tokPunct {
			num = &toks[i+1]
		}
		n := len(num.text)
		var after byte = ' '
		if num.end < len(text) {
			after = text[num.end]
		}
		for j := range patterns {
			p := &patterns[j]
			if p.at != kind {
				continue
			}
			if kind == atDigit && (n < p.digits[0] || n > p.digits[1] || p.next != "" && strings.IndexByte(p.next, after) < 0) {
				continue
			}
			try(p, t.start)
		}
	}
}

// findIDValues finds record numbers written in groups after their keyword:
// "Case No. 2023 DC 000417", "License No. 180.012947", "plate AZ 7KX-418",
// "Meeting ID 933 1882 7740".
func findIDValues(text string, toks []token, add func(Span)) {
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord || !t.is(cIDKey) {
			continue
		}
		j := i + 1
		for n := 0; n < 3 && j < len(toks) && !toks[j].newline; n++ {
			tj := &toks[j]
			if tj.kind == tokPunct && strings.Contains(".:#", tj.text) || tj.kind == tokWord && (tj.lower == "no" || tj.lower == "number" || tj.lower == "num" || tj.lower == "is" || tj.lower == "id") {
				j++
				continue
			}
			break
		}
		start, end, groups, long, dotted := -1, -1, 0, false, false
		for k := j; k < len(toks) && !toks[k].newline && groups < 6; k++ {
			tk := &toks[k]
			if k > j && tk.kind == tokPunct && (tk.text == "-" || tk.text == "." || tk.text == "/") && !tk.space && k+1 < len(toks) && !toks[k+1].space && (toks[k+1].kind == tokNum || toks[k+1].kind == tokWord && toks[k+1].allCaps) {
				dotted = dotted || tk.text == "." && toks[k-1].kind == tokNum && toks[k+1].kind == tokNum
				continue
			}
			if k == j && tk.kind == tokWord && (len(tk.text) > 3 || clinicalAbbrev[tk.lower]) {
				break
			}
			ok := tk.kind == tokNum || tk.kind == tokWord && (tk.allCaps || len(tk.text) == 1 && tk.cap) && len(tk.text) <= 4 && !stopWords[tk.lower]
			if !ok || k > j && tk.space && !toks[k-1].space && toks[k-1].kind == tokPunct && toks[k-1].text != "-" {
				break
			}
			if k > j && !tk.space && tk.kind != toks[k-1].kind && toks[k-1].kind != tokPunct {
				// "7KX": letters glued to digits continue the group
			} else if k == j || tk.space {
				groups++
			}
			if start < 0 {
				start = tk.start
			}
			end = tk.end
			if tk.kind == tokNum && len(tk.text) >= 3 {
				long = true
			}
		}
		if start >= 0 && long && (groups >= 2 || dotted) && strings.ContainsAny(text[end-1:end], "0123456789") {
			add(Span{Start: start, End: end, Category: ID, Detector: DetectorPattern, Confidence: 0.8})
		}
	}
}

var idKeywordSet = wordSet(idKeywords)

var (
	byWordOnce sync.Once
	byWord     map[string][]int
)

// patternsByWord indexes the atWord patterns by their first words.
func patternsByWord() map[string][]int {
	byWordOnce.Do(func() {
		byWord = map[string][]int{}
		for j := range patterns {
			for w := range patterns[j].words {
				byWord[w] = append(byWord[w], j)
			}
		}
	})
	return byWord
}

// wordRuneBefore reports a letter or digit just before byte i.
func wordRuneBefore(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
