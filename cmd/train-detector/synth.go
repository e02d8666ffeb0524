package main

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/confidenotes/confide/notes/disguise/tagger"
)

// The generated corpus: clinical and everyday text with the entities
// known by construction. Names, places and organisations come from the
// gazetteer (split into a training and a held-out half, so the held-out
// text has names the model never saw), the phrasing from templates in
// many styles, with clinical words, scores, drugs, apps, countries and
// kinship words as the non-entities the detector must leave alone.

// doc is a text under construction with its entities.
type doc struct {
	b    strings.Builder
	ents []tagger.Span
}

func (d *doc) text(s string) { d.b.WriteString(s) }

func (d *doc) ent(s string, k tagger.Kind) {
	if s == "" {
		return
	}
	start := d.b.Len()
	d.b.WriteString(s)
	d.ents = append(d.ents, tagger.Span{Start: start, End: d.b.Len(), Kind: k})
}

func (d *doc) example() tagger.Example {
	return tagger.Example{Text: d.b.String(), Entities: append([]tagger.Span(nil), d.ents...)}
}

// person is one member of a generated note's cast.
type person struct{ first, last string }

// gen generates notes from one half of the name lists.
type gen struct {
	r        *rand.Rand
	p        *pools
	cast     []person
	city     string
	lowerSeq bool // names typed in lower case in shorthand
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// fill writes template t into d, replacing each {SLOT}.
func (g *gen) fill(d *doc, t string) {
	for t != "" {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			d.text(t)
			return
		}
		d.text(t[:i])
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			d.text(t[i:])
			return
		}
		slot := t[i+1 : i+j]
		t = t[i+j+1:]
		fn, ok := slots[slot]
		if !ok {
			panic("train-detector: unknown slot " + slot)
		}
		fn(g, d)
	}
}

// coined makes a name no list holds, from syllables and endings of many
// languages ("Lindqvist", "Okonkwo", "Haraszti"), so that the model learns
// names from their context and shape, not only from the lists.
func (g *gen) coined(surname bool) string {
	syl := []string{"ka", "lin", "mar", "do", "ve", "ro", "sa", "tu", "ba", "ni", "ko", "ha", "ras", "zo", "che", "ou", "ade", "ye", "mi", "lu", "gar", "ber", "tor", "vi", "ja", "qi", "nwo", "ok", "ola", "pet", "ich", "dra", "fen", "wen", "shi", "ta", "mb", "ek"}
	var b strings.Builder
	for i := 0; i < 1+g.r.IntN(2); i++ {
		b.WriteString(g.pick(syl))
	}
	if surname {
		b.WriteString(g.pick([]string{"qvist", "ski", "enko", "ian", "opoulos", "ez", "wala", "ova", "berg", "stein", "ola", "ike", "chuk", "son", "sen", "escu", "ovic", "oglu", "ashvili", "ani", "ke", "o", "u", "i", "ara", "dze", "nen", "quist", "man", "worth"}))
	} else {
		b.WriteString(g.pick([]string{"a", "o", "el", "ine", "ia", "u", "i", "ette", "on", "ka", "ri", "ya"}))
	}
	return titleCase(b.String())
}

func (g *gen) first() string {
	n := g.pick(g.p.first)
	if g.chance(0.06) {
		n = g.coined(false)
	}
	if g.lowerSeq {
		return strings.ToLower(n)
	}
	return n
}

func (g *gen) last() string {
	n := g.pick(g.p.last)
	if g.chance(0.15) {
		n = g.coined(true)
	}
	if g.lowerSeq {
		return strings.ToLower(n)
	}
	return n
}

func (g *gen) castMember(i int) person {
	for len(g.cast) <= i {
		p := person{g.first(), g.last()}
		if g.chance(0.08) { // a name that is also an ordinary word: Hope, Chase, Sky
			p.first = titleCase(g.pick(nameWords))
			if g.lowerSeq {
				p.first = strings.ToLower(p.first)
			}
		}
		g.cast = append(g.cast, p)
	}
	return g.cast[i]
}

// name writes a person's name in one of the forms notes use.
func (g *gen) name(d *doc, p person) {
	switch x := g.r.IntN(20); {
	case x < 8:
		d.ent(p.first, tagger.Person)
	case x < 15:
		d.ent(p.first+" "+p.last, tagger.Person)
	case x < 16:
		d.ent(p.first+" "+string(g.pick(upperLetters))+". "+p.last, tagger.Person)
	case x < 17:
		d.ent(p.last+", "+p.first, tagger.Person)
	case x < 18:
		d.ent(p.first[:1]+". "+p.last, tagger.Person)
	case x < 19:
		d.ent(p.first+" "+p.last+"-"+g.last(), tagger.Person)
	default:
		d.ent(p.last, tagger.Person)
	}
}

var nameWords = []string{"will", "hope", "rose", "bill", "pat", "chase", "grace", "joy", "faith", "mark", "frank", "art", "sunny", "may", "june", "april", "summer", "dawn", "amber", "crystal", "ruby", "jade", "destiny", "harmony", "miles", "drew", "max", "iris", "lily", "holly", "ivy", "sky", "hunter", "taylor", "cole", "wade", "dean", "river", "storm", "rusty", "sandy", "penny", "buck", "skip", "price", "young", "king", "brown", "white", "green", "long"}

var upperLetters = strings.Split("ABCDEFGHJKLMNPRSTW", "")

func (g *gen) title(d *doc) {
	d.text(g.pick([]string{"Dr. ", "Dr ", "dr. ", "dr ", "Dr. ", "Mr. ", "Mrs. ", "Ms. ", "Mr ", "Ms ", "doctor ", "Dr. ", "Mx. ", "Officer ", "Judge ", "Rev. ", "Pastor ", "Coach ", "Nurse "}))
}

// credentials are written after a clinician's name, never part of it.
var credentials = []string{"LCSW", "PhD", "MD", "LPC", "LMFT", "PsyD", "RN", "NP", "PMHNP-BC", "MSW", "LPCC", "APRN", "DO",
	"LMHC", "CADC", "MA", "MC", "MS", "MFT", "LCPC", "LICSW", "LMHP", "LIMHP", "LAC", "CAC III", "CSW", "LCADC", "LISW-S",
	"LPC-S", "NCC", "BCBA", "LCDC", "CRC", "EdD", "LSW", "LMSW", "ACSW", "CMHC", "LPCA", "PA-C", "FNP", "DNP"}

func (g *gen) credential(d *doc) {
	if g.chance(0.1) {
		return
	}
	sep := g.pick([]string{", ", ", ", " "})
	c := g.pick(credentials)
	if g.chance(0.3) {
		c += ", " + g.pick(credentials)
	}
	if g.lowerSeq {
		c = strings.ToLower(c)
	}
	d.text(sep + c)
}

// initials are a clinician's initials as a signature ("-jl", "K.W.").
func (g *gen) initials() string {
	n := 2 + g.r.IntN(2)
	var b strings.Builder
	dots := g.chance(0.3)
	for i := 0; i < n; i++ {
		b.WriteString(g.pick(upperLetters))
		if dots {
			b.WriteByte('.')
		}
	}
	s := b.String()
	if g.lowerSeq || g.chance(0.4) {
		s = strings.ToLower(s)
	}
	return s
}

// nickname makes a pet name from a first name or from nothing.
func (g *gen) nickname(first string) string {
	r := []rune(first)
	switch x := g.r.IntN(4); {
	case x == 0 && len(r) > 3:
		return string(r[:3]) + g.pick([]string{"y", "ie", "o", "a", "i"})
	case x == 1 && len(r) > 4:
		return titleCase(string(r[len(r)-3:]))
	case x == 2:
		syl := []string{"ba", "bo", "ki", "lu", "mo", "ne", "pa", "ti", "ju", "chi", "shu", "de", "ro", "ga", "me"}
		return titleCase(g.pick(syl) + g.pick(syl) + g.pick([]string{"", "", "y", "n"}))
	}
	return g.pick([]string{"Bubba", "Junior", "JJ", "Tink", "Peanut", "Bear", "Deedee", "Sissy", "Boo", "Mac", "Lulu", "Sonny", "Chuy", "Nene", "Kiki", "Manny", "Bibi", "Tito", "Gigi", "Buddy", "Memo", "Lalo", "Pepe", "Bunty", "Packie", "Jay", "Sky", "Red", "Doc", "Moose"})
}

func (g *gen) placeName() string {
	c := g.pick(g.p.places)
	if g.lowerSeq {
		return strings.ToLower(c)
	}
	return c
}

func (g *gen) address(d *doc) {
	d.ent(g.street(true), tagger.Location)
	if g.chance(0.3) {
		d.text(g.pick([]string{", Apt ", " Apt. ", " #", ", Unit "}))
		d.text(fmt.Sprint(g.r.IntN(40)+1) + g.pick([]string{"", "B", "C", "A"}))
	}
	d.text(g.pick([]string{", ", " ", "\n"}))
	d.ent(g.placeName(), tagger.Location)
	d.text(g.pick([]string{", ", " ", ", "}))
	d.ent(g.pick(g.p.stateCodes), tagger.Location)
	d.text(fmt.Sprintf(" %05d", g.r.IntN(99999)))
}

func (g *gen) street(number bool) string {
	s := ""
	if number {
		s = fmt.Sprint(g.r.IntN(9000)+1) + " "
		if g.chance(0.15) {
			s += g.pick([]string{"N. ", "S. ", "E ", "W. ", "North ", "NE "})
		}
	}
	var base string
	switch g.r.IntN(5) {
	case 0, 1:
		base = g.pick(g.p.last)
		base = strings.ToUpper(base[:1]) + strings.ToLower(base[1:])
	case 2:
		base = g.pick(streetWords)
	case 3:
		base = g.pick(g.p.places)
	default:
		base = g.pick(g.p.first) + " " + g.pick([]string{"Hill", "Creek", "River", "Lake", "Valley", "Ridge", "Park", "Mill", "Oak"})
	}
	s += base + " " + g.pick(streetTypes)
	if g.lowerSeq {
		s = strings.ToLower(s)
	}
	return s
}

var streetWords = []string{"Main", "Oak", "Maple", "Elm", "Cedar", "Pine", "Walnut", "Cherry", "Park", "Lake", "Hill", "High", "Church", "Mill", "Spring", "Center", "Washington", "Lincoln", "Jefferson", "Broad", "Market", "Water", "Oak Tree", "Olentangy River", "Sunset", "Riverside", "Meadow", "Forest", "Highland", "Chestnut", "Willow", "Magnolia", "Peachtree", "Ocean", "Bay", "Harbor", "Sawmill", "Stringtown", "Beechwood", "Country Club", "College", "Union", "Franklin", "King", "Queen", "Prospect", "Grand", "Liberty", "Fairview", "Kenny", "Hamilton"}

var streetTypes = []string{"Street", "St", "St.", "Avenue", "Ave", "Ave.", "Road", "Rd", "Rd.", "Boulevard", "Blvd", "Drive", "Dr", "Lane", "Ln", "Way", "Court", "Ct", "Place", "Pl", "Pike", "Highway", "Hwy", "Parkway", "Pkwy", "Circle", "Trail", "Terrace", "Run", "Loop"}

// org writes an organisation of the given sort.
func (g *gen) org(d *doc, sort string) {
	var s string
	place := g.pick(g.p.places)
	sur := titleCase(g.pick(g.p.last))
	switch sort {
	case "hospital":
		switch g.r.IntN(7) {
		case 0, 1:
			s = titleish(g.r, g.pick(g.p.hospitals))
		case 2:
			s = place + " " + g.pick([]string{"Memorial Hospital", "General Hospital", "Medical Center", "Regional Medical Center", "Community Hospital", "Behavioral Health", "Hospital"})
		case 3:
			s = g.pick([]string{"St. ", "Saint ", "St "}) + g.pick(saints) + g.pick([]string{"'s Hospital", " Medical Center", "'s", " Hospital", "'s Regional"})
		case 4:
			s = g.pick([]string{"OSU ", "UC ", "UPMC ", "Mass ", "UH ", "UVA ", "VCU ", "UAB "}) + sur
		case 5:
			s = sur + " " + g.pick([]string{"Children's", "Memorial", "Methodist", "Presbyterian", "Baptist Health", "Health", "Clinic"})
		default:
			s = titleish(g.r, g.pick(g.p.hospitals))
		}
	case "school":
		base := g.pick([]string{sur, place, g.pick(streetWords), g.pick(g.p.first) + " " + sur})
		s = base + " " + g.pick([]string{"Elementary", "Elementary School", "Middle School", "High School", "HS", "MS", "Academy", "Junior High", "Intermediate", "Montessori", "Prep", "Christian Academy", "Early Learning Center", "Charter School"})
	case "univ":
		s = titleish(g.r, g.pick(g.p.univs))
	case "employer":
		switch g.r.IntN(6) {
		case 0, 1, 2:
			s = titleish(g.r, g.pick(g.p.companies))
		case 3:
			s = sur + g.pick([]string{" & Sons", " Plumbing", " Construction", " Auto Body", " Law Group", " Insurance", " Realty", " Dental", " Landscaping", " Logistics"})
		case 4:
			s = place + g.pick([]string{" Public Schools", " Police Department", " City Schools", " Fire Department", " Public Library", " Water Department", " Transit"})
		default:
			s = g.pick([]string{"Kroger", "Walmart", "Target", "Amazon", "Home Depot", "Starbucks", "Costco", "FedEx", "UPS", "Chipotle", "Lowe's", "Nationwide", "Honda", "Meijer", "Wendy's", "Panera", "Best Buy", "Macy's", "Walgreens", "CVS"})
		}
	case "church":
		s = g.pick([]string{"St. " + g.pick(saints) + " Catholic Church", "First Baptist Church", "Grace " + g.pick([]string{"Lutheran Church", "Community Church", "Fellowship", "Chapel"}), place + " " + g.pick([]string{"Community Church", "Church of Christ", "United Methodist Church", "Presbyterian Church", "Mosque", "Islamic Center", "Synagogue", "Bible Church"}), "Temple " + g.pick([]string{"Beth El", "Israel", "Sinai", "Emanuel"}), "New Hope " + g.pick([]string{"Baptist", "Church", "Ministries"})})
	case "clinic":
		s = g.pick([]string{place, sur, g.pick(streetWords)}) + " " + g.pick([]string{"Family Medicine", "Counseling Center", "Counseling", "Pediatrics", "Urgent Care", "Recovery Center", "Behavioral Health", "Psychiatric Associates", "Family Practice", "Wellness Center", "Internal Medicine", "Therapy Group", "Treatment Center", "Health Center", "Dental"})
	case "court":
		s = g.pick([]string{place + " County", place, sur + " County"}) + " " + g.pick([]string{"Family Court", "Juvenile Court", "Municipal Court", "Circuit Court", "Probate Court", "Drug Court", "Children Services", "Department of Job and Family Services", "Sheriff's Office", "Jail"})
	case "daycare":
		s = g.pick([]string{"Little Sprouts", "Bright Horizons", "Kiddie Academy", "Sunshine", "Tiny Steps", "Happy Days", "Rainbow Kids", sur + "'s", "Building Blocks"}) + " " + g.pick([]string{"Daycare", "Preschool", "Child Care", "Learning Center", "Day Care"})
	case "parish":
		s = g.pick([]string{"Our Lady of " + g.pick([]string{"Peace", "Guadalupe", "Lourdes", "Mercy", "Sorrows", "the Immaculate Conception", "Perpetual Help", "Fatima", "the Lake", place}),
			"St. " + g.pick(saints) + g.pick([]string{"'s Parish", " Parish", " Episcopal", "'s Episcopal Church", " Lutheran", "'s Catholic Church", " Orthodox Church"}),
			place + " " + g.pick([]string{"Kingdom Hall", "Gurdwara", "Masjid", "Buddhist Temple", "Friends Meeting", "AME Church"})})
	case "agency":
		s = g.pick([]string{place + " County Human Services", place + " County " + g.pick([]string{"Jobs and Family Services", "Mental Health Board", "Public Health", "Children's Services", "Adult Protective Services"}),
			g.pick([]string{"Southwest", "Northeast", "Central", "Tri-County", "Valley", "Lakeshore", "Heartland", place}) + " " + g.pick([]string{"Human Development", "Community Services", "Family Services", "Behavioral Health", "Youth Services", "Legal Aid", "Housing Authority", "Food Bank", "Crisis Center", "Hospice", "Home Health", "Regional Center"}),
			"Port of " + place, "VFW Post " + fmt.Sprint(g.r.IntN(9000)+100), "Local " + fmt.Sprint(g.r.IntN(1500)+10), "American Legion Post " + fmt.Sprint(g.r.IntN(900)+1),
			"Red Cross", "the Red Cross", "Salvation Army", "Goodwill", "YMCA", "Habitat for Humanity", "Catholic Charities", "Big Brothers Big Sisters", "Boys & Girls Club",
			g.pick(g.p.first) + "'s House", "Chrysalis", "Hope House", "Safe Harbor", "New Directions Counseling", "Turning Point", "Bridges", place + " Pride Center"})
	case "business":
		s = g.pick([]string{sur + "'s", sur + "'s " + g.pick([]string{"BBQ", "Diner", "Pub", "Tavern", "Deli", "Bakery", "Garage", "Hardware", "Market", "Pizza", "Salon", "Auto"}),
			g.pick(g.p.first) + " " + sur + "'s", sur + " Brothers " + g.pick([]string{"Freight", "Trucking", "Roofing", "Construction", "Farms", "Moving"}),
			g.pick([]string{"Braum's", "Fry's", "Wegmans", "Publix", "Kohl's", "Dillard's", "Arby's", "Culver's", "Sheetz", "Wawa", "Buc-ee's", "Meijer", "Hy-Vee", "Lennar", "DaVita", "Sysco", "Safeway"}),
			titleCase(g.pick(streetWords)) + " " + g.pick([]string{"Climbing Gym", "Fitness", "CrossFit", "Yoga", "Coffee", "Brewing", "Books", "Animal Hospital", "Veterinary Clinic", "Apartments", "Senior Living", "Nursing Home", "Assisted Living"})})
	default:
		panic("train-detector: unknown organisation sort " + sort)
	}
	if g.lowerSeq {
		s = strings.ToLower(s)
	}
	d.ent(s, tagger.Organisation)
}

var saints = []string{"Mary", "Joseph", "Luke", "John", "Vincent", "Ann", "Elizabeth", "Francis", "Jude", "Anthony", "Rita", "Michael", "Patrick", "Paul", "Peter", "Catherine", "Agnes", "Rose", "Thomas", "Clare"}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
}

// titleish gives a list entry in capitals ("ALASKA NATIVE MEDICAL
// CENTER") its usual title case most of the time.
func titleish(r *rand.Rand, s string) string {
	if s != strings.ToUpper(s) || r.IntN(5) == 0 {
		return s
	}
	ws := strings.Fields(strings.ToLower(s))
	for i, w := range ws {
		if len(w) > 3 || i == 0 {
			ws[i] = titleCase(w)
		}
	}
	return strings.Join(ws, " ")
}
