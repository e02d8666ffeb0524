package demo_test

import (
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/notes/demo"
	"github.com/confidenotes/confide/vault"
)

var today = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func fill(t *testing.T, o demo.Options) (*notes.Store, *demo.Result) {
	t.Helper()
	cs, res := furnished(t, o)
	return cs.Notes(), res
}

// furnished fills a practice, furnishes its consent records and charts
// its clinical record, as confidectl demo does.
func furnished(t *testing.T, o demo.Options) (*consent.Store, *demo.Result) {
	t.Helper()
	v, _, err := vault.Create(filepath.Join(t.TempDir(), "v"), vault.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	clock := demo.NewClock(today)
	cs, err := consent.Open(v, consent.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	res, err := demo.Fill(cs.Notes(), clock, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Furnish(cs, clock, res, o.Today); err != nil {
		t.Fatal(err)
	}
	if err := demo.Chart(cs.Clinical(), clock, res, o.Today); err != nil {
		t.Fatal(err)
	}
	return cs, res
}

func TestDefaultPracticeLooksReal(t *testing.T) {
	s, res := fill(t, demo.Options{Clients: 12, Notes: 300, Seed: 1, Drafts: 3, Unwritten: 1, Today: today})
	if res.Clients != 12 || res.Notes < 250 || res.Units != 1 || res.Signed != res.Notes-3 {
		t.Fatalf("result %+v", res)
	}
	clients, err := s.ListClients(notes.ClientFilter{})
	if err != nil {
		t.Fatal(err)
	}
	kinds, templates := map[notes.Kind]int{}, map[notes.Template]int{}
	var active, minors, withRelated int
	for _, c := range clients {
		full, err := s.GetClient(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if full.Status == notes.Active {
			active++
			if full.LastContact < today.AddDate(0, 0, -15).Format(notes.DateLayout) {
				t.Errorf("active client last seen %s", full.LastContact)
			}
		}
		if full.Minor {
			minors++
			if len(full.Guardians) == 0 {
				t.Error("a minor without a guardian")
			}
		}
		if len(full.Related) > 0 {
			withRelated++
		}
		list, err := s.ListNotes(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range list {
			kinds[n.Kind]++
			templates[n.Template]++
		}
	}
	for _, k := range notes.Kinds {
		if kinds[k] == 0 {
			t.Errorf("no %s notes", k)
		}
	}
	for _, tm := range []notes.Template{notes.SOAP, notes.DAP, notes.BIRP, notes.GIRP, notes.Free} {
		if templates[tm] == 0 {
			t.Errorf("no %s notes", tm)
		}
	}
	if active < 6 || active == len(clients) {
		t.Errorf("%d of %d clients active; want a mix, mostly active", active, len(clients))
	}
	if minors == 0 || withRelated < len(clients)/2 {
		t.Errorf("minors %d, with related people %d", minors, withRelated)
	}
	hits, err := s.Search("mother", notes.Filter{})
	if err != nil || len(hits) == 0 {
		t.Fatalf("search over the demo: %d hits, %v", len(hits), err)
	}
	if err := s.VerifyNote(hits[0].NoteID); err != nil && hits[0].Signed {
		t.Fatalf("a signed demo note does not verify: %v", err)
	}
}

func TestSameSeedSamePractice(t *testing.T) {
	texts := func() []string {
		s, _ := fill(t, demo.Options{Clients: 3, Notes: 30, Seed: 42, Today: today})
		var out []string
		clients, _ := s.ListClients(notes.ClientFilter{})
		for _, c := range clients {
			list, _ := s.ListNotes(c.ID)
			for _, sum := range list {
				n, _ := s.GetNote(sum.ID)
				out = append(out, c.Name+"|"+n.Date+"|"+n.Body())
			}
		}
		return out
	}
	a, b := texts(), texts()
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d and %d notes", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("note %d differs between two runs with the same seed", i)
		}
	}
}

func TestBadOptions(t *testing.T) {
	v, _, _ := vault.Create(filepath.Join(t.TempDir(), "v"), vault.CreateOptions{})
	defer v.Close()
	s, _ := notes.Open(v)
	if _, err := demo.Fill(s, demo.NewClock(today), demo.Options{Clients: 5, Notes: 2}); err == nil {
		t.Fatal("fewer notes than clients was accepted")
	}
}

// The demo as the app shows it: every signed note names its clinician and
// a session note has its session; no note speaks of a date far from its
// own session (the date of birth aside); the start page has a short list
// of each kind of thing to do, not a wall.
func TestDemoPracticeIsLivedIn(t *testing.T) {
	cs, res := furnished(t, demo.Options{Clients: 12, Notes: 300, Seed: 1, Drafts: 3, Unwritten: 1, Today: today})
	s := cs.Notes()
	fullDate := regexp.MustCompile(`\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\b`)
	layouts := []string{"1/2/2006", "2006-01-02", "January 2, 2006"}
	checked := 0
	for _, id := range res.ClientIDs {
		c, err := s.GetClient(id)
		if err != nil {
			t.Fatal(err)
		}
		dob, _ := notes.ParseDate(c.DOB)
		list, err := s.ListNotes(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, sum := range list {
			n, err := s.GetNote(sum.ID)
			if err != nil {
				t.Fatal(err)
			}
			if n.Signed() && n.SignedBy != "Jane Porter, LCSW" {
				t.Errorf("a signed demo note by %q", n.SignedBy)
			}
			if n.Signed() && n.Kind.IsSession() && n.Session.Missing() != nil {
				t.Errorf("a signed session note without %v", n.Session.Missing())
			}
			session, _ := notes.ParseDate(n.Date)
			for _, m := range fullDate.FindAllString(n.Body(), -1) {
				for _, l := range layouts {
					d, err := time.Parse(l, m)
					if err != nil || d.Equal(dob) {
						continue
					}
					checked++
					if gap := d.Sub(session).Hours() / 24; gap < -61 || gap > 61 {
						t.Errorf("a note of %s speaks of %s", n.Date, m)
					}
				}
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d dates in the notes checked", checked)
	}
	items, err := cs.NeedsAttention("", today.Add(12*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, a := range items {
		kinds[a.Kind]++
	}
	want := map[string]int{consent.AttentionDraft: 3, consent.AttentionUnwritten: 1, consent.AttentionConsent: 2,
		consent.AttentionAuthorization: 2, consent.AttentionRequest: 1}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%d %s items on the start page, want %d (all: %v)", kinds[k], k, n, kinds)
		}
	}
	if len(items) > 12 {
		t.Errorf("%d items need attention: a wall, not a list", len(items))
	}
	if res.Authorizations < 5 || res.Consents < 18 {
		t.Errorf("the demo has %d authorizations and %d consents; want most clients covered", res.Authorizations, res.Consents)
	}
}
