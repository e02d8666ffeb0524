package disguise

// Detect finds the identifiers in text: every known identifier of the
// client and the people around them (known may be nil), the patterns of
// dates, numbers and addresses, and names, places and organisations from
// the gazetteer in context. Spans are sorted, non-overlapping, and carry
// byte offsets into text.
func Detect(text string, known *Known) []Span {
	return NewDetector(known).Detect(text)
}

// Detector finds identifiers for one client; build it once with
// NewDetector and use it for every note of that client. It is safe for
// concurrent use.
type Detector struct {
	known *knownIndex
	k     Known
}

// NewDetector prepares a detector for the known identifiers of one client
// (known may be nil).
func NewDetector(known *Known) *Detector {
	d := &Detector{known: newKnownIndex(known)}
	if known != nil {
		d.k = *known
	}
	return d
}

// Detect finds the identifiers in text, as the package-level Detect does.
func (d *Detector) Detect(text string) []Span {
	if text == "" {
		return nil
	}
	l := getLexicon()
	toks := tokenize(text)
	var spans []Span
	add := func(s Span) { spans = append(spans, s) }
	d.known.match(text, toks, l, add)
	findPatterns(text, toks, add)
	findNames(toks, l, add)
	findPlacesAndOrgs(toks, l, add)
	spans = normalize(text, spans)
	d.assignSubjects(spans, l)
	return spans
}

// assignSubjects marks the spans not found from Known: a name that is one
// of the client's names is the client's; any other name is a third party's.
func (d *Detector) assignSubjects(spans []Span, l *lexicon) {
	for i := range spans {
		s := &spans[i]
		if s.Subject != SubjectUnknown {
			continue
		}
		if s.Category == Name {
			s.Subject = SubjectThirdParty
		}
	}
}
