package synth

import (
	"strconv"
	"strings"
	"sync"
	"time"
)

// segment is a piece of a sentence template: literal text or a placeholder.
type segment struct {
	lit string
	ph  string
}

var (
	compileOnce sync.Once
	compiled    map[string][][]segment
)

func compiledSentences() map[string][][]segment {
	compileOnce.Do(func() {
		compiled = make(map[string][][]segment, len(sentences))
		for role, list := range sentences {
			for _, s := range list {
				compiled[role] = append(compiled[role], compileTemplate(s))
			}
		}
		for _, s := range plain {
			compiled["plain"] = append(compiled["plain"], compileTemplate(s))
		}
	})
	return compiled
}

func compileTemplate(s string) []segment {
	var out []segment
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			out = append(out, segment{lit: s})
			break
		}
		if i > 0 {
			out = append(out, segment{lit: s[:i]})
		}
		j := strings.IndexByte(s[i:], '}')
		out = append(out, segment{ph: s[i+1 : i+j]})
		s = s[i+j+1:]
	}
	return out
}

// writer builds one note's text and its gold spans.
type writer struct {
	g     *Generator
	c     *Client
	date  time.Time
	buf   []byte
	spans []Span
	// choices that hold for one sentence
	rel       Person
	other     string
	otherRole string
	year      int
}

func (w *writer) lit(s string) { w.buf = append(w.buf, s...) }

func (w *writer) id(s, cat string, known bool) {
	start := len(w.buf)
	w.buf = append(w.buf, s...)
	w.spans = append(w.spans, Span{Start: start, End: len(w.buf), Category: cat, Known: known})
}

func (w *writer) sentence(segs []segment) {
	w.rel = w.c.Related[w.g.rng.IntN(len(w.c.Related))]
	w.other = w.g.pick(femaleFirst)
	if w.g.chance(0.5) {
		w.other = w.g.pick(maleFirst)
	}
	w.otherRole = w.g.pick(otherRoles)
	for _, s := range segs {
		if s.ph == "" {
			w.lit(s.lit)
		} else {
			w.fill(s.ph)
		}
	}
}

func firstWord(s string) string {
	f, _, _ := strings.Cut(s, " ")
	return f
}

func (w *writer) pronoun(she, he, they string) string {
	switch w.c.Gender {
	case "female":
		return she
	case "male":
		return he
	}
	return they
}

func (w *writer) title() string { return w.pronoun("Ms.", "Mr.", "Mx.") }

func (w *writer) fill(ph string) {
	g, c := w.g, w.c
	switch ph {
	case "C":
		switch r := g.rng.IntN(10); {
		case r < 4:
			w.id(c.First, CatName, true)
		case r < 6 && c.Preferred != "":
			w.id(c.Preferred, CatName, true)
		case r < 8:
			w.lit(w.title() + " ")
			w.id(c.Last, CatName, true)
		default:
			w.lit("Client")
		}
	case "CFULL":
		w.id(c.Name(), CatName, true)
	case "PREF":
		if c.Preferred != "" {
			w.id(c.Preferred, CatName, true)
		} else {
			w.id(c.First, CatName, true)
		}
	case "he", "He":
		w.lit(capIf(ph, w.pronoun("she", "he", "they")))
	case "his", "His":
		w.lit(capIf(ph, w.pronoun("her", "his", "their")))
	case "him":
		w.lit(w.pronoun("her", "him", "them"))
	case "pronouns":
		w.lit(c.Pronouns)
	case "gender":
		if c.Minor {
			w.lit(w.pronoun("girl", "boy", "youth"))
		} else {
			w.lit(w.pronoun("woman", "man", "person"))
		}
	case "R":
		w.lit(w.rel.Relation)
	case "RN":
		w.id(firstWord(w.rel.Name), CatName, true)
	case "RFULL":
		w.id(w.rel.Name, CatName, true)
	case "O":
		w.lit(w.otherRole)
	case "ON":
		w.id(w.other, CatName, false)
	case "DR":
		w.lit("Dr. ")
		w.id(g.pick(surnames), CatName, false)
	case "EMP":
		if c.Employer != "" {
			w.id(c.Employer, CatOrg, true)
		} else {
			w.id(g.pick(employers), CatOrg, false)
		}
	case "SCH":
		if c.School != "" {
			w.id(c.School, CatOrg, true)
		} else {
			w.id(g.pick(schools), CatOrg, false)
		}
	case "UNI":
		w.id(g.pick([]string{"Ohio State University", "University of Toledo", "Arizona State University", "Central Michigan University"}), CatOrg, false)
	case "HOSP":
		w.id(g.pick(hospitals), CatOrg, false)
	case "CITY":
		w.id(c.City, CatLocation, true)
	case "PLACE":
		ct := cities[g.rng.IntN(len(cities))]
		w.id(ct.name, CatLocation, ct.name == c.City)
		if g.chance(0.5) {
			w.lit(", ")
			w.id(ct.state, CatLocation, false)
		}
	case "ADDR":
		w.id(c.Street, CatLocation, true)
		if g.chance(0.3) {
			w.lit("\n")
		} else {
			w.lit(", ")
		}
		w.id(c.City, CatLocation, true)
		w.lit(", ")
		w.id(c.State+" "+c.ZIP, CatLocation, true)
	case "PHONE":
		w.id(c.Phone, CatPhone, true)
	case "OPHONE":
		a, b, d := 200+g.rng.IntN(780), 200+g.rng.IntN(700), g.rng.IntN(10000)
		switch g.rng.IntN(3) {
		case 0:
			w.id("("+strconv.Itoa(a)+") "+strconv.Itoa(b)+"-"+pad4(d), CatPhone, false)
		case 1:
			w.id(strconv.Itoa(a)+"-"+strconv.Itoa(b)+"-"+pad4(d), CatPhone, false)
		default:
			w.id(strconv.Itoa(a)+"."+strconv.Itoa(b)+"."+pad4(d), CatPhone, false)
		}
	case "EMAIL":
		w.id(c.Email, CatEmail, true)
	case "MRN":
		switch g.rng.IntN(3) {
		case 0:
			w.id(strconv.Itoa(10000000+g.rng.IntN(89999999)), CatID, false)
		case 1:
			w.id(string(rune('A'+g.rng.IntN(26)))+strconv.Itoa(100000+g.rng.IntN(899999)), CatID, false)
		default:
			w.id("BX"+strconv.Itoa(100+g.rng.IntN(899))+"-"+strconv.Itoa(1000+g.rng.IntN(8999)), CatID, false)
		}
	case "URL":
		w.id(g.pick([]string{"www.healingtogether-support.org", "https://griefshare-circle.net/meetings", "www.calmspace-forum.com/thread/2231"}), CatURL, false)
	case "DATE", "DATE2":
		w.id(w.dateText(w.date.AddDate(0, 0, g.rng.IntN(120)-60)), CatDate, false)
	case "DOB":
		w.id(w.dateText(c.DOB), CatDate, true)
	case "MONTHYEAR":
		d := w.date.AddDate(0, -g.rng.IntN(30), 0)
		if g.chance(0.5) {
			w.id(d.Format("January 2006"), CatDate, false)
		} else {
			w.id(d.Format("1/2006"), CatDate, false)
		}
	case "MONTH":
		w.id(w.date.AddDate(0, 1+g.rng.IntN(3), 0).Format("January"), CatDate, false)
	case "YEAR":
		w.year = w.date.Year() - 2 - g.rng.IntN(8)
		w.id(strconv.Itoa(w.year), CatDate, false)
	case "YEAR2":
		w.id(strconv.Itoa(w.year+1), CatDate, false)
	case "DAY":
		w.lit(w.date.AddDate(0, 0, -g.rng.IntN(7)).Weekday().String())
	case "HOLIDAY":
		if g.chance(0.25) {
			w.lit("the ")
			w.id("Fourth of July", CatDate, false)
		} else {
			w.id(g.pick([]string{"Thanksgiving", "Christmas", "Easter"}), CatDate, false)
		}
	case "TIME":
		h := 8 + g.rng.IntN(10)
		m := []string{"00", "15", "30", "45"}[g.rng.IntN(4)]
		if g.chance(0.5) {
			suffix := []string{" am", " a.m.", "am"}[g.rng.IntN(3)]
			if h >= 12 {
				suffix = []string{" pm", " p.m.", "pm"}[g.rng.IntN(3)]
			}
			w.id(strconv.Itoa((h-1)%12+1)+":"+m+suffix, CatDate, false)
		} else {
			w.id(strconv.Itoa(h)+":"+m, CatDate, false)
		}
	case "AGE":
		age := strconv.Itoa(c.Age(w.date))
		w.id(age, CatAge, false)
		w.lit("-year-old")
	case "RAGE":
		n := strconv.Itoa(3 + g.rng.IntN(12))
		if g.chance(0.5) {
			w.lit("age ")
			w.id(n, CatAge, false)
		} else {
			w.id(n, CatAge, false)
			w.lit(" years old")
		}
	case "n":
		w.lit(strconv.Itoa(2 + g.rng.IntN(20)))
	default:
		w.lit(ph)
	}
}

func capIf(ph, s string) string {
	if ph[0] >= 'A' && ph[0] <= 'Z' {
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

func pad4(n int) string {
	s := strconv.Itoa(n)
	return strings.Repeat("0", 4-len(s)) + s
}

// dateText writes d in one of the forms clinicians use.
func (w *writer) dateText(d time.Time) string {
	switch w.g.rng.IntN(10) {
	case 0:
		return d.Format("1/2/2006")
	case 1:
		return d.Format("01/02/2006")
	case 2:
		return d.Format("January 2, 2006")
	case 3:
		return d.Format("Jan. 2")
	case 4:
		return strconv.Itoa(d.Day()) + ordinal(d.Day()) + " of " + d.Format("January")
	case 5:
		return d.Format("2 January 2006")
	case 6:
		return d.Format("2006-01-02")
	case 7:
		return d.Format("January ") + strconv.Itoa(d.Day()) + ordinal(d.Day())
	case 8:
		return d.Format("1/2/06")
	}
	return d.Format("Jan 2, 2006")
}

func ordinal(d int) string {
	switch {
	case d%100 >= 11 && d%100 <= 13:
		return "th"
	case d%10 == 1:
		return "st"
	case d%10 == 2:
		return "nd"
	case d%10 == 3:
		return "rd"
	}
	return "th"
}
