package clinical_test

import (
	"testing"

	"github.com/confidenotes/confide/consent"
)

// TestAttentionListCarriesClinicalItems: the practice's attention list
// (consent.NeedsAttention, which the main window and 'confidectl
// attention' show) holds the clinical record's items.
func TestAttentionListCarriesClinicalItems(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	f.give(t, c, "phq9", "2026-03-13", 0, 0, 0, 0, 0, 0, 0, 0, 2)
	cs, err := consent.Open(f.v, consent.WithClock(f.clock.now))
	if err != nil {
		t.Fatal(err)
	}
	items, err := cs.NeedsAttention("", f.clock.now())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range items {
		if it.ClientID == c && it.What == "PHQ-9 risk item answered above 0: document a risk assessment" && it.Overdue {
			found = true
		}
	}
	if !found {
		t.Errorf("attention list = %+v", items)
	}
}
