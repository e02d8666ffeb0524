package notes_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/confidenotes/confide/notes"
)

// benchNotes is the reference practice's size; CONFIDE_BENCH_NOTES
// overrides it for a quicker run.
func benchNotes() int {
	if n, err := strconv.Atoi(os.Getenv("CONFIDE_BENCH_NOTES")); err == nil && n > 0 {
		return n
	}
	return 25000
}

// practice fills a store with 60 clients and n notes of about 2.5 KB;
// the first client has 400 of them. It returns the client ids and the
// vocabulary, most frequent word first.
func practice(b *testing.B, n int) (*fixture, []string, []string) {
	b.Helper()
	f := newFixture(b)
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 3000)
	syll := []string{"ka", "lo", "mi", "ren", "sa", "tor", "vi", "den", "pa", "qua", "sel", "mor", "ti", "ban", "e", "o"}
	for i := range vocab {
		var w strings.Builder
		for range 2 + rng.IntN(3) {
			w.WriteString(syll[rng.IntN(len(syll))])
		}
		vocab[i] = w.String() + strconv.Itoa(i%97)
	}
	var clients []string
	for i := range 60 {
		c, err := f.AddClient(notes.Client{Name: fmt.Sprintf("Client%d Surname%d", i, i), IntakeDate: "2016-01-01"})
		if err != nil {
			b.Fatal(err)
		}
		clients = append(clients, c.ID)
	}
	day := time.Date(2016, 1, 4, 0, 0, 0, 0, time.UTC)
	var batch []notes.Draft
	for i := range n {
		client := clients[0]
		if i >= 400 {
			client = clients[1+i%59]
		}
		var text strings.Builder
		for text.Len() < 2500 {
			// Zipf-like: low indexes are common words, high ones rare.
			text.WriteString(vocab[int(float64(len(vocab))*rng.Float64()*rng.Float64()*rng.Float64())])
			text.WriteByte(' ')
		}
		kind := notes.Kinds[i%len(notes.Kinds)]
		batch = append(batch, notes.Draft{ClientID: client, Kind: kind, Template: notes.Free,
			Session:  notes.Session{Date: day.AddDate(0, 0, i*3650/n).Format(notes.DateLayout), Start: "10:00", DurationMin: 50},
			Sections: []notes.Section{{Name: "Note", Text: text.String()}}})
		if len(batch) == 1000 || i == n-1 {
			if _, err := f.NewDrafts(batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	return f, clients, vocab
}

func reportLatencies(b *testing.B, ds []time.Duration) {
	b.Helper()
	slices.Sort(ds)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(ds[len(ds)/2]), "p50_ms")
	b.ReportMetric(ms(ds[len(ds)*95/100]), "p95_ms")
	b.ReportMetric(float64(benchNotes()), "notes")
}

// BenchmarkSearch measures ranked search with snippets over the
// reference vault, with common, middling and rare words, phrases and a
// client filter. Target: p95 under 20 ms.
func BenchmarkSearch(b *testing.B) {
	f, clients, vocab := practice(b, benchNotes())
	queries := []func(i int) (string, notes.Filter){
		func(i int) (string, notes.Filter) { return vocab[i%10], notes.Filter{Limit: 20} },
		func(i int) (string, notes.Filter) { return vocab[100+i%200], notes.Filter{Limit: 20} },
		func(i int) (string, notes.Filter) { return vocab[2000+i%900], notes.Filter{Limit: 20} },
		func(i int) (string, notes.Filter) {
			return vocab[i%50] + " " + vocab[50+i%50], notes.Filter{Limit: 20}
		},
		func(i int) (string, notes.Filter) {
			return vocab[i%30], notes.Filter{ClientID: clients[i%60], Limit: 20}
		},
		func(i int) (string, notes.Filter) { return "Surname" + strconv.Itoa(i%60), notes.Filter{Limit: 20} },
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q, filter := queries[i%len(queries)](i)
		start := time.Now()
		if _, err := f.Search(q, filter); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	reportLatencies(b, lat)
}

// BenchmarkOpenClient measures opening a client with 400 notes: the
// client with its people and units, and the note list with badges.
// Target: under 50 ms.
func BenchmarkOpenClient(b *testing.B) {
	f, clients, _ := practice(b, benchNotes())
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		if _, err := f.GetClient(clients[0]); err != nil {
			b.Fatal(err)
		}
		list, err := f.ListNotes(clients[0])
		if err != nil || len(list) != 400 {
			b.Fatalf("ListNotes = %d, %v", len(list), err)
		}
		lat = append(lat, time.Since(start))
	}
	reportLatencies(b, lat)
}

// BenchmarkUpdateDraft measures one autosave (a durable commit) on the
// reference vault.
func BenchmarkUpdateDraft(b *testing.B) {
	f, clients, _ := practice(b, benchNotes())
	n, err := f.NewDraft(notes.Draft{ClientID: clients[0], Kind: notes.Progress, Template: notes.SOAP,
		Session: notes.Session{Date: "2026-03-01"}})
	if err != nil {
		b.Fatal(err)
	}
	secs := notes.SOAP.Blank()
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		secs[0].Text = strings.Repeat("word ", 100+i%50)
		start := time.Now()
		if err := f.UpdateDraft(n.ID, secs); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	reportLatencies(b, lat)
}
