package disguise

import (
	"regexp"
	"strings"
)

// refine is the last look at the merged spans of one text: clinical
// abbreviations, codes, doses and scores are never identifiers, and a name
// followed by a school's or hospital's head word is that institution
// ("Lincoln HS"), not a person.
func refine(text string, spans []Span) []Span {
	out := spans[:0]
	for _, s := range spans {
		if s.Detector != DetectorKnown && clinicalSpan(s) {
			continue
		}
		if s.Category == Name {
			if e := facilityAfter(text, s.End); e > s.End {
				s.Category, s.End, s.Subject = Org, e, SubjectUnknown
				s.Text = text[s.Start:s.End]
			}
		}
		if s.Category == Org {
			if e := orgTailAfter(text, s.Start, s.End); e > s.End {
				s.End = e
				s.Text = text[s.Start:s.End]
			}
		}
		out = append(out, s)
	}
	// Growing a name into an institution may reach the next span.
	return normalize(text, out)
}

// cptCode matches the procedure codes of mental health notes (psychotherapy,
// testing, evaluation and management, HCPCS H and G codes).
var cptCode = regexp.MustCompile(`^(?:9[06]\d{3}|99\d{3}|[HGT]\d{4})$`)

// icdCode matches an ICD-10 diagnosis code ("F41.1", "G47.00", "Z63.0").
var icdCode = regexp.MustCompile(`^[A-TV-Z]\d{2}(?:\.\d{1,4}[A-Z]?)?$`)

// doseRE matches a dose or quantity ("100mg", "0.5 mg", "20 units").
var doseRE = regexp.MustCompile(`(?i)^\d+(?:\.\d+)?\s?(?:mg|mcg|g|ml|cc|units?|iu|meq|mmol|mg/dl|%)$`)

// clinicalSpan reports a span that is a clinical abbreviation, a drug, a
// scale, a code or a dose rather than an identifier.
func clinicalSpan(s Span) bool {
	t := strings.TrimSpace(s.Text)
	lw := strings.ToLower(strings.Trim(t, ".,;:()"))
	switch s.Category {
	case Name, Org, Location:
		if clinicalAbbrev[lw] || drugs[lw] || clinicalTerms[lw] || stopWords[lw] {
			return true
		}
		if demonyms[lw] {
			// A nationality or language, unless a person is called it:
			// "Karen" and "Christian" are common first names.
			return s.Category != Name || !demonymFirstName(lw)
		}
	case ID:
		if cptCode.MatchString(t) || icdCode.MatchString(t) || doseRE.MatchString(t) {
			return true
		}
	}
	return false
}

// orgTails are the words that end an institution's name after its head
// ("Lafayette Parish School System", "Denver Health Medical Center").
var orgTails = wordSet(strings.Fields(`system systems district department dept authority board network group services
center centre foundation association institute corporation company inc llc`))

// orgTailAfter returns where an institution's closing word right after
// byte e ends, when it is written in the same case as the organisation's
// last word ("School System", "SCHOOL SYSTEM", "school system"), or e.
func orgTailAfter(text string, start, e int) int {
	i := e
	if i >= len(text) || text[i] != ' ' {
		return e
	}
	i++
	j := i
	for j < len(text) && isWordByte(text[j]) {
		j++
	}
	if j == i || !orgTails[strings.ToLower(text[i:j])] || j < len(text) && text[j] == '\'' {
		return e
	}
	k := e
	for k > start && isWordByte(text[k-1]) {
		k--
	}
	if k == e || caseShape(text[k:e]) != caseShape(text[i:j]) {
		return e
	}
	return j
}

// caseShape is 'l' for a lower-case ASCII word, 'U' for capitals, 'T' for
// a capital and lower case, '?' otherwise.
func caseShape(w string) byte {
	up, low := 0, 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'A' && c <= 'Z':
			up++
		case c >= 'a' && c <= 'z':
			low++
		}
	}
	switch {
	case up == 0 && low > 0:
		return 'l'
	case low == 0 && up > 1:
		return 'U'
	case up > 0 && w[0] >= 'A' && w[0] <= 'Z':
		return 'T'
	}
	return '?'
}

// demonymFirstName reports a nationality, language or faith that is also a
// common first name (10,000 births or more: "Karen", "Christian").
func demonymFirstName(w string) bool {
	return getLexicon().firstCount(w) >= 10000
}

// facilityAfter returns where a school's or hospital's head word right after
// byte e ends ("Lincoln HS", "Mercy Hospital"), or e.
func facilityAfter(text string, e int) int {
	i := e
	for i < len(text) && text[i] == ' ' {
		i++
	}
	if i == e || i >= len(text) {
		return e
	}
	j := i
	for j < len(text) && (isWordByte(text[j]) || text[j] == '\'') {
		j++
	}
	w := strings.ToLower(text[i:j])
	if (strongOrgHeads[w] || orgSuffixHeads[w]) && !stopWords[w] && w != "ms" && w != "es" || w == "ms" && j-i == 2 && text[i:j] == "MS" && j < len(text) && text[j] != '.' {
		if w == "memorial" || w == "commons" || w == "hall" || w == "campus" {
			return e // "Mark Hall", a surname as often as a building
		}
		return j
	}
	return e
}
