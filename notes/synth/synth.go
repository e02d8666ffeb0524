package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Category names of gold spans; they are the categories of the detect
// command (NAME, DATE, AGE, LOCATION, PHONE, EMAIL, ID, URL, ORG).
const (
	CatName     = "NAME"
	CatDate     = "DATE"
	CatAge      = "AGE"
	CatLocation = "LOCATION"
	CatPhone    = "PHONE"
	CatEmail    = "EMAIL"
	CatID       = "ID"
	CatURL      = "URL"
	CatOrg      = "ORG"
)

// Span is one gold identifier in Note.Text. Start and End are BYTE
// offsets into Note.Text, End exclusive. Known is true when the value is
// part of the client's record (the client's names, related people,
// employer, school, address, phone, email, date of birth or home city),
// so a detector given that record must find it.
type Span struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Category string `json:"category"`
	Known    bool   `json:"known,omitempty"`
}

// Person is someone in a client's life.
type Person struct {
	Name     string `json:"name"`
	Relation string `json:"relation"`
	Female   bool   `json:"female"`
}

// Client is a synthetic client record.
type Client struct {
	ID        int       `json:"id"`
	First     string    `json:"first"`
	Last      string    `json:"last"`
	Preferred string    `json:"preferred,omitempty"` // nickname or preferred name
	Gender    string    `json:"gender"`              // female, male or nonbinary
	Pronouns  string    `json:"pronouns"`            // she/her, he/him, they/them
	DOB       time.Time `json:"dob"`
	Phone     string    `json:"phone"`
	Email     string    `json:"email"`
	Street    string    `json:"street"` // "12 Oak Street, Apt 4B"
	City      string    `json:"city"`
	State     string    `json:"state"`
	ZIP       string    `json:"zip"`
	Employer  string    `json:"employer,omitempty"`
	School    string    `json:"school,omitempty"`
	Related   []Person  `json:"related"`
	Minor     bool      `json:"minor"`
	Guardian  string    `json:"guardian,omitempty"` // name of the guardian among Related
	Partner   int       `json:"partner"`            // index of the other member of a couple, or -1
}

// Name is the client's full legal name.
func (c Client) Name() string { return c.First + " " + c.Last }

// Address is the client's postal address on one line.
func (c Client) Address() string {
	return c.Street + ", " + c.City + ", " + c.State + " " + c.ZIP
}

// Section is one headed part of a note.
type Section struct {
	Heading string `json:"heading"`
	Text    string `json:"text"`
}

// Note is a synthetic therapy note. Text is the sections joined as
// "Heading:\ntext\n\n"; Spans are the gold identifiers in Text.
type Note struct {
	Client   int       `json:"client"` // index into Practice.Clients
	Kind     string    `json:"kind"`   // intake, progress, treatment-plan, contact, termination, psychotherapy, other
	Template string    `json:"template"`
	Date     time.Time `json:"date"`
	Sections []Section `json:"sections"`
	Text     string    `json:"text"`
	Spans    []Span    `json:"spans"`
}

// Practice is a synthetic caseload: clients and their notes, the notes
// sorted by date within each client.
type Practice struct {
	Clients []Client `json:"clients"`
	Notes   []Note   `json:"notes"`
}

// Generator makes synthetic clients and notes. The same seed always gives
// the same practice. A Generator is not safe for concurrent use.
type Generator struct {
	rng  *rand.Rand
	base time.Time
}

// New returns a generator seeded with seed.
func New(seed int64) *Generator {
	return &Generator{
		rng:  rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)),
		base: time.Date(2016, 1, 4, 0, 0, 0, 0, time.UTC),
	}
}

func (g *Generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *Generator) chance(p float64) bool { return g.rng.Float64() < p }

// Practice makes a practice of the given number of clients and notes
// (notes are spread over the clients, each client's first note an intake).
func (g *Generator) Practice(clients, notes int) Practice {
	if clients < 1 {
		clients = 1
	}
	p := Practice{Clients: make([]Client, clients)}
	for i := range p.Clients {
		p.Clients[i] = g.client(i)
	}
	if clients >= 2 { // one couple
		a, b := 0, 1
		p.Clients[a].Partner, p.Clients[b].Partner = b, a
		p.Clients[b].Last = p.Clients[a].Last
		p.Clients[b].Street, p.Clients[b].City, p.Clients[b].State, p.Clients[b].ZIP = p.Clients[a].Street, p.Clients[a].City, p.Clients[a].State, p.Clients[a].ZIP
		rel := "husband"
		if p.Clients[b].Gender == "female" {
			rel = "wife"
		}
		p.Clients[a].Related = append(p.Clients[a].Related, Person{Name: p.Clients[b].Name(), Relation: rel, Female: rel == "wife"})
	}
	p.Notes = make([]Note, 0, notes)
	perClient := make([]int, clients)
	for i := 0; i < notes; i++ {
		c := i % clients
		perClient[c]++
	}
	for c := range p.Clients {
		day := g.rng.IntN(2500)
		for k := 0; k < perClient[c]; k++ {
			kind := g.kindFor(k, perClient[c])
			date := g.base.AddDate(0, 0, day)
			p.Notes = append(p.Notes, g.note(&p.Clients[c], c, kind, date))
			day += 3 + g.rng.IntN(12)
		}
	}
	return p
}

func (g *Generator) kindFor(k, n int) string {
	switch {
	case k == 0:
		return "intake"
	case k == 1:
		return "treatment-plan"
	case k == n-1 && n > 6:
		return "termination"
	}
	r := g.rng.IntN(20)
	switch {
	case r < 13:
		return "progress"
	case r < 16:
		return "contact"
	case r < 18:
		return "psychotherapy"
	case r < 19:
		return "treatment-plan"
	}
	return "other"
}

func (g *Generator) client(i int) Client {
	c := Client{ID: i + 1, Partner: -1}
	switch r := g.rng.IntN(20); {
	case r < 10:
		c.Gender, c.Pronouns, c.First = "female", "she/her", g.pick(femaleFirst)
	case r < 19:
		c.Gender, c.Pronouns, c.First = "male", "he/him", g.pick(maleFirst)
	default:
		c.Gender, c.Pronouns, c.First = "nonbinary", "they/them", g.pick(femaleFirst)
	}
	c.Last = g.pick(surnames)
	if nick, ok := nicknames[c.First]; ok && g.chance(0.7) {
		c.Preferred = nick
	}
	c.Minor = g.chance(0.2)
	age := 19 + g.rng.IntN(62)
	if c.Minor {
		age = 8 + g.rng.IntN(10)
	}
	c.DOB = g.base.AddDate(-age, -g.rng.IntN(12), -g.rng.IntN(28))
	c.Phone = fmt.Sprintf("(%d) 555-%04d", 200+g.rng.IntN(780), g.rng.IntN(10000))
	c.Email = strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(c.First, "-", ""), " ", "")) + "." +
		strings.ToLower(strings.NewReplacer(" ", "", "'", "", "-", "").Replace(c.Last)) + fmt.Sprint(g.rng.IntN(90)+10) + "@" + g.pick([]string{"gmail.com", "yahoo.com", "outlook.com", "proton.me"})
	c.Street = fmt.Sprintf("%d %s", 10+g.rng.IntN(9000), g.pick(streets))
	if g.chance(0.3) {
		c.Street += fmt.Sprintf(", Apt %d%c", 1+g.rng.IntN(30), 'A'+rune(g.rng.IntN(4)))
	}
	ct := cities[g.rng.IntN(len(cities))]
	c.City, c.State, c.ZIP = ct.name, ct.state, ct.zip
	if c.Minor {
		c.School = g.pick(schools)
	} else {
		c.Employer = g.pick(employers)
		if g.chance(0.15) {
			c.School = g.pick(schools)
		}
	}
	used := map[string]bool{}
	n := 2 + g.rng.IntN(3)
	for len(c.Related) < n {
		r := relationsPool[g.rng.IntN(len(relationsPool))]
		group := r.word
		if spouse[r.word] {
			group = "spouse"
		}
		if used[group] || c.Minor && !r.minor || !c.Minor && !r.adult {
			continue
		}
		used[group] = true
		first := g.pick(maleFirst)
		if r.female {
			first = g.pick(femaleFirst)
		}
		last := c.Last
		if !strings.Contains(r.word, "mother") && !strings.Contains(r.word, "father") && r.word != "sister" && r.word != "brother" && r.word != "son" && r.word != "daughter" || g.chance(0.2) {
			last = g.pick(surnames)
		}
		c.Related = append(c.Related, Person{Name: first + " " + last, Relation: r.word, Female: r.female})
	}
	if c.Minor {
		for _, p := range c.Related {
			if p.Relation == "mother" || p.Relation == "father" || p.Relation == "grandmother" || p.Relation == "aunt" || p.Relation == "stepfather" {
				c.Guardian = p.Name
				break
			}
		}
		if c.Guardian == "" {
			p := Person{Name: g.pick(femaleFirst) + " " + c.Last, Relation: "mother", Female: true}
			c.Related = append(c.Related, p)
			c.Guardian = p.Name
		}
	}
	return c
}

var spouse = map[string]bool{"husband": true, "wife": true, "partner": true, "boyfriend": true, "girlfriend": true}

// Age is the client's age in whole years on day d.
func (c Client) Age(d time.Time) int {
	a := d.Year() - c.DOB.Year()
	if d.YearDay() < c.DOB.YearDay() {
		a--
	}
	return a
}

// Caseload makes a practice as it stands on day today. Its clients came in
// over the practice's years; two in three are still in treatment, their
// last session in the fortnight before today and no termination note, and
// the others are closed, each with a termination note as its last. Every
// client's age is reckoned at the end of their care, so a minor is a minor
// while seen. Notes are written on their own dates: a date, a month or an
// age inside a note is reckoned from that note's session, so a note of
// 2026 speaks of 2026. The same seed and day always make the same
// caseload; it differs from Practice's.
func (g *Generator) Caseload(clients, notes int, today time.Time) Practice {
	if clients < 1 {
		clients = 1
	}
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	counts := make([]int, clients)
	for i := 0; i < notes; i++ {
		counts[i%clients]++
	}
	// The dates of each client's sessions, the last one first decided.
	dates := make([][]time.Time, clients)
	for c := range dates {
		n := max(counts[c], 1)
		gaps := make([]int, n-1)
		span := 0
		for k := range gaps {
			gaps[k] = 3 + g.rng.IntN(12)
			span += gaps[k]
		}
		last := today.AddDate(0, 0, -1-c%14)
		if !caseloadActive(c) {
			last = today.AddDate(0, 0, -60-g.rng.IntN(4*365))
		}
		day := last.AddDate(0, 0, -span)
		for k := 0; k < n; k++ {
			dates[c] = append(dates[c], day)
			if k < len(gaps) {
				day = day.AddDate(0, 0, gaps[k])
			}
		}
	}
	p := Practice{Clients: make([]Client, clients)}
	base := g.base
	for i := range p.Clients {
		g.base = dates[i][len(dates[i])-1] // ages as at the end of care
		p.Clients[i] = g.client(i)
		if first := dates[i][0]; !first.After(p.Clients[i].DOB) {
			// Care of many years (the bench's 25,000 notes) can start
			// before a child's birthday drawn at its end: the child was
			// 8, the youngest age drawn, at the first session.
			p.Clients[i].DOB = first.AddDate(-8, 0, 0)
		}
	}
	g.base = base
	if clients >= 2 { // one couple, both in treatment
		a, b := 0, 1
		p.Clients[a].Partner, p.Clients[b].Partner = b, a
		p.Clients[b].Last = p.Clients[a].Last
		p.Clients[b].Street, p.Clients[b].City, p.Clients[b].State, p.Clients[b].ZIP = p.Clients[a].Street, p.Clients[a].City, p.Clients[a].State, p.Clients[a].ZIP
		rel := "husband"
		if p.Clients[b].Gender == "female" {
			rel = "wife"
		}
		p.Clients[a].Related = append(p.Clients[a].Related, Person{Name: p.Clients[b].Name(), Relation: rel, Female: rel == "wife"})
	}
	p.Notes = make([]Note, 0, notes)
	for c := range p.Clients {
		n := counts[c]
		for k := 0; k < n; k++ {
			kind := g.kindFor(k, n)
			switch {
			case caseloadActive(c) && kind == "termination":
				kind = "progress"
			case !caseloadActive(c) && k == n-1 && n >= 3:
				kind = "termination"
			}
			p.Notes = append(p.Notes, g.note(&p.Clients[c], c, kind, dates[c][k]))
		}
	}
	return p
}

// caseloadActive reports whether client c of a Caseload is still in
// treatment: two in three are.
func caseloadActive(c int) bool { return c%3 != 2 }
