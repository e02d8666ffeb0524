package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/practice"
)

// clinicalPractice unlocks a vault (23 Nov 2026) with the practice's
// profile and one client who has a diagnosis and a draft treatment plan,
// and shows the client.
func clinicalPractice(t *testing.T) (*Confide, fyne.Window, *notes.Client) {
	t.Helper()
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	c, w := start(t, Options{Dir: dir, Store: store, Now: newFakeClock().Now})
	w.Resize(fyne.NewSize(1280, 800))
	m := c.main
	if m == nil {
		t.Fatalf("not unlocked:\n%s", texts(w))
	}
	if err := m.consent.Practice().SetProfile(practice.Profile{Name: "Jane Porter", Credentials: "LCSW", NPI: "1234567893",
		Practice: "Porter Counseling", Address: "12 Elm Street\nIthaca, NY 14850"}); err != nil {
		t.Fatal(err)
	}
	cl, err := m.notes.AddClient(notes.Client{Name: "Ann Lee", Status: notes.Active, DOB: "1980-01-02"})
	if err != nil {
		t.Fatal(err)
	}
	clin := m.consent.Clinical()
	if _, err := clin.AddDiagnosis(cl.ID, "F32.1", "2026-10-01", true); err != nil {
		t.Fatal(err)
	}
	if _, err := clin.AddPlan(cl.ID, clinical.PlanInput{ReviewDate: "2027-02-01", Problems: []clinical.Problem{{
		Text: "Low mood since the move", Goals: []clinical.Goal{
			{ID: "mood", Text: "Reduce depressive symptoms", Measure: &clinical.GoalMeasure{Instrument: "phq9", Target: 9}},
			{ID: "walks", Text: "Walk three times a week", Objectives: []clinical.Objective{{Text: "A walk log"}}},
		}}}}); err != nil {
		t.Fatal(err)
	}
	m.clients.load()
	m.selectClient(cl.ID)
	return c, w, cl
}

// showTab brings the client's tab named tab to the front.
func showTab(t *testing.T, m *mainScreen, tab string) {
	t.Helper()
	for i, item := range m.pane.tabs.Items {
		if item.Text == tab {
			m.pane.tabs.SelectIndex(i)
			return
		}
	}
	t.Fatalf("no tab %q", tab)
}

// The headless flow of the clinical record: a PHQ-9 given item by item,
// its trend; the plan signed (by the profile's clinician unless changed);
// a progress note that links a goal with its progress, whose 60 minutes
// do not fit 90834 (the editor says so and offers 90837); signed; the
// signed note shows the goal, the diagnosis and the session's end.
func TestClinicalFlowMeasureTrendGoalAndSign(t *testing.T) {
	c, w, cl := clinicalPractice(t)
	m := c.main
	clin := m.consent.Clinical()

	showTab(t, m, tabMeasures)
	for _, g := range []struct {
		date    string
		answers []int
	}{{"2026-11-02", []int{3, 3, 2, 2, 2, 2, 2, 2, 0}}, {"2026-11-16", []int{1, 1, 1, 1, 1, 0, 1, 0, 0}}} {
		tapButton(t, w, "Give a measure…")
		for i, r := range radioGroups(w) {
			r.SetSelected(r.Options[g.answers[i]])
		}
		setEntry(t, w, clinical.Day(c.opts.Now()), g.date)
		tapButton(t, w, "Save PHQ-9")
	}
	requireText(t, w, "Latest PHQ-9: 6 (mild) on 2026-11-16. Since the first score: clinically significant improvement.")
	if !chartShown(w) {
		t.Fatal("no trend chart")
	}

	showTab(t, m, tabPlan)
	tapButton(t, w, "Sign plan…")
	by := formField(t, w, "Signed by").(*widget.Entry)
	if by.Text != "Jane Porter, LCSW" {
		t.Errorf("the plan's signer starts as %q, want the profile's", by.Text)
	}
	tapButton(t, w, "Sign plan")
	cur, err := clin.CurrentPlan(cl.ID)
	if err != nil || cur == nil || cur.SignedBy != "Jane Porter, LCSW" {
		t.Fatalf("the plan: %+v, %v", cur, err)
	}

	showTab(t, m, tabNotes)
	m.pane.newNoteOf(notes.Progress, notes.SOAP, "2026-11-23")
	e := m.pane.editor
	requireText(t, w, "Treatment plan goals addressed")
	requireText(t, w, "Diagnoses on 2026-11-23: F32.1 Major depressive disorder, single episode, moderate (primary).")
	if e.goals == nil || len(e.goals.rows) != 2 {
		t.Fatalf("the editor offers goals %+v", e.goals)
	}
	mood := e.goals.rows[0]
	mood.progress.SetSelected("much progress")
	if !mood.check.Checked {
		t.Error("choosing the progress did not tick the goal")
	}
	test.Type(mood.comment, "Walked on four days.")
	test.Type(e.sections[0], "Mood brighter; walking most days.")
	e.start.SetText("14:00")
	e.duration.SetText("60")
	e.code.SetText("90834")
	requireText(t, w, "Ends 15:00. 60 minutes fit 90837, not 90834. Use 90837, or sign as it is.")
	if e.timing.Importance != widget.WarningImportance {
		t.Error("the mismatch is not shown as a warning")
	}

	test.Tap(e.sign)
	requireDialog(t, w, "The service code does not fit the session's length")
	tapButton(t, w, "Use 90837")
	requireDialog(t, w, "Sign this note?")
	tapButton(t, w, "Sign note")

	ns, _ := m.notes.ListNotes(cl.ID)
	n, err := m.notes.GetNote(ns[0].ID)
	if err != nil || !n.Signed() || n.ServiceCode != "90837" || n.DurationMin != 60 || n.SignedBy != "Jane Porter, LCSW" {
		t.Fatalf("the note: %+v, %v", n, err)
	}
	links, _ := clin.NoteGoals(n.ID)
	if len(links) != 1 || links[0].GoalID != "mood" || links[0].Progress != clinical.ProgressMuch || links[0].Comment != "Walked on four days." {
		t.Fatalf("the note's goals: %+v", links)
	}
	requireText(t, w, "Session 2026-11-23 · 14:00 to 15:00 · 60 minutes · service code 90837")
	requireText(t, w, "Diagnoses on 2026-11-23: F32.1 Major depressive disorder, single episode, moderate (primary).")
	requireText(t, w, "• Reduce depressive symptoms: much progress (4 of 5). Walked on four days.")
	h, err := clin.GoalHistory(cl.ID, "mood")
	if err != nil || len(h.Entries) != 1 || !h.Entries[0].Signed || len(h.Measures) != 2 {
		t.Errorf("the goal's history: %+v, %v", h, err)
	}
}

// A mismatch can be signed as it is; a goal ticked without its progress
// stops the signing until it has one.
func TestSignAsItIsAndGoalsNeedTheirProgress(t *testing.T) {
	c, w, cl := clinicalPractice(t)
	m := c.main
	clin := m.consent.Clinical()
	draft, _ := clin.Plans(cl.ID)
	if _, err := clin.SignPlan(draft[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	m.selectClient(cl.ID)
	m.pane.newNoteOf(notes.Progress, notes.Free, "2026-11-23")
	e := m.pane.editor
	test.Type(e.sections[0], "Session.")
	e.start.SetText("14:00")
	e.duration.SetText("30")
	e.code.SetText("90834")
	e.goals.rows[1].check.SetChecked(true)
	test.Tap(e.sign)
	requireText(t, w, "Before signing, choose the progress on the goal “Walk three times a week”, or untick it.")
	if dialogText(w) != "" {
		t.Fatalf("a dialog opened: %s", dialogText(w))
	}
	e.goals.rows[1].check.SetChecked(false)
	test.Tap(e.sign)
	requireDialog(t, w, "30 minutes fit 90832, not 90834. Use 90832, or sign as it is.")
	tapButton(t, w, "Sign as it is")
	tapButton(t, w, "Sign note")
	n, err := m.notes.GetNote(e.note.ID)
	if err != nil || !n.Signed() || n.ServiceCode != "90834" {
		t.Fatalf("signed as it is: %+v, %v", n, err)
	}
	if links, _ := clin.NoteGoals(n.ID); len(links) != 0 {
		t.Errorf("an unticked goal was linked: %+v", links)
	}
}

// Fees are set in Settings; a session's superbill is saved from its note
// and is entered in the client's disclosures.
func TestFeesInSettingsAndASessionsSuperbill(t *testing.T) {
	c, w, cl := clinicalPractice(t)
	m := c.main
	m.onSettings()
	m.settingsOpen.chooseTitled("Fees")
	requireText(t, w, "Psychotherapy, 45 minutes")
	var fee90834, fee90837 *widget.Entry
	for _, r := range newFeeRowsOf(t, w) {
		switch r.code {
		case "90834":
			fee90834 = r.amount
		case "90837":
			fee90837 = r.amount
		}
	}
	fee90834.SetText("12.345")
	tapButton(t, w, "Save fees")
	requireText(t, w, "The fee for 90834 is not an amount")
	if fs, _ := m.consent.Clinical().Fees(); len(fs) != 0 {
		t.Fatalf("a refused form saved %+v", fs)
	}
	fee90834.SetText("150")
	fee90837.SetText("$185.00")
	tapButton(t, w, "Save fees")
	requireText(t, w, "Saved. Superbills use these fees from now on.")
	fs, _ := m.consent.Clinical().Fees()
	if len(fs) != 2 || fs[0].Cents != 15000 || fs[1].Cents != 18500 {
		t.Fatalf("fees = %+v", fs)
	}
	m.closeSettings()

	n, err := m.notes.NewDraft(notes.Draft{ClientID: cl.ID, Kind: notes.Progress, Sections: []notes.Section{{Name: "Note", Text: "Session."}},
		Session: notes.Session{Date: "2026-11-20", Start: "10:00", DurationMin: 53, ServiceCode: "90837"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.notes.Sign(n.ID); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	origFile, origSpawn := exportSavePath, exportSpawn
	t.Cleanup(func() { exportSavePath, exportSpawn = origFile, origSpawn })
	exportSpawn = func(job func()) { job() }
	exportSavePath = func(d panelDeps, name string, done func(string)) { done(filepath.Join(dir, name)) }
	m.selectClient(cl.ID)
	m.pane.openNote(n.ID)
	tapButton(t, w, "Superbill…")
	tapButton(t, w, "Choose where…")
	requireDialog(t, w, "1 service, total $185.00, saved to")
	pdf := filepath.Join(dir, "superbill-2026-11-20.pdf")
	if fi, err := os.Stat(pdf); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the superbill: %v", err)
	}
	text := pdfToTextUI(t, pdf)
	for _, want := range []string{"Superbill", "Rendering provider Jane Porter, LCSW", "NPI 1234567893", "F32.1", "2026-11-20 10:00 to 10:53 53 90837", "Total $185.00"} {
		if !strings.Contains(text, want) {
			t.Errorf("the superbill lacks %q:\n%s", want, text)
		}
	}
	ds, _ := m.consent.Disclosures(cl.ID)
	if len(ds) != 1 || !strings.Contains(ds[0].Description, "superbill") {
		t.Errorf("the disclosures: %+v", ds)
	}
}

// newFeeRowsOf returns the fee rows of the Settings page on show.
func newFeeRowsOf(t *testing.T, w fyne.Window) []*feeRow {
	t.Helper()
	var rows []*feeRow
	everything(w, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == "Not billed" {
			rows = append(rows, &feeRow{amount: e})
		}
	})
	if len(rows) != len(feeCodes) {
		t.Fatalf("%d fee fields, want %d", len(rows), len(feeCodes))
	}
	for i := range rows {
		rows[i].code = feeCodes[i]
	}
	return rows
}

// An item of the clinical record on the start page opens the tab where it
// is dealt with: a risk flag the Measures tab, a plan review the Plan tab.
func TestClinicalAttentionOpensItsTab(t *testing.T) {
	c, _, cl := clinicalPractice(t)
	m := c.main
	clin := m.consent.Clinical()
	if _, err := clin.Give(clinical.Given{ClientID: cl.ID, Instrument: "phq9", Date: "2026-11-20", Items: []int{1, 1, 1, 1, 1, 1, 1, 1, 1}}); err != nil {
		t.Fatal(err)
	}
	plans, _ := clin.Plans(cl.ID)
	in := plans[0].PlanInput
	in.ReviewDate = "2026-11-25"
	if err := clin.UpdatePlan(plans[0].ID, in); err != nil {
		t.Fatal(err)
	}
	if _, err := clin.SignPlan(plans[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	items, err := m.consent.NeedsAttention("", c.opts.Now())
	if err != nil {
		t.Fatal(err)
	}
	opened := map[string]string{}
	for _, it := range items {
		if it.Kind == clinical.AttentionRisk || it.Kind == clinical.AttentionPlan {
			m.showStart()
			m.openAttention(it)
			opened[it.Kind] = m.pane.tabs.Selected().Text
		}
	}
	if opened[clinical.AttentionRisk] != tabMeasures || opened[clinical.AttentionPlan] != tabPlan {
		t.Errorf("the items opened %v", opened)
	}
}
