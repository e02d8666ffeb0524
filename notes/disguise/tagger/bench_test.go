package tagger_test

import (
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes/disguise/tagger"
)

// benchNote is about 2.5 KB of note text in mixed styles.
var benchNote = strings.Repeat("Client reports that her husband, Daniel Reyes, moved to Dayton in March and works at Kroger. "+
	"pt seen w/ mom re: anx, dr patel increased zoloft 50->100mg; PHQ-9 of 14, GAD-7 12. f/u 2 wks @ OSU Wexner. "+
	"SPOUSE MARIA AT BEDSIDE, TRANSFERRED FROM RIVERSIDE METHODIST. Lives on Olentangy River Rd with her sister.\n", 8)

// BenchmarkTag measures the tagger alone on a 2.5 KB note; it reports
// notes/s on one goroutine.
func BenchmarkTag(b *testing.B) {
	m, err := tagger.Default()
	if err != nil {
		b.Fatal(err)
	}
	m.Tag(benchNote)
	b.SetBytes(int64(len(benchNote)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Tag(benchNote)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "notes/s")
}
