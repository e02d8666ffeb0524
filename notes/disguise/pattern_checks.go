package disguise

import (
	"strings"
	"time"
)

// The checks below veto pattern matches by their context; each gets the
// whole text and the byte range of the match.

func idLong(text string, s, e int) bool { return e-s >= 4 }

func notEmailPart(text string, s, e int) bool {
	return (s == 0 || text[s-1] != '@') && (e >= len(text) || text[e] != '@') && !strings.HasSuffix(strings.ToLower(text[s:e]), ".co") || strings.Contains(text[s:e], "/")
}

// notVersion vetoes "1.2.3" style numbers that are not dates.
func notVersion(text string, s, e int) bool {
	m := text[s:e]
	if s > 0 && (text[s-1] == '.' || text[s-1] == '/') {
		return false // "7.38/42/88"
	}
	f := strings.FieldsFunc(m, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(f) == 3 {
		a, b := leadingNum(f[0]), leadingNum(f[1])
		if !(a >= 1 && a <= 12 && b >= 1 && b <= 31 || b >= 1 && b <= 12 && a >= 1 && a <= 31) {
			return false
		}
	}
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
	strongLead := shortDateLead[w] || weekdayWords[w]
	m := text[s:e]
	if !validMonthDay(m) {
		return false
	}
	switch {
	case strongLead, lineStartAt(text, s), rangeAfterDate(text, s):
		return true
	case s > 0 && (text[s-1] == '.' || text[s-1] == '/'), scaleNames[strings.ToLower(rawWordBefore(text, s))]:
		return false // "7.38/42", "ASRS pt A 5/6", "PHQ 4/9"
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
	if dateLead[wordBefore(text, s)] || e < len(text) && text[e] == ' ' && strings.HasPrefix(text[e:], " 20") {
		return true
	}
	if s > 0 && text[s-1] == '(' && e < len(text) && text[e] == ')' {
		return true // "post-CVA (jan)"
	}
	a := wordAfter(text, e)
	if a == "and" || a == "or" || a == "through" || a == "to" {
		rest := strings.TrimLeft(text[e:], " ,")
		rest = strings.TrimLeft(rest[len(a):], " ")
		w := strings.ToLower(rest[:min(len(rest), 9)])
		for m := range monthNames {
			if len(m) >= 3 && strings.HasPrefix(w, m) {
				return true // "April and June 2024"
			}
		}
	}
	return false
}

func mayMonthContext(text string, s, e int) bool {
	w := wordBefore(text, s)
	return w != "to" && w != "and" && w != "or" && dateLead[w]
}

var yearVeto = map[string]bool{"mg": true, "ml": true, "mcg": true, "units": true, "calories": true, "steps": true, "dollars": true, "feet": true, "miles": true, "words": true, "people": true}

func yearContext(text string, s, e int) bool {
	if s > 0 && strings.ContainsRune("$#.,~@/", rune(text[s-1])) {
		return false
	}
	if y := leadingNum(text[s:e]); y > time.Now().Year()+2 {
		return false // "GIVEN 2030", "~2100": a time on a 24-hour clock
	}
	if w := wordBefore(text, s); w == "at" || w == "given" || w == "until" && strings.ToUpper(text[s:e]) == text[s:e] && false {
		return false
	}
	if e < len(text) && (text[e] == '%' || text[e] == '.' && e+1 < len(text) && text[e+1] >= '0' && text[e+1] <= '9') {
		return false
	}
	if yearVeto[wordAfter(text, e)] {
		return false
	}
	// A bare year is no identifier (Safe Harbor keeps it, and the
	// development set does not mark it); a season's year is a date
	// ("summer 2022"), and so is a year that tells an age over 89.
	w := wordBefore(text, s)
	if seasonWords[w] || w == "of" && seasonBefore(text, s) {
		return true
	}
	y := leadingNum(text[s:e])
	return y <= time.Now().Year()-90 && (w == "born" || w == "in" || w == "dob" || w == "since")
}

// seasonBefore reports "summer of" just before byte s.
func seasonBefore(text string, s int) bool {
	i := strings.LastIndex(strings.ToLower(text[:s]), " of")
	if i < 0 || s-i > 5 {
		return false
	}
	return seasonWords[wordBefore(text, i+1)]
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
	if w == "the" && i < s {
		// "the 14th", "tues the 4th"
		k := j
		for k > 0 && text[k-1] == ' ' {
			k--
		}
		m := k
		for m > 0 && isWordByte(text[m-1]) {
			m--
		}
		if weekdayWords[strings.ToLower(text[m:k])] && k > m {
			return m
		}
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
	return seasonWords[w]
}

// shortDateLead are words after which m/d is a date even when it could be
// a rating or a fraction ("next appt 10/10", "starting 2/10").
var shortDateLead = wordSet(strings.Fields(`on since dated dob dos date starting next f/u fu appt appointment session
visit seen until till through thru by before after effective rescheduled scheduled returns return due
admitted discharged d/c admit`))

// validMonthDay reports m/d (or d/m) with a real month and day.
func validMonthDay(m string) bool {
	a, rest, ok := strings.Cut(m, "/")
	if !ok {
		return true
	}
	b, _, _ := strings.Cut(rest, "/")
	x, y := leadingNum(a), leadingNum(b)
	return x >= 1 && y >= 1 && (x <= 12 && y <= 31 || y <= 12 && x <= 31)
}

// lineStartAt reports that byte s begins its line (after spaces).
func lineStartAt(text string, s int) bool {
	i := s
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	return i == 0 || text[i-1] == '\n'
}

// rangeAfterDate reports "9/1–9/3": a date, a dash, then this one.
func rangeAfterDate(text string, s int) bool {
	i := s
	for i > 0 && text[i-1] == ' ' {
		i--
	}
	t := text[:i]
	for _, d := range []string{"–", "-", "—"} {
		if strings.HasSuffix(t, d) {
			t = strings.TrimRight(t[:len(t)-len(d)], " ")
			return len(t) > 0 && t[len(t)-1] >= '0' && t[len(t)-1] <= '9'
		}
	}
	return false
}

// rawWordBefore returns the word just before byte s, as written.
func rawWordBefore(text string, s int) string {
	i := s
	for i > 0 && text[i-1] == ' ' {
		i--
	}
	j := i
	for j > 0 && isWordByte(text[j-1]) {
		j--
	}
	return text[j:i]
}

// scaleNames are words after which m/d is a score, not a date.
var scaleNames = wordSet(strings.Fields(`a b c phq gad asrs cdi pcl bdi bai audit dast moca mmse gds isi pdss spin ders epds
ybocs suds cows ciwa score scored scores rated rating rate pain mood anxiety sleep energy stress urge urges
items correct of was is`))

// oldAge accepts "who is 95": an age of 90 or more, not a quantity.
func oldAge(text string, s, e int) bool {
	n := leadingNum(text[s:e])
	if n < 90 || n > 120 {
		return false
	}
	if e < len(text) && (text[e] == '%' || text[e] == '.' && e+1 < len(text) && text[e+1] >= '0' && text[e+1] <= '9' || text[e] == '/') {
		return false
	}
	switch wordAfter(text, e) {
	case "mg", "mcg", "ml", "lb", "lbs", "pounds", "kg", "percent", "minutes", "min", "mins", "hours", "hrs",
		"days", "points", "degrees", "bpm", "mmhg", "units", "cc", "times", "sessions", "miles", "dollars", "people", "f":
		return false
	}
	return true
}

// holidayContext keeps a holiday that dates an event ("on Labor Day",
// "since St. Patrick's Day 1998") and drops one named as a season.
func holidayContext(text string, s, e int) bool {
	w := wordBefore(text, s)
	if strings.ContainsAny(text[s:e], "0123456789") {
		return true
	}
	switch w {
	case "the", "a", "this", "every", "each", "for", "about", "around", "of", "during":
		return w == "the" && false
	}
	return true
}

// notRatioOrCode vetoes a phone match inside a longer number or code.
func notRatioOrCode(text string, s, e int) bool {
	if s > 0 && (text[s-1] >= '0' && text[s-1] <= '9' || text[s-1] == '/' || text[s-1] == '.') {
		return false
	}
	return e >= len(text) || !(text[e] >= '0' && text[e] <= '9')
}

// intlPhone accepts "+47 412 55 019": a country code and 7 to 15 digits.
func intlPhone(text string, s, e int) bool {
	n := len(digitsOf(text[s:e]))
	return n >= 8 && n <= 15
}

// dayMonthContext accepts 21/03 (day first) after a word that leads a date.
func dayMonthContext(text string, s, e int) bool {
	if e < len(text) && (text[e] == '/' || text[e] >= '0' && text[e] <= '9') {
		return false
	}
	w := wordBefore(text, s)
	return shortDateLead[w] || weekdayWords[w]
}
