package consent_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/notes/synth"
	"github.com/confidenotes/confide/vault"
)

// benchClient makes a client with n signed notes of about 2.5 KB each,
// written by the synthetic practice generator (names, places and numbers
// included, so that the detector has its usual work).
func benchClient(tb testing.TB, n int) (*consent.Store, string) {
	tb.Helper()
	clock := func() time.Time { return testNow }
	v, _, err := vault.Create(filepath.Join(tb.TempDir(), "vault"), vault.CreateOptions{}, vault.Clock(clock))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { v.Close() })
	s, err := consent.Open(v, consent.WithClock(clock))
	if err != nil {
		tb.Fatal(err)
	}
	p := synth.New(7).Practice(1, n)
	sc := p.Clients[0]
	c, err := s.Notes().AddClient(notes.Client{Name: sc.Name(), Preferred: sc.Preferred, DOB: sc.DOB.Format(notes.DateLayout),
		Phones: []string{sc.Phone}, Emails: []string{sc.Email}, Addresses: []string{sc.Address()}, Employer: sc.Employer})
	if err != nil {
		tb.Fatal(err)
	}
	drafts := make([]notes.Draft, len(p.Notes))
	for i, sn := range p.Notes {
		drafts[i] = notes.Draft{ClientID: c.ID, Kind: notes.Progress, Session: notes.Session{Date: sn.Date.Format(notes.DateLayout), Start: "10:00", DurationMin: 50, ServiceCode: "90834"},
			Sections: []notes.Section{{Name: "Note", Text: sn.Text}}}
	}
	made, err := s.Notes().NewDrafts(drafts)
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range made {
		if _, err := s.Notes().Sign(d.ID); err != nil {
			tb.Fatal(err)
		}
	}
	return s, c.ID
}

// BenchmarkRelease200 is the figure of docs/design.md: a 200-note release PDF
// in under 3 s (detection, redaction and the PDF, in memory).
func BenchmarkRelease200(b *testing.B) {
	s, client := benchClient(b, 200)
	b.ResetTimer()
	var total time.Duration
	for b.Loop() {
		d, n, err := consent.BenchRelease(s, client, 200)
		if err != nil {
			b.Fatal(err)
		}
		if n != 200 {
			b.Fatalf("released %d notes, want 200", n)
		}
		total += d
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/release")
}

func TestBenchReleaseTakesTheLatestNotes(t *testing.T) {
	s, client := benchClient(t, 30)
	tests := []struct {
		name     string
		n        int
		min, max int
	}{
		{"ten of thirty", 10, 10, 12},
		{"all", 0, 30, 30},
	}
	for _, tt := range tests {
		d, got, err := consent.BenchRelease(s, client, tt.n)
		if err != nil || d <= 0 || got < tt.min || got > tt.max {
			t.Errorf("%s: %d notes in %v (%v), want %d to %d", tt.name, got, d, err, tt.min, tt.max)
		}
	}
}
