package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestPlanTabWritesSignsAndRevises writes a plan in the Plan tab, signs
// it, revises it, and adds a diagnosis with the picker.
func TestPlanTabWritesSignsAndRevises(t *testing.T) {
	c, w, client := openClientTab(t, tabPlan)
	clin := c.main.consent.Clinical()
	requireText(t, w, "No treatment plan yet.")
	tapButton(t, w, "Start a plan…")
	typeInto(t, w, "The problem, in the client's terms", "Low mood and withdrawal.")
	typeInto(t, w, "A measurable goal", "Reduce depressive symptoms")
	var measure *widget.Select
	everything(w, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && s.Selected == noMeasure {
			measure = s
		}
	})
	measure.SetSelected("PHQ-9")
	typeInto(t, w, "at or below", "9")
	typeInto(t, w, "Interventions, one per line", "Behavioural activation\nCognitive restructuring")
	tapButton(t, w, "Save draft")
	requireText(t, w, "draft, version 1")
	requireText(t, w, "Goal: Reduce depressive symptoms; PHQ-9 at or below 9")

	tapButton(t, w, "Sign plan…")
	var by *widget.Entry
	everything(w, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == "Your name and credentials" {
			by = e
		}
	})
	test.Type(by, "Dana Lee, LCSW")
	tapButton(t, w, "Sign plan")
	requireText(t, w, "signed, version 1")
	cur, err := clin.CurrentPlan(client)
	if err != nil || cur == nil || cur.SignedBy != "Dana Lee, LCSW" || len(cur.Problems[0].Goals[0].Interventions) != 2 {
		t.Fatalf("current plan = %+v, %v", cur, err)
	}

	tapButton(t, w, "Revise plan…")
	requireText(t, w, "Treatment plan, draft version 2")
	tapButton(t, w, "Save draft")
	requireText(t, w, "Version 1: signed")
	requireText(t, w, "Version 2: draft")

	// The diagnosis picker: search, choose, add.
	tapButton(t, w, "Add diagnosis…")
	var search *widget.Entry
	var list *widget.List
	everything(w, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == "Search: words or the start of a code" {
			search = e
		}
		if l, ok := o.(*widget.List); ok {
			list = l
		}
	})
	test.Type(search, "generalized anx")
	list.Select(0)
	tapButton(t, w, "Add")
	requireText(t, w, "F41.1 Generalized anxiety disorder (secondary, from 2026-11-23)")
	ds, _ := clin.Diagnoses(client)
	if len(ds) != 1 || ds[0].Code != "F41.1" {
		t.Errorf("diagnoses = %+v", ds)
	}
}
