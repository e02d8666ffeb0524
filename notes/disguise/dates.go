package disguise

import (
	"strconv"
	"strings"
	"time"
)

var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// dateParts is a date as written: which of day, month and year it holds,
// and how, so that a shifted date can be written the same way.
type dateParts struct {
	year, month, day int
	layout           string // a time.Format layout reproducing the written form
}

// ParseDate reads a date in the common written forms: 2021-03-14,
// 3/14/2021, 3-14-21, 14.03.2021, March 14, 2021, 14 March 2021,
// Mar 14th. It reports false when s holds no full date.
func ParseDate(s string) (time.Time, bool) {
	p, ok := parseDateParts(s)
	if !ok || p.year == 0 || p.day == 0 || p.month == 0 {
		return time.Time{}, false
	}
	return time.Date(p.year, time.Month(p.month), p.day, 0, 0, 0, 0, time.UTC), true
}

func parseDateParts(s string) (dateParts, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	var p dateParts
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\n' })
	// Numeric forms.
	if len(f) == 1 && strings.HasPrefix(s, "'") || len(f) == 1 && strings.HasPrefix(s, "’") {
		if y, err := strconv.Atoi(strings.TrimLeft(s, "'’")); err == nil && y < 100 {
			y += 2000
			if y > time.Now().Year() {
				y -= 100
			}
			return dateParts{year: y, layout: "'06"}, true
		}
		return p, false
	}
	if len(f) == 1 && strings.IndexAny(s, "0123456789") >= 0 {
		sep := ""
		for _, c := range []string{"/", "-", "."} {
			if strings.Contains(s, c) {
				sep = c
				break
			}
		}
		if sep == "" {
			if y, err := strconv.Atoi(s); err == nil && len(s) == 4 {
				return dateParts{year: y, layout: "2006"}, true
			}
			return p, false
		}
		n := strings.Split(s, sep)
		v := make([]int, len(n))
		for i, x := range n {
			a, err := strconv.Atoi(x)
			if err != nil {
				return p, false
			}
			v[i] = a
		}
		pad := len(n[0]) == 2 && n[0][0] == '0' || len(n) > 1 && len(n[1]) == 2 && n[1][0] == '0'
		switch {
		case len(n) == 3 && len(n[0]) == 4:
			p = dateParts{year: v[0], month: v[1], day: v[2], layout: "2006" + sep + "01" + sep + "02"}
		case len(n) == 3:
			y := v[2]
			yl := "2006"
			if len(n[2]) == 2 {
				y += 1900
				if y < 1930 {
					y += 100
				}
				yl = "06"
			}
			m, d, ml, dl := v[0], v[1], "1", "2"
			if m > 12 || sep == "." { // day first
				m, d = v[1], v[0]
			}
			if pad {
				ml, dl = "01", "02"
			}
			if m > 12 || sep == "." {
				p = dateParts{year: y, month: m, day: d, layout: dl + sep + ml + sep + yl}
			} else {
				p = dateParts{year: y, month: m, day: d, layout: ml + sep + dl + sep + yl}
			}
		case len(n) == 2 && len(n[1]) == 4:
			p = dateParts{year: v[1], month: v[0], layout: "1" + sep + "2006"}
		case len(n) == 2:
			p = dateParts{month: v[0], day: v[1], layout: "1" + sep + "2"}
		default:
			return p, false
		}
		return p, validParts(p)
	}
	// Forms with a month name.
	layoutParts := make([]string, 0, len(f))
	for _, w := range f {
		lw := strings.ToLower(strings.TrimSuffix(w, "."))
		if m, ok := monthNames[lw]; ok && p.month == 0 {
			p.month = int(m)
			switch {
			case strings.EqualFold(lw, m.String()):
				layoutParts = append(layoutParts, "January")
			case strings.HasSuffix(w, "."):
				layoutParts = append(layoutParts, "Jan.")
			default:
				layoutParts = append(layoutParts, "Jan")
			}
			continue
		}
		if lw == "of" || lw == "the" {
			layoutParts = append(layoutParts, lw)
			continue
		}
		num := strings.TrimRight(lw, "stndrh")
		num = strings.TrimPrefix(num, "'")
		v, err := strconv.Atoi(num)
		if err != nil {
			return p, false
		}
		switch {
		case len(num) == 4 || strings.HasPrefix(lw, "'") && p.year == 0:
			if len(num) == 2 {
				v += 2000
				if v > time.Now().Year() {
					v -= 100
				}
			}
			p.year = v
			layoutParts = append(layoutParts, "2006")
		case p.day == 0 && v >= 1 && v <= 31:
			p.day = v
			if num != lw {
				layoutParts = append(layoutParts, "2nd")
			} else {
				layoutParts = append(layoutParts, "2")
			}
		default:
			return p, false
		}
	}
	if p.month == 0 {
		return p, false
	}
	p.layout = strings.Join(layoutParts, " ")
	// Keep the comma of "March 3, 2021".
	if strings.Contains(s, ",") && p.year != 0 && p.day != 0 {
		p.layout = strings.Replace(p.layout, " 2006", ", 2006", 1)
	}
	return p, validParts(p)
}

func validParts(p dateParts) bool {
	return p.month >= 0 && p.month <= 12 && p.day >= 0 && p.day <= 31 && (p.year == 0 || p.year >= 1800 && p.year <= 2200)
}

// format writes t in the layout of p, with ordinals spelled as written.
func (p dateParts) format(t time.Time) string {
	layout := p.layout
	ord := strings.Contains(layout, "2nd")
	if ord {
		layout = strings.Replace(layout, "2nd", "2", 1)
	}
	out := t.Format(layout)
	if ord {
		d := strconv.Itoa(t.Day())
		out = strings.Replace(out, d, d+ordinalSuffix(t.Day()), 1)
	}
	return out
}

func ordinalSuffix(d int) string {
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
