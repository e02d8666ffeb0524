package disguise

import (
	"slices"
	"strings"
)

// Category names the kind of identifier a span holds.
type Category string

// The categories a span can carry; they follow the HIPAA Safe Harbor list,
// grouped the way the detect command reports them.
const (
	Name     Category = "NAME"
	Date     Category = "DATE"
	Age      Category = "AGE"
	Location Category = "LOCATION"
	Phone    Category = "PHONE"
	Email    Category = "EMAIL"
	ID       Category = "ID"
	URL      Category = "URL"
	Org      Category = "ORG"
	Other    Category = "OTHER"
)

// Subject says whose identifier a span is, when the detector can tell.
type Subject string

// Subjects: the client (from Known.Names and the client's own details), a
// third party (related people, other members, names found in the text that
// are not the client's), or unknown.
const (
	SubjectUnknown    Subject = ""
	SubjectClient     Subject = "client"
	SubjectThirdParty Subject = "third-party"
)

// Detectors that can report a span.
const (
	DetectorKnown     = "known"
	DetectorPattern   = "pattern"
	DetectorGazetteer = "gazetteer"
	DetectorContext   = "context"
)

// Span is one identifier found in a text. Start and End are BYTE offsets
// into the text (End exclusive); DetectJSONLines converts them to code
// points for the detect command.
type Span struct {
	Start      int      `json:"start"`
	End        int      `json:"end"`
	Category   Category `json:"category"`
	Detector   string   `json:"detector"`
	Confidence float64  `json:"confidence"`
	Subject    Subject  `json:"subject,omitempty"`
	Text       string   `json:"text"`
}

// rank orders detectors by trust: a known identifier wins a conflict.
func rank(d string) int {
	switch d {
	case DetectorKnown:
		return 3
	case DetectorPattern:
		return 2
	case DetectorContext:
		return 1
	}
	return 0
}

func better(a, b Span) bool {
	// An identifier inside a larger one (a name inside an email address or
	// a hospital's name) takes the category of the larger one.
	if a.Start <= b.Start && a.End >= b.End && a.End-a.Start > b.End-b.Start {
		return true
	}
	if b.Start <= a.Start && b.End >= a.End && b.End-b.Start > a.End-a.Start {
		return false
	}
	if rank(a.Detector) != rank(b.Detector) {
		return rank(a.Detector) > rank(b.Detector)
	}
	if a.End-a.Start != b.End-b.Start {
		return a.End-a.Start > b.End-b.Start
	}
	return a.Confidence > b.Confidence
}

// normalize sorts spans, merges overlapping ones (keeping the category of
// the more trusted, then longer span), joins adjacent parts of one name or
// place, and fills in Text. The result is sorted and non-overlapping.
func normalize(text string, spans []Span) []Span {
	if len(spans) == 0 {
		return nil
	}
	slices.SortFunc(spans, func(a, b Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	out := spans[:0:0]
	for _, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			continue
		}
		if n := len(out); n > 0 {
			last := &out[n-1]
			if s.Start < last.End || (s.Category == last.Category && joinable(s.Category, text[last.End:s.Start])) {
				merged := *last
				if better(s, *last) {
					merged = s
				}
				merged.Start = last.Start
				merged.End = max(last.End, s.End)
				if last.Subject != s.Subject && s.Start < last.End {
					merged.Subject = mergeSubject(*last, s)
				}
				*last = merged
				continue
			}
		}
		out = append(out, s)
	}
	for i := range out {
		out[i].Text = text[out[i].Start:out[i].End]
	}
	return out
}

// mergeSubject decides whose two overlapping spans are: a known name that
// holds the other is more specific ("Dana Smith", the mother, over the
// "Smith" the client shares with her); otherwise the client's.
func mergeSubject(a, b Span) Subject {
	if a.Subject != SubjectUnknown && b.Subject != SubjectUnknown && a.Detector == DetectorKnown && b.Detector == DetectorKnown {
		switch {
		case a.Start <= b.Start && a.End >= b.End && a.End-a.Start > b.End-b.Start:
			return a.Subject
		case b.Start <= a.Start && b.End >= a.End && b.End-b.Start > a.End-a.Start:
			return b.Subject
		}
	}
	return pickSubject(a.Subject, b.Subject)
}

func pickSubject(a, b Subject) Subject {
	if a == SubjectClient || b == SubjectClient {
		return SubjectClient
	}
	if a == SubjectThirdParty || b == SubjectThirdParty {
		return SubjectThirdParty
	}
	return SubjectUnknown
}

// joinable reports whether two spans of category c separated by gap are
// parts of one identifier ("Maria" + " " + "Lopez", "Dayton" + ", " + "OH").
func joinable(c Category, gap string) bool {
	if gap == "" {
		return true
	}
	if len(gap) > 2 || strings.ContainsAny(gap, "\n\r") {
		return false
	}
	switch c {
	case Name:
		return strings.Trim(gap, " -.\"“”") == "" && gap != ". " // "DEVONTE "TAY" HARRIS"
	case Location, Date, Phone, ID, Org:
		return strings.Trim(gap, " -,") == ""
	}
	return false
}

// Normalize sorts spans, drops those outside text, merges overlapping ones
// and fills in Text: what Apply expects of spans a clinician has edited.
func Normalize(text string, spans []Span) []Span {
	return normalize(text, append([]Span(nil), spans...))
}
