package notes

import (
	"fmt"
	"strings"
)

// Kind is what a note is for. The values are the names confidectl uses.
type Kind string

// Note kinds. An addendum has the kind of the note it corrects, so that a
// correction to a psychotherapy note is kept apart with it.
const (
	Intake        Kind = "intake"
	Progress      Kind = "progress"
	TreatmentPlan Kind = "treatment-plan"
	Contact       Kind = "contact"
	Termination   Kind = "termination"
	Psychotherapy Kind = "psychotherapy" // HIPAA 45 CFR 164.501 psychotherapy notes
	Other         Kind = "other"
)

// Kinds lists the kinds a user can choose, in menu order.
var Kinds = []Kind{Intake, Progress, TreatmentPlan, Contact, Termination, Psychotherapy, Other}

// ParseKind checks a kind name.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("%w: kind must be one of intake, progress, treatment-plan, contact, termination, psychotherapy, other", ErrInvalid)
}

// Template is the section structure of a note.
type Template string

// Templates. Free has one section.
const (
	SOAP Template = "soap"
	DAP  Template = "dap"
	BIRP Template = "birp"
	GIRP Template = "girp"
	Free Template = "free"
)

var templateSections = map[Template][]string{
	SOAP: {"Subjective", "Objective", "Assessment", "Plan"},
	DAP:  {"Data", "Assessment", "Plan"},
	BIRP: {"Behavior", "Intervention", "Response", "Plan"},
	GIRP: {"Goals", "Intervention", "Response", "Plan"},
	Free: {"Note"},
}

// ParseTemplate checks a template name.
func ParseTemplate(s string) (Template, error) {
	if _, ok := templateSections[Template(s)]; ok {
		return Template(s), nil
	}
	return "", fmt.Errorf("%w: template must be one of soap, dap, birp, girp, free", ErrInvalid)
}

// SectionNames returns the names of the template's sections, in order.
func (t Template) SectionNames() []string { return append([]string(nil), templateSections[t]...) }

// Section is one named part of a note.
type Section struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// Blank returns the template's sections with no text: a new draft.
func (t Template) Blank() []Section {
	var out []Section
	for _, n := range templateSections[t] {
		out = append(out, Section{Name: n})
	}
	return out
}

// checkSections requires exactly the template's sections, in order.
// MaxNoteBytes bounds a note's (or an addendum's) text: 2 MB, some
// four hundred pages, far past any session note, and small enough that
// every later step (search, disguise, release) stays quick.
const MaxNoteBytes = 2 << 20

// ErrTooLarge means a note's text is longer than MaxNoteBytes.
var ErrTooLarge = fmt.Errorf("%w: the note is longer than 2 MB; split it into several notes", ErrInvalid)

// checkSize refuses text longer than MaxNoteBytes.
func checkSize(secs []Section) error {
	n := 0
	for _, s := range secs {
		n += len(s.Text)
	}
	if n > MaxNoteBytes {
		return ErrTooLarge
	}
	return nil
}

func (t Template) checkSections(secs []Section) error {
	if err := checkSize(secs); err != nil {
		return err
	}
	names := templateSections[t]
	if len(secs) != len(names) {
		return fmt.Errorf("%w: template %s has %d sections, got %d", ErrInvalid, t, len(names), len(secs))
	}
	for i, s := range secs {
		if s.Name != names[i] {
			return fmt.Errorf("%w: section %d of template %s is %s", ErrInvalid, i+1, t, names[i])
		}
	}
	return nil
}

// ParseBody splits plain text into the template's sections. A line that is
// a section name or its initial followed by a colon ("Subjective:", "S:"),
// or a Markdown heading with the name ("## Plan"), starts that section; the
// rest of such a line belongs to it. Text before any heading goes to the
// first section. Free notes keep the text whole.
func (t Template) ParseBody(text string) []Section {
	secs := t.Blank()
	if t == Free || len(secs) == 0 {
		if len(secs) == 1 {
			secs[0].Text = strings.TrimSpace(text)
		}
		return secs
	}
	cur := 0
	parts := make([][]string, len(secs))
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if i, rest, ok := t.heading(line); ok {
			cur = i
			line = rest
			if strings.TrimSpace(rest) == "" {
				continue
			}
		}
		parts[cur] = append(parts[cur], line)
	}
	for i := range secs {
		secs[i].Text = strings.TrimSpace(strings.Join(parts[i], "\n"))
	}
	return secs
}

func (t Template) heading(line string) (int, string, bool) {
	l := strings.TrimSpace(line)
	if strings.HasPrefix(l, "#") {
		name := strings.TrimSpace(strings.TrimLeft(l, "#"))
		for i, n := range templateSections[t] {
			if strings.EqualFold(name, n) {
				return i, "", true
			}
		}
		return 0, "", false
	}
	head, rest, ok := strings.Cut(l, ":")
	if !ok {
		return 0, "", false
	}
	head = strings.TrimSpace(head)
	for i, n := range templateSections[t] {
		if strings.EqualFold(head, n) || (len(head) == 1 && strings.EqualFold(head, n[:1])) {
			return i, strings.TrimSpace(rest), true
		}
	}
	return 0, "", false
}

// renderBody is the sections as plain text, each under its name (the name
// is left out for a single-section note).
func renderBody(secs []Section) string {
	body, _ := layoutOf(secs)
	return body
}

// sectionSpan locates one section's text inside a note's body: the stored
// structure of a note. The text itself is stored once, in the body, which
// the search index also reads.
type sectionSpan struct {
	Name  string `json:"n"`
	Start int    `json:"s"`
	End   int    `json:"e"`
}

// layoutOf renders the body and the byte spans of each section's text in it.
func layoutOf(secs []Section) (string, []sectionSpan) {
	spans := make([]sectionSpan, len(secs))
	if len(secs) == 1 {
		spans[0] = sectionSpan{Name: secs[0].Name, Start: 0, End: len(secs[0].Text)}
		return secs[0].Text, spans
	}
	var b strings.Builder
	for i, s := range secs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(s.Name)
		b.WriteString(":\n")
		start := b.Len()
		b.WriteString(s.Text)
		spans[i] = sectionSpan{Name: s.Name, Start: start, End: b.Len()}
	}
	return b.String(), spans
}

// sectionsOf cuts a stored body back into its sections.
func sectionsOf(body string, spans []sectionSpan) ([]Section, error) {
	out := make([]Section, len(spans))
	prev := 0
	for i, sp := range spans {
		if sp.Start < prev || sp.End < sp.Start || sp.End > len(body) {
			return nil, fmt.Errorf("section %d is out of range", i+1)
		}
		out[i] = Section{Name: sp.Name, Text: body[sp.Start:sp.End]}
		prev = sp.End
	}
	return out, nil
}
