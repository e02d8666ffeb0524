package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/clinical"
)

// newDiagnosesSection lists a client's diagnoses, primary first, with the
// picker to add one and a way to end one.
func newDiagnosesSection(d panelDeps, clin *clinical.Store, clientID string) fyne.CanvasObject {
	s := &diagnosesSection{d: d, clin: clin, clientID: clientID, box: container.NewVBox()}
	s.refresh()
	return s.box
}

type diagnosesSection struct {
	d        panelDeps
	clin     *clinical.Store
	clientID string
	box      *fyne.Container
	picker   *dxPicker // open picker, if any
}

func (s *diagnosesSection) refresh() {
	s.box.RemoveAll()
	add := &widget.Button{Text: "Add diagnosis…", Importance: widget.LowImportance, OnTapped: s.onAdd}
	s.box.Add(container.NewBorder(nil, nil, &widget.Label{Text: "Diagnoses", TextStyle: fyne.TextStyle{Bold: true}}, add))
	ds, err := s.clin.Diagnoses(s.clientID)
	if err != nil {
		s.d.showErr(err)
		return
	}
	if len(ds) == 0 {
		s.box.Add(panelNote("No diagnosis recorded."))
	}
	for _, dx := range ds {
		dx := dx
		role := "secondary"
		if dx.Primary {
			role = "primary"
		}
		when := "from " + dx.Start
		if dx.End != "" {
			when += " to " + dx.End
		}
		line := &widget.Label{Text: fmt.Sprintf("%s %s (%s, %s)", dx.Code, dx.Description, role, when), Wrapping: fyne.TextWrapWord}
		var end fyne.CanvasObject = widget.NewLabel("")
		if dx.End == "" {
			end = &widget.Button{Text: "End…", Importance: widget.LowImportance, OnTapped: func() { s.onEnd(dx) }}
		}
		s.box.Add(container.NewBorder(nil, nil, nil, end, line))
	}
	s.box.Add(&widget.Label{Text: clinical.ICD10Release, SizeName: captionSize, Importance: widget.LowImportance})
	s.box.Refresh()
}

// dxPicker is the searchable code picker of the add dialog.
type dxPicker struct {
	search  *keyEntry
	results *widget.List
	codes   []clinical.Code
	chosen  *clinical.Code
	start   *keyEntry
	primary *keyCheck
}

func newDxPicker(today string) *dxPicker {
	pk := &dxPicker{search: newField("", "Search: words or the start of a code"), start: newField(today, ""),
		primary: newKeyCheck("Primary diagnosis", nil)}
	pk.results = widget.NewList(func() int { return len(pk.codes) },
		func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(pk.codes[i].Code + "  " + pk.codes[i].Description)
		})
	pk.results.OnSelected = func(i widget.ListItemID) { c := pk.codes[i]; pk.chosen = &c }
	pk.search.OnChanged = pk.find
	pk.find("")
	return pk
}

// find lists the codes matching the query (the first 200).
func (pk *dxPicker) find(q string) {
	pk.codes, _ = clinical.SearchCodes(q, 200)
	pk.chosen = nil
	pk.results.UnselectAll()
	pk.results.Refresh()
}

func (s *diagnosesSection) onAdd() {
	pk := newDxPicker(clinical.Day(s.d.now()))
	s.picker = pk
	list := container.NewGridWrap(fyne.NewSize(560, 260), pk.results)
	content := container.NewVBox(pk.search, list, widget.NewForm(&widget.FormItem{Text: "In effect from", Widget: pk.start, HintText: "Year-month-day"}), pk.primary)
	dlg := dialog.NewCustomConfirm("Add a diagnosis", "Add", "Cancel", content, func(ok bool) {
		s.picker = nil
		if !ok {
			return
		}
		if pk.chosen == nil {
			s.d.showErr(fmt.Errorf("%w: choose a code in the list first", clinical.ErrInvalid))
			return
		}
		if _, err := s.clin.AddDiagnosis(s.clientID, pk.chosen.Code, strings.TrimSpace(pk.start.Text), pk.primary.Checked); err != nil {
			s.d.showErr(err)
		}
		s.refresh()
	}, s.d.win)
	dlg.Resize(fyne.NewSize(620, 480))
	dlg.Show()
}

func (s *diagnosesSection) onEnd(dx clinical.Diagnosis) {
	date := newField(clinical.Day(s.d.now()), "")
	dialog.ShowForm("End "+dx.Code+"?", "End diagnosis", "Cancel",
		[]*widget.FormItem{{Text: "Last day", Widget: date, HintText: "Year-month-day"}}, func(ok bool) {
			if !ok {
				return
			}
			if _, err := s.clin.EndDiagnosis(dx.ID, strings.TrimSpace(date.Text)); err != nil {
				s.d.showErr(err)
			}
			s.refresh()
		}, s.d.win)
}
