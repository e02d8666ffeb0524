package disguise_test

import (
	"testing"

	"github.com/confidenotes/confide/notes/disguise"
	"github.com/confidenotes/confide/notes/synth"
)

type benchNote struct {
	text  string
	known *disguise.Known
}

func benchNotes(b *testing.B) []benchNote {
	b.Helper()
	p := synth.New(7).Practice(20, 200)
	out := make([]benchNote, len(p.Notes))
	for i, n := range p.Notes {
		out[i] = benchNote{n.Text, knownOf(p.Clients[n.Client])}
	}
	disguise.Detect("warm up the word lists", nil)
	return out
}

// BenchmarkDetect measures detection of synthetic 2.5 KB notes with the
// client's known identifiers, on one goroutine; it reports notes/s.
func BenchmarkDetect(b *testing.B) {
	notes := benchNotes(b)
	dets := make([]*disguise.Detector, len(notes))
	for i, n := range notes {
		dets[i] = disguise.NewDetector(n.known)
	}
	bytes := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := i % len(notes)
		bytes += len(notes[n].text)
		dets[n].Detect(notes[n].text)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "notes/s")
	b.ReportMetric(float64(bytes)/float64(b.N), "bytes/note")
}

// BenchmarkDisguise measures detection plus the consultation profile on
// synthetic notes; it reports ms/note (the product target is under 5 ms).
func BenchmarkDisguise(b *testing.B) {
	notes := benchNotes(b)
	m := disguise.NewMapping(disguise.Consultation, 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := notes[i%len(notes)]
		m.Disguise(n.text, n.known)
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/note")
}
