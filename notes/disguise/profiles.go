package disguise

import (
	"strconv"
	"strings"
	"time"
)

// replacement returns what span s (text orig) becomes under the mapping's
// profile, or keep=true to leave it as it is.
func (m *Mapping) replacement(text string, s Span, orig string) (repl string, keep bool) {
	switch m.Profile {
	case SafeHarbor:
		return safeHarbor(s, orig)
	case ThirdParty:
		return thirdParty(s, orig)
	}
	return m.consultation(s, orig), false
}

// Markers used by the removal profiles.
const (
	MarkThirdParty = "[redacted: third party]"
)

func (m *Mapping) consultation(s Span, orig string) string {
	switch s.Category {
	case Name:
		if facilityName(orig) {
			return genericOrg(orig) // "Steve Lynch HS" would read as a person
		}
		return m.pseudonymFor(orig)
	case Date:
		return m.shiftDate(orig)
	case Age:
		return ageRange(orig)
	case Location:
		return genericPlace(orig)
	case Org:
		return genericOrg(orig)
	case Phone:
		return "[phone removed]"
	case Email:
		return "[email removed]"
	case URL:
		return "[link removed]"
	case ID:
		return "[number removed]"
	}
	return "[removed]"
}

// pseudonymFor replaces each word of a name, keeping hyphens, spaces,
// possessives and initials' shape: "Garcia-Lopez" -> "Miller-Hayes".
func (m *Mapping) pseudonymFor(orig string) string {
	var b strings.Builder
	words := 0
	nWords := len(strings.FieldsFunc(orig, func(r rune) bool { return r == ' ' || r == '-' }))
	for i := 0; i < len(orig); {
		j := i
		for j < len(orig) && orig[j] != ' ' && orig[j] != '-' && orig[j] != '.' && orig[j] != '\n' {
			j++
		}
		if j == i {
			b.WriteByte(orig[i])
			i++
			continue
		}
		w := orig[i:j]
		switch {
		case len(w) == 1: // an initial
			p := m.pseudonym("initial:"+strings.ToLower(w), words == 0)
			b.WriteString(p[:1])
		case surnameParticles[strings.ToLower(w)] && nWords > 1:
			// dropped with the surname it belongs to
			for j < len(orig) && orig[j] == ' ' {
				j++
			}
		default:
			first := words == 0 && (nWords > 1 || getLexicon().isFirstName(strings.ToLower(w)))
			p := m.pseudonym(w, first)
			if isUpperWord(w) {
				p = strings.ToUpper(p)
			}
			b.WriteString(p)
		}
		words++
		i = j
	}
	return b.String()
}

func isUpperWord(w string) bool { return len(w) > 1 && strings.ToUpper(w) == w }

// isTime reports a time of day ("4:00", "10:30 a.m."), which is kept by
// the consultation profile: it tells the session, not the person.
func isTime(s string) bool {
	l := strings.ToLower(s)
	return strings.IndexAny(l, "0123456789") == 0 && !strings.ContainsAny(l, "/-") &&
		(strings.Contains(l, ":") || strings.HasSuffix(l, "am") || strings.HasSuffix(l, "pm") || strings.HasSuffix(l, "m."))
}

// splitLead separates a leading weekday or season ("Tuesday, 3/7",
// "summer of 2018") from the date itself.
func splitLead(orig string) (lead, rest string) {
	i := 0
	for i < len(orig) && isWordByte(orig[i]) {
		i++
	}
	w := strings.ToLower(orig[:i])
	if !weekdayWords[w] && !seasonWords[w] {
		return "", orig
	}
	j := i
	for j < len(orig) && (orig[j] == ' ' || orig[j] == ',') {
		j++
	}
	if seasonWords[w] && strings.HasPrefix(orig[j:], "of ") {
		j += 3
	}
	return orig[:j], orig[j:]
}

func (m *Mapping) shiftDate(orig string) string {
	if isTime(orig) {
		return orig
	}
	lead, rest := splitLead(orig)
	p, ok := parseDateParts(rest)
	if !ok {
		if holidayWords[strings.ToLower(strings.Fields(orig + " x")[0])] {
			return "a holiday"
		}
		return "[date]"
	}
	if lead != "" {
		shifted := m.shiftParts(p)
		if weekdayWords[strings.ToLower(strings.TrimRight(lead, " ,"))] {
			if d, ok := ParseDate(shifted); ok {
				return d.Weekday().String() + ", " + shifted
			}
			return shifted // no year: the weekday cannot be known
		}
		return lead + shifted
	}
	return m.shiftParts(p)
}

func (m *Mapping) shiftParts(p dateParts) string {
	shift := m.Shift()
	switch {
	case p.year != 0 && p.month != 0 && p.day != 0:
		return p.format(notAfterToday(time.Date(p.year, time.Month(p.month), p.day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, shift)))
	case p.month != 0 && p.day != 0:
		return p.format(time.Date(2001, time.Month(p.month), p.day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, shift))
	case p.year != 0 && p.month != 0:
		return p.format(notAfterToday(time.Date(p.year, time.Month(p.month), 15, 0, 0, 0, 0, time.UTC).AddDate(0, 0, shift)))
	case p.year != 0:
		return p.format(time.Date(p.year, 7, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, shift))
	case p.month != 0:
		return p.format(time.Date(2001, time.Month(p.month), 15, 0, 0, 0, 0, time.UTC).AddDate(0, 0, shift))
	}
	return "[date]"
}

// Shift is the number of days a consultation moves dates by: always back
// in time, so that no disguised date lies after today. (A mapping made
// before dates moved only backwards may hold a forward shift; it moves
// dates back by as many days.)
func (m *Mapping) Shift() int {
	if m.DateShiftDays > 0 {
		return -m.DateShiftDays
	}
	return m.DateShiftDays
}

// notAfterToday moves a shifted date that still lies after today (a future
// appointment) back by whole years until it does not.
func notAfterToday(t time.Time) time.Time {
	today := time.Now().UTC()
	for t.After(today) {
		t = t.AddDate(-1, 0, 0)
	}
	return t
}

// leadingNumber reads the first number in s.
func leadingNumber(s string) (int, bool) {
	i := strings.IndexAny(s, "0123456789")
	if i < 0 {
		return 0, false
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	n, err := strconv.Atoi(s[i:j])
	return n, err == nil && j-i <= 3
}

// ageRange turns an age into a range: 34 -> "early 30s", 15 -> "mid-teens".
func ageRange(orig string) string {
	n, ok := leadingNumber(orig)
	if !ok {
		return "[age]"
	}
	var r string
	switch {
	case n >= 90:
		r = "90 or older"
	case n < 13:
		r = "under 13"
	case n < 20:
		r = []string{"early", "early", "mid", "mid", "late", "late", "late"}[n-13] + " teens"
	default:
		r = []string{"early", "early", "early", "early", "mid", "mid", "mid", "late", "late", "late"}[n%10] + " " + strconv.Itoa(n/10*10) + "s"
	}
	lower := strings.ToLower(orig)
	if n >= 90 || n < 13 {
		return r
	}
	if strings.Contains(lower, "old") && strings.Contains(lower, "-") {
		return strings.ReplaceAll(r, " ", "-") // "34-year-old" -> "early-30s"
	}
	if strings.Contains(lower, "old") || strings.Contains(lower, "y/o") || strings.Contains(lower, "yo") {
		return "in the " + r
	}
	return r
}

func genericPlace(orig string) string {
	f := strings.TrimSpace(orig)
	if f == "" {
		return "[place]"
	}
	if f[0] >= '0' && f[0] <= '9' {
		if isDigits(strings.ReplaceAll(f, "-", "")) {
			return "[ZIP removed]"
		}
		return "[address removed]"
	}
	l := getLexicon()
	city, _, _ := strings.Cut(f, ",")
	key := strings.ReplaceAll(strings.ToLower(city), ".", "")
	if _, ok := l.states[key]; ok {
		return "another state"
	}
	words := strings.Fields(key)
	last := ""
	if len(words) > 0 {
		last = words[len(words)-1]
	}
	switch {
	case last == "county" || last == "parish":
		return "a nearby county"
	case streetTypes[last] || roadWords[last] || len(words) > 1 && roadWords[words[0]] || strings.HasPrefix(key, "i-"):
		return "a nearby street"
	case last == "park":
		return "a local park"
	case last == "lake" || len(words) > 1 && words[0] == "lake":
		return "a nearby lake"
	}
	pop, ok := l.places[key]
	switch {
	case ok && pop == worldCity:
		return "a city abroad"
	case !ok:
		return "a nearby area"
	case pop >= 500000:
		return "a large city"
	case pop >= 100000:
		return "a mid-sized city"
	case pop >= 20000:
		return "a small city"
	}
	return "a small town"
}

var orgKinds = []struct {
	words []string
	label string
}{
	{[]string{"hs", "high", "shs", "jhs"}, "a local high school"},
	{[]string{"middle", "ms", "junior"}, "a local middle school"},
	{[]string{"elementary", "elem", "es", "primary"}, "a local elementary school"},
	{[]string{"preschool", "daycare", "montessori", "kindergarten"}, "a local preschool"},
	{[]string{"school", "academy", "prep", "schools"}, "a local school"},
	{[]string{"university", "college", "institute", "u", "univ", "state", "tech", "community"}, "a university"},
	{[]string{"rehab", "recovery", "treatment", "detox", "addiction"}, "a treatment center"},
	{[]string{"hospice"}, "a hospice"},
	{[]string{"hospital", "medical", "health", "healthcare", "memorial", "regional", "children's", "mercy", "infirmary"}, "a regional hospital"},
	{[]string{"clinic", "clinics", "practice", "counseling", "psychiatry", "psychotherapy", "therapy", "behavioral", "wellness", "pediatrics", "psychology"}, "a local practice"},
	{[]string{"church", "parish", "chapel", "cathedral", "temple", "mosque", "synagogue", "gurdwara", "ministries", "ministry", "congregation", "baptist", "episcopal", "methodist", "lutheran", "catholic", "st", "saint", "lady"}, "a local congregation"},
	{[]string{"gym", "ymca", "ywca", "fitness", "climbing"}, "a local gym"},
	{[]string{"park"}, "a local park"},
	{[]string{"mall", "plaza"}, "a shopping center"},
	{[]string{"library"}, "a local library"},
	{[]string{"court", "courthouse"}, "a local court"},
	{[]string{"jail", "prison", "detention", "corrections", "penitentiary"}, "a correctional facility"},
	{[]string{"shelter"}, "a local shelter"},
	{[]string{"hotel", "motel", "inn", "resort", "casino"}, "a local hotel"},
	{[]string{"police", "sheriff", "sheriff's"}, "a local police department"},
	{[]string{"county", "services", "department", "authority", "agency", "commission", "division"}, "a public agency"},
	{[]string{"association", "foundation", "society", "alliance", "coalition", "network"}, "a community organization"},
	{[]string{"software", "tech", "technologies", "solutions", "systems", "labs", "digital", "amazon", "google", "microsoft", "apple", "intel", "cisco", "qualcomm"}, "a tech company"},
	{[]string{"bank", "credit", "financial", "capital", "insurance"}, "a financial company"},
	{[]string{"logistics", "transit", "trucking", "fedex", "ups", "shipping", "airlines", "freight"}, "a transport company"},
	{[]string{"bakery", "foods", "restaurant", "cafe", "diner", "grill", "starbucks", "kitchen", "bbq", "pizza", "bar", "pub"}, "a local restaurant"},
	{[]string{"walmart", "target", "kroger", "store", "market", "depot", "shop", "retail", "mart"}, "a retail store"},
	{[]string{"dental", "pharmacy"}, "a healthcare practice"},
	{[]string{"apartments", "apts", "towers", "villas", "manor", "residences", "gardens", "village"}, "an apartment complex"},
	{[]string{"hall", "campus", "center", "centre", "ctr"}, "a local center"},
}

// facilityName reports a name span that is really an institution's:
// "Lincoln HS", "Mercy Hospital" tagged as a person by mistake.
func facilityName(orig string) bool {
	f := strings.Fields(strings.ToLower(orig))
	if len(f) < 2 {
		return false
	}
	last := strings.Trim(f[len(f)-1], ".,")
	return strongOrgHeads[last] || orgSuffixHeads[last]
}

func genericOrg(orig string) string {
	words := phraseWords(orig)
	for _, k := range orgKinds {
		for _, w := range words {
			for _, kw := range k.words {
				if w == kw {
					return k.label
				}
			}
		}
	}
	return "a local organization"
}

// restrictedZIP3 are the 3-digit ZIP prefixes with 20,000 or fewer people
// (2000 Census) that Safe Harbor requires to be written 000.
var restrictedZIP3 = map[string]bool{
	"036": true, "059": true, "063": true, "102": true, "203": true, "556": true, "692": true,
	"790": true, "821": true, "823": true, "830": true, "831": true, "878": true, "879": true,
	"884": true, "890": true, "893": true,
}

func safeHarbor(s Span, orig string) (string, bool) {
	switch s.Category {
	case Name:
		return "[name]", false
	case Date:
		if isTime(orig) {
			return "[time]", false
		}
		_, rest := splitLead(orig)
		p, ok := parseDateParts(rest)
		if ok && p.year != 0 {
			if time.Now().Year()-p.year >= 90 {
				return "[year]", false // a year that tells an age over 89
			}
			return strconv.Itoa(p.year), false
		}
		return "[date]", false
	case Age:
		if n, ok := leadingNumber(orig); ok && n > 89 {
			return "90 or older", false
		}
		return "", true
	case Location:
		f := strings.TrimSpace(orig)
		if d := strings.ReplaceAll(f, "-", ""); isDigits(d) && (len(d) == 5 || len(d) == 9) {
			if restrictedZIP3[d[:3]] {
				return "000", false
			}
			return d[:3], false
		}
		if _, ok := getLexicon().states[strings.ToLower(f)]; ok {
			return "", true // states are not Safe Harbor identifiers
		}
		return "[location]", false
	case Org:
		return "[organization]", false
	case Phone:
		return "[phone]", false
	case Email:
		return "[email]", false
	case URL:
		return "[url]", false
	case ID:
		return "[id]", false
	}
	return "[redacted]", false
}

func thirdParty(s Span, orig string) (string, bool) {
	switch {
	case s.Subject == SubjectClient:
		return "", true
	case s.Subject == SubjectThirdParty, s.Category == Name:
		return MarkThirdParty, false
	case s.Category == Phone, s.Category == Email, s.Category == URL:
		return MarkThirdParty, false
	}
	return "", true
}
