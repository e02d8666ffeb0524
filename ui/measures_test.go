package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

// openClientTab unlocks a fresh vault with one client and shows the tab.
func openClientTab(t *testing.T, tab string) (*Confide, fyne.Window, string) {
	t.Helper()
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	c, w := start(t, Options{Dir: dir, Store: store, Now: newFakeClock().Now})
	w.Resize(fyne.NewSize(1200, 800))
	m := c.main
	if m == nil {
		t.Fatalf("not unlocked:\n%s", texts(w))
	}
	cl, err := m.notes.AddClient(notes.Client{Name: "Maria Garcia"})
	if err != nil {
		t.Fatal(err)
	}
	m.clients.load()
	m.selectClient(cl.ID)
	for i, item := range m.pane.tabs.Items {
		if item.Text == tab {
			m.pane.tabs.SelectIndex(i)
		}
	}
	if sel := m.pane.tabs.Selected(); sel == nil || sel.Text != tab {
		t.Fatalf("tab %q is not on show", tab)
	}
	return c, w, cl.ID
}

// TestGivePHQ9SeeTrendAndPrompt gives two PHQ-9s in the Measures tab, item
// by item: the chart appears with the scores, the item-9 prompt comes up,
// the client is on the attention list, and the risk assessment form takes
// the client off it.
func TestGivePHQ9SeeTrendAndPrompt(t *testing.T) {
	c, w, client := openClientTab(t, tabMeasures)
	m := c.main
	requireText(t, w, "No PHQ-9 scores yet")

	give := func(date string, answers []int) {
		t.Helper()
		tapButton(t, w, "Give a measure…")
		requireText(t, w, "Little interest or pleasure in doing things")
		radios := radioGroups(w)
		if len(radios) != 9 {
			t.Fatalf("%d item choices on the form, want 9", len(radios))
		}
		for i, r := range radios {
			r.SetSelected(r.Options[answers[i]])
		}
		setEntry(t, w, clinical.Day(c.opts.Now()), date)
		tapButton(t, w, "Save PHQ-9")
	}
	give("2026-10-01", []int{3, 3, 2, 2, 2, 2, 2, 2, 0})
	requireText(t, w, "Latest PHQ-9: 18 (moderately severe) on 2026-10-01.")
	give("2026-11-20", []int{1, 1, 1, 1, 1, 0, 1, 0, 1})
	requireDialog(t, w, "Document a risk assessment")
	requireText(t, w, "Latest PHQ-9: 7 (mild) on 2026-11-20. Since the first score: clinically significant improvement.")
	if !chartShown(w) {
		t.Error("no trend chart on the Measures tab")
	}
	ms, _ := m.consent.Clinical().Measures(client, "phq9")
	if len(ms) != 2 || ms[1].Total != 7 || len(ms[1].Flags) != 1 {
		t.Fatalf("measures stored = %+v", ms)
	}
	items, _ := m.consent.NeedsAttention("", c.opts.Now())
	if !attentionHas(items, "PHQ-9 risk item answered above 0") {
		t.Errorf("the client is not on the attention list: %+v", items)
	}

	tapButton(t, w, "Record risk assessment")
	requireText(t, w, "Risk assessment")
	var level *widget.RadioGroup
	everything(w, func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RadioGroup); ok && len(r.Options) == 4 && r.Options[0] == "low" {
			level = r
		}
	})
	level.SetSelected("low")
	typeInto(t, w, "Ideation found: passive or active, frequency, recency", "Passive thoughts, no plan or intent.")
	typeInto(t, w, "What was done", "Safety plan reviewed; crisis line given.")
	typeInto(t, w, "Who assessed", "Dr. Lee")
	tapButton(t, w, "Save risk assessment")
	items, _ = m.consent.NeedsAttention("", c.opts.Now())
	if attentionHas(items, "risk item") {
		t.Errorf("still on the attention list after the assessment: %+v", items)
	}
	requireNoText(t, w, "Record risk assessment…")
}

func radioGroups(w fyne.Window) []*widget.RadioGroup {
	var out []*widget.RadioGroup
	everything(w, func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RadioGroup); ok && r.Visible() && len(r.Options) == 4 && strings.HasPrefix(r.Options[0], "0 ") {
			out = append(out, r)
		}
	})
	return out
}

func setEntry(t *testing.T, w fyne.Window, old, text string) {
	t.Helper()
	var found *widget.Entry
	everything(w, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.Text == old {
			found = e
		}
	})
	if found == nil {
		t.Fatalf("no field holds %q", old)
	}
	found.SetText(text)
}

func typeInto(t *testing.T, w fyne.Window, placeholder, text string) {
	t.Helper()
	var found *widget.Entry
	everything(w, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == placeholder {
			found = e
		}
	})
	if found == nil {
		t.Fatalf("no field %q", placeholder)
	}
	test.Type(found, text)
}

func chartShown(w fyne.Window) bool {
	shown := false
	everything(w, func(o fyne.CanvasObject) {
		if ci, ok := o.(*canvas.Image); ok && ci.Image != nil && ci.Visible() && ci.Image.Bounds().Dx() == chartWidth {
			shown = true
		}
	})
	return shown
}

func attentionHas(items []consent.Attention, what string) bool {
	for _, it := range items {
		if strings.Contains(it.What, what) {
			return true
		}
	}
	return false
}
