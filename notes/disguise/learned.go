package disguise

import (
	"math"

	"github.com/confidenotes/confide/notes/disguise/tagger"
)

// DetectorModel names spans found by the learned tagger.
const DetectorModel = "model"

// learnedMinMargin is the least margin (the tagger's preference for an
// entity over none, in its score units) at which a tagger entity becomes
// a span. It was chosen on the held-out splits of the tagger's training
// corpora (assets/detector/FIGURES.md), never on the development notes.
const learnedMinMargin = 1.0

// addLearned adds the tagger's people, places and organisations to the
// rules' candidate spans. The two are combined by union, with the rules
// keeping what they own: a tagger entity that overlaps a structured
// identifier the patterns found (a date, phone, email, URL, ID, age) is
// left to the patterns, since a name-shaped guess inside "Jan 3" or an
// email address adds no recall and loses precision. Everything else is
// added, and normalize merges overlaps, the more trusted or longer span
// deciding the category.
func addLearned(text string, spans []Span) []Span {
	m, err := tagger.Default()
	if err != nil {
		return spans // a build defect the tagger's tests catch; the rules still run
	}
	structured := len(spans)
	for _, e := range m.Tag(text) {
		if e.Margin < learnedMinMargin || overlapsStructured(spans[:structured], e.Start, e.End) {
			continue
		}
		spans = append(spans, Span{
			Start: e.Start, End: e.End, Category: categoryOf(e.Kind),
			Detector: DetectorModel, Confidence: marginConfidence(e.Margin),
		})
	}
	return spans
}

func categoryOf(k tagger.Kind) Category {
	switch k {
	case tagger.Person:
		return Name
	case tagger.Location:
		return Location
	}
	return Org
}

// overlapsStructured reports whether [start, end) overlaps a span of a
// category the patterns own.
func overlapsStructured(spans []Span, start, end int) bool {
	for _, s := range spans {
		if s.Start >= end || start >= s.End {
			continue
		}
		switch s.Category {
		case Date, Age, Phone, Email, ID, URL, Other:
			return true
		}
	}
	return false
}

// marginConfidence maps a margin to [0.5, 1): margins on held-out text
// run from about 1 to 100, and a margin of 10 gives about 0.8.
func marginConfidence(margin float64) float64 {
	return 1 - 0.5*math.Exp(-margin/10)
}
