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

// TestMeasuresTabOpensOnTheLatestInstrument: a client given only the
// PCL-5, on a schedule, sees the PCL-5's trend when the tab opens, not an
// empty PHQ-9, and the schedule by the instrument's name.
func TestMeasuresTabOpensOnTheLatestInstrument(t *testing.T) {
	c, w, _ := openClientTab(t, tabNotes)
	m := c.main
	clin := m.consent.Clinical()
	cl, err := m.notes.AddClient(notes.Client{Name: "Ray Ortiz"})
	if err != nil {
		t.Fatal(err)
	}
	client := cl.ID
	for i, date := range []string{"2026-09-01", "2026-10-01", "2026-11-01"} {
		total := 50 - 8*i
		if _, err := clin.Give(clinical.Given{ClientID: client, Instrument: "pcl5", Date: date, Total: &total, GivenBy: "Dr. Lee"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := clin.SetSchedule(clinical.Schedule{ClientID: client, Instrument: "pcl5", EverySessions: 4, Start: "2026-09-01"}); err != nil {
		t.Fatal(err)
	}
	m.clients.load()
	m.selectClient(client)
	for i, item := range m.pane.tabs.Items {
		if item.Text == tabMeasures {
			m.pane.tabs.SelectIndex(i)
		}
	}
	requireText(t, w, "Latest PCL-5: 34")
	requireText(t, w, "Schedule: PCL-5 every 4 sessions")
	if strings.Contains(allText(w), "No PHQ-9 scores yet") {
		t.Errorf("the tab opened on the PHQ-9, which the client was never given:\n%s", allText(w))
	}
}

// A repeat schedule is set, changed and stopped from the Measures tab: a
// refused one is asked for again with what was typed; a monthly PHQ-9
// never given since its start is due at once and on the attention list;
// the form opens with what is set; a second one is counted in sessions
// from a later start; stopping one leaves the other.
func TestMeasuresTabSetsAndStopsASchedule(t *testing.T) {
	c, w, client := openClientTab(t, tabMeasures)
	m := c.main
	clin := m.consent.Clinical()
	fields := func() (instrument *keySelect, every *keyEntry, units *keySelect, start *keyEntry) {
		t.Helper()
		requireDialog(t, w, "Repeat a measure")
		fs, _ := dialogFields(w.Canvas().Overlays().Top().(*widget.PopUp))
		if len(fs) != 4 {
			t.Fatalf("the schedule form has %d fields, want 4", len(fs))
		}
		return fs[0].(*keySelect), fs[1].(*keyEntry), fs[2].(*keySelect), fs[3].(*keyEntry)
	}
	tapButton(t, w, "Repeat a measure…")
	instrument, every, units, start := fields()
	if instrument.Selected != "PHQ-9" || every.Text != "4" || units.Selected != everySessions || start.Text != "2026-11-23" {
		t.Fatalf("the form starts with %q every %q %q from %q", instrument.Selected, every.Text, units.Selected, start.Text)
	}
	every.SetText("0")
	units.SetSelected(everyMonths)
	tapButton(t, w, "Set schedule")
	requireDialogText(t, w, "Type how often as a whole number above 0, such as 4.")
	_, every, units, start = fields()
	if every.Text != "0" || units.Selected != everyMonths {
		t.Fatalf("the refused form came back with every %q %q", every.Text, units.Selected)
	}
	if scs, _ := clin.Schedules(client); len(scs) != 0 {
		t.Fatalf("a refused schedule was kept: %+v", scs)
	}
	every.SetText("1")
	start.SetText("2026-09-01")
	w.Canvas().Focus(start)
	start.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter sets it
	if w.Canvas().Overlays().Top() != nil {
		t.Fatalf("Enter left the form open: %s", dialogText(w))
	}
	scs, _ := clin.Schedules(client)
	if len(scs) != 1 || scs[0].Instrument != "phq9" || scs[0].EveryMonths != 1 || scs[0].EverySessions != 0 || scs[0].Start != "2026-09-01" {
		t.Fatalf("schedules kept: %+v", scs)
	}
	requireText(t, w, "Schedule: PHQ-9 monthly: due now")
	items, _ := m.consent.NeedsAttention("", c.opts.Now())
	if !attentionHas(items, "PHQ-9 is due (monthly)") {
		t.Errorf("the measure due is not on the attention list: %+v", items)
	}

	// The form opens with what is set; a GAD-7 every 3 sessions beside it.
	tapButton(t, w, "Repeat a measure…")
	instrument, every, units, start = fields()
	if every.Text != "1" || units.Selected != everyMonths || start.Text != "2026-09-01" {
		t.Fatalf("the form shows every %q %q from %q, not what is set", every.Text, units.Selected, start.Text)
	}
	instrument.SetSelected("GAD-7")
	every.SetText("3")
	units.SetSelected(everySessions)
	start.SetText("2026-12-01") // from next week: no baseline due yet
	tapButton(t, w, "Set schedule")
	requireText(t, w, "Schedule: GAD-7 every 3 sessions: due in 3 sessions")
	if scs, _ = clin.Schedules(client); len(scs) != 2 || scs[0].Instrument != "gad7" || scs[0].EverySessions != 3 {
		t.Fatalf("schedules kept: %+v", scs)
	}

	// Stopping the PHQ-9's leaves the GAD-7's.
	var stop *widget.Button
	everything(w, func(o fyne.CanvasObject) {
		box, ok := o.(*fyne.Container)
		if !ok || len(box.Objects) != 2 {
			return
		}
		l, isLabel := box.Objects[0].(*widget.Label)
		b, isButton := box.Objects[1].(*widget.Button)
		if isLabel && isButton && strings.HasPrefix(l.Text, "Schedule: PHQ-9") && b.Text == "Stop repeating" {
			stop = b
		}
	})
	if stop == nil {
		t.Fatal("no Stop repeating beside the PHQ-9's schedule")
	}
	test.Tap(stop)
	if scs, _ = clin.Schedules(client); len(scs) != 1 || scs[0].Instrument != "gad7" {
		t.Fatalf("after stopping the PHQ-9's: %+v", scs)
	}
	requireNoText(t, w, "Schedule: PHQ-9")
	requireText(t, w, "Schedule: GAD-7 every 3 sessions")
	items, _ = m.consent.NeedsAttention("", c.opts.Now())
	if attentionHas(items, "PHQ-9 is due") {
		t.Errorf("a stopped schedule is still on the attention list: %+v", items)
	}
}
