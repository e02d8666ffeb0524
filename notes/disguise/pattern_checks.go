package disguise

import "strings"

// The checks below veto pattern matches by their context; each gets the
// whole text and the byte range of the match.

func idLong(text string, s, e int) bool { return e-s >= 4 }

func notEmailPart(text string, s, e int) bool {
	return (s == 0 || text[s-1] != '@') && (e >= len(text) || text[e] != '@') && !strings.HasSuffix(strings.ToLower(text[s:e]), ".co") || strings.Contains(text[s:e], "/")
}

// notVersion vetoes "1.2.3" style numbers that are not dates.
func notVersion(text string, s, e int) bool {
	m := text[s:e]
	return !strings.Contains(m, ".") || len(m) >= 8
}

// wordBefore returns the lower-case word just before byte s.
func wordBefore(text string, s int) string {
	i := s
	for i > 0 && (text[i-1] == ' ' || text[i-1] == ',' || text[i-1] == '(') {
		i--
	}
	j := i
	for j > 0 && (text[j-1]|0x20 >= 'a' && text[j-1]|0x20 <= 'z' || text[j-1] == '/') {
		j--
	}
	return strings.ToLower(text[j:i])
}

// wordAfter returns the lower-case word just after byte e.
func wordAfter(text string, e int) string {
	i := e
	for i < len(text) && (text[i] == ' ' || text[i] == ',') {
		i++
	}
	j := i
	for j < len(text) && (text[j]|0x20 >= 'a' && text[j]|0x20 <= 'z' || text[j] == '/') {
		j++
	}
	return strings.ToLower(text[i:j])
}

var dateLead = map[string]bool{
	"on": true, "since": true, "by": true, "until": true, "till": true, "from": true, "dated": true,
	"date": true, "through": true, "thru": true, "before": true, "after": true, "of": true, "dob": true,
	"dos": true, "in": true, "during": true, "early": true, "mid": true, "late": true, "last": true,
	"next": true, "this": true, "to": true, "and": true, "monday": true, "tuesday": true, "wednesday": true,
	"thursday": true, "friday": true, "saturday": true, "sunday": true, "effective": true, "seen": true,
	"around": true, "starting": true, "mon": true, "tue": true, "tues": true, "wed": true, "thu": true,
	"thur": true, "thurs": true, "fri": true, "sat": true, "sun": true, "ending": true, "between": true, "or": true, "at": true,
}

func phoneContext(text string, s, e int) bool {
	w := wordBefore(text, s)
	return w == "phone" || w == "call" || w == "cell" || w == "tel" || w == "fax" || w == "at" || w == "number" || w == "is" || w == "line"
}

func shortDateContext(text string, s, e int) bool {
	if e < len(text) && (text[e] == '/' || text[e] >= '0' && text[e] <= '9') {
		return false
	}
	w := wordBefore(text, s)
	strongLead := w == "on" || w == "since" || w == "dated" || w == "dob" || w == "dos" || w == "date" || weekdayWords[w]
	m := text[s:e]
	switch {
	case strongLead:
		return true
	case strings.HasSuffix(m, "/10") && leadingNum(m) <= 10 || strings.HasSuffix(m, "/5") && leadingNum(m) <= 5:
		return false // "from 8/10 to 4/10" is a rating, not a date
	case m == "1/2" || m == "1/3" || m == "1/4" || m == "2/3" || m == "3/4":
		return false // fractions
	case fractionUnits[wordAfter(text, e)]:
		return false // "1/2 tablet", "2/3 of the time"
	}
	return true
}

func leadingNum(s string) int {
	n := 0
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

var fractionUnits = wordSet([]string{"of", "tab", "tabs", "tablet", "tablets", "pill", "pills", "dose",
	"doses", "cup", "cups", "mile", "miles", "hour", "hours", "hr", "hrs", "times", "inch", "inches",
	"days", "weeks", "nights", "sessions", "items", "correct", "questions", "mg", "ml", "score", "points"})

func ordinalDateContext(text string, s, e int) bool {
	w := wordBefore(text, s)
	a := wordAfter(text, e)
	return (w == "on" || w == "since" || w == "by" || w == "until" || w == "the") && (a == "" || a == "at" || a == "and" || a == "of" || a == "session" || a == "appointment") && !strings.HasPrefix(strings.ToLower(text[s:]), "the")
}

func monthAloneContext(text string, s, e int) bool {
	return dateLead[wordBefore(text, s)] || e < len(text) && text[e] == ' ' && strings.HasPrefix(text[e:], " 20")
}

func mayMonthContext(text string, s, e int) bool {
	w := wordBefore(text, s)
	return w != "to" && w != "and" && w != "or" && dateLead[w]
}

var yearVeto = map[string]bool{"mg": true, "ml": true, "mcg": true, "units": true, "calories": true, "steps": true, "dollars": true, "feet": true, "miles": true, "words": true, "people": true}

func yearContext(text string, s, e int) bool {
	if s > 0 && strings.ContainsRune("$#.,", rune(text[s-1])) {
		return false
	}
	if e < len(text) && (text[e] == '%' || text[e] == '.' && e+1 < len(text) && text[e+1] >= '0' && text[e+1] <= '9') {
		return false
	}
	return !yearVeto[wordAfter(text, e)]
}

func ageSexContext(text string, s, e int) bool {
	n := 0
	for _, c := range text[s:e] {
		if c >= '0' && c <= '9' {
			n = n*10 + int(c-'0')
		}
	}
	return n >= 1 && n <= 110 && (s == 0 || text[s-1] == ' ' || text[s-1] == '\n')
}

func zipContext(text string, s, e int) bool {
	w := wordBefore(text, s)
	if _, ok := getLexicon().states[w]; ok {
		return true
	}
	_, ok := getLexicon().places[w]
	return ok
}

// idLike accepts letter-digit codes that look like identifiers, not like
// the names of questionnaires ("PHQ9"), doses ("20mg") or ICD codes.
func idLike(text string, s, e int) bool {
	m := text[s:e]
	if isDigits(m) {
		return true
	}
	if len(m) < 6 || strings.Count(m, "-") > 0 && len(m) < 8 {
		return false
	}
	lw := strings.ToLower(m)
	for _, bad := range []string{"mg", "ml", "mcg", "phq", "gad", "dsm", "icd", "cpt"} {
		if strings.HasSuffix(lw, bad) || strings.HasPrefix(lw, bad) {
			return false
		}
	}
	return true
}

var weekdayWords = wordSet([]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"})

var seasonWords = wordSet([]string{"spring", "summer", "fall", "autumn", "winter"})

// extendDateBack takes a weekday ("Tuesday, 3/7") or a season ("summer of
// 2018") just before a date into its span.
func extendDateBack(text string, s int) int {
	i := s
	for i > 0 && (text[i-1] == ' ' || text[i-1] == ',') && s-i < 3 {
		i--
	}
	j := i
	for j > 0 && isWordByte(text[j-1]) {
		j--
	}
	w := strings.ToLower(text[j:i])
	if weekdayWords[w] {
		return j
	}
	if w == "of" {
		k := j
		for k > 0 && text[k-1] == ' ' {
			k--
		}
		m := k
		for m > 0 && isWordByte(text[m-1]) {
			m--
		}
		if seasonWords[strings.ToLower(text[m:k])] {
			return m
		}
	}
	if seasonWords[w] {
		return j
	}
	return s
}

// abbreviatedMonthAt reports whether s ends in an abbreviation that takes
// a full stop: a short month name or a.m./p.m.
func abbreviatedMonthAt(s string) bool {
	i := len(s)
	for i > 0 && isWordByte(s[i-1]) {
		i--
	}
	w := strings.ToLower(s[i:])
	if w == "m" && strings.HasSuffix(s, ".m") {
		return true
	}
	_, ok := monthNames[w]
	return ok && len(w) <= 4 && w != "may" && w != "june" && w != "july"
}

// ageAfterName accepts "Destiny (8)": a number in brackets after a name.
func ageAfterName(text string, s, e int) bool {
	if s < 2 || text[s-1] != '(' {
		return false
	}
	j := s - 1
	for j > 0 && text[j-1] == ' ' {
		j--
	}
	k := j
	for k > 0 && isWordByte(text[k-1]) {
		k--
	}
	return k < j && text[k] >= 'A' && text[k] <= 'Z' && monthNames[strings.ToLower(text[k:j])] == 0
}

// abbreviations written with full stops that are not initials.
var dottedAbbrev = map[string]bool{
	"us": true, "uk": true, "po": true, "am": true, "pm": true, "md": true, "dc": true, "np": true,
	"rn": true, "ba": true, "ma": true, "bs": true, "ms": true, "do": true, "pa": true, "ie": true,
	"eg": true, "ad": true, "bc": true, "hs": true, "ed": true, "er": true, "la": true, "ny": true,
	"nj": true, "sc": true, "nc": true, "nd": true, "sd": true, "wv": true, "ok": true,
}

func initialsNotAbbrev(text string, s, e int) bool {
	letters := strings.ToLower(strings.NewReplacer(".", "", " ", "").Replace(text[s:e]))
	return !dottedAbbrev[letters] && (e >= len(text) || !isWordByte(text[e]))
}

func apostropheYear(text string, s, e int) bool {
	w := wordBefore(text, s)
	return w == "in" || w == "since" || w == "of" || w == "from" || w == "until" || w == "by" || w == "summer" || w == "fall" || w == "spring" || w == "winter"
}
