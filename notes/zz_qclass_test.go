package notes_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/confidenotes/confide/notes"
)

func BenchmarkQueryClasses(b *testing.B) {
	f, clients, vocab := practice(b, benchNotes())
	classes := map[string]func(i int) (string, notes.Filter){
		"top10":     func(i int) (string, notes.Filter) { return vocab[i%10], notes.Filter{Limit: 20} },
		"mid":       func(i int) (string, notes.Filter) { return vocab[100+i%200], notes.Filter{Limit: 20} },
		"rare":      func(i int) (string, notes.Filter) { return vocab[2000+i%900], notes.Filter{Limit: 20} },
		"two":       func(i int) (string, notes.Filter) { return vocab[i%50] + " " + vocab[50+i%50], notes.Filter{Limit: 20} },
		"client":    func(i int) (string, notes.Filter) { return vocab[i%30], notes.Filter{ClientID: clients[i%60], Limit: 20} },
		"name":      func(i int) (string, notes.Filter) { return fmt.Sprint("Surname", i%60), notes.Filter{Limit: 20} },
	}
	for name, q := range classes {
		var lat []time.Duration
		for i := range 60 {
			qs, fl := q(i)
			st := time.Now()
			hits, _ := f.Search(qs, fl)
			lat = append(lat, time.Since(st))
			_ = hits
		}
		slices.Sort(lat)
		b.Logf("%-8s p50 %v p95 %v max %v", name, lat[30], lat[57], lat[59])
	}



}
