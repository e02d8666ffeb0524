package synth_test

import (
	"reflect"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/confidenotes/confide/notes/synth"
)

// Layouts of the full dates the writer puts in a note.
var dateLayouts = []string{"1/2/2006", "01/02/2006", "January 2, 2006", "2 January 2006", "2006-01-02", "1/2/06", "Jan 2, 2006"}

// Every date, month and year inside a note of a caseload belongs to that
// note's time: a date within two months of the session, a month within the
// 30 before it, a year not after it; ages are the client's on that day;
// the caseload ends before today.
func TestCaseloadNotesSpeakOfTheirOwnTime(t *testing.T) {
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	p := synth.New(1).Caseload(12, 300, today)
	if !reflect.DeepEqual(p, synth.New(1).Caseload(12, 300, today)) {
		t.Fatal("the same seed and day gave different caseloads")
	}
	year := regexp.MustCompile(`\b(19|20)\d\d\b`)
	lastOf := map[int]synth.Note{}
	checked := 0
	for _, n := range p.Notes {
		if !n.Date.Before(today) {
			t.Fatalf("a note dated %s, not before today", n.Date.Format(time.DateOnly))
		}
		if l, ok := lastOf[n.Client]; !ok || n.Date.After(l.Date) {
			lastOf[n.Client] = n
		}
		for _, sp := range n.Spans {
			text := n.Text[sp.Start:sp.End]
			switch {
			case sp.Category == synth.CatAge && !sp.Known:
				// relatives' ages are free; the client's age is written as "N-year-old"
				if n.Text[sp.End:min(sp.End+9, len(n.Text))] == "-year-old" {
					if age, _ := strconv.Atoi(text); age != p.Clients[n.Client].Age(n.Date) {
						t.Errorf("a note of %s gives the client's age as %s, want %d", n.Date.Format(time.DateOnly), text, p.Clients[n.Client].Age(n.Date))
					}
				}
			case sp.Category != synth.CatDate || sp.Known: // the date of birth is the client's own
				continue
			}
			for _, layout := range dateLayouts {
				if d, err := time.Parse(layout, text); err == nil {
					checked++
					if gap := d.Sub(n.Date).Hours() / 24; gap < -61 || gap > 61 {
						t.Errorf("a note of %s holds the date %q, %.0f days away", n.Date.Format(time.DateOnly), text, gap)
					}
				}
			}
			for _, y := range year.FindAllString(text, -1) {
				if v, _ := strconv.Atoi(y); v > n.Date.Year()+1 || v < n.Date.Year()-11 {
					t.Errorf("a note of %s speaks of the year %s (%q)", n.Date.Format(time.DateOnly), y, text)
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d full dates checked; the layouts no longer match the writer's", checked)
	}
	active := 0
	for ci, c := range p.Clients {
		last := lastOf[ci]
		days := today.Sub(last.Date).Hours() / 24
		if days <= 14 {
			active++
			if last.Kind == "termination" {
				t.Errorf("client %d, in treatment, ends with a termination note", ci)
			}
		} else if last.Kind != "termination" {
			t.Errorf("client %d, last seen %0.f days ago, has no termination note", ci, days)
		}
		if c.Minor && c.Age(last.Date) >= 18 {
			t.Errorf("client %d is a minor aged %d at the last session", ci, c.Age(last.Date))
		}
		if first := p.Notes[0]; first.Date.Before(today.AddDate(-12, 0, 0)) {
			t.Errorf("a note of %s, before the practice's years", first.Date.Format(time.DateOnly))
		}
	}
	if active != 8 {
		t.Errorf("%d clients in treatment, want 8 of 12", active)
	}
}
