package ui

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/clinical"
)

// feesSection is the Fees part of Settings: what the practice charges for
// each service code, which superbills print. The common psychotherapy
// codes are listed with a field each; another code can be added.
type feesSection struct {
	m      *mainScreen
	rows   []*feeRow
	box    *fyne.Container
	code   *widget.Entry // another code to add
	save   *widget.Button
	status *widget.Label
}

type feeRow struct {
	code   string
	amount *widget.Entry
	had    bool // a fee was set when the section opened
}

// feeCodes are the codes the section always lists, in order.
var feeCodes = []string{"90791", clinical.Code30, clinical.Code45, clinical.Code60, "90839", "90840", "90846", "90847", "90853"}

func newFeesSection(m *mainScreen) *feesSection { return &feesSection{m: m} }

func (s *feesSection) buildUI() fyne.CanvasObject {
	fees, err := s.m.consent.Clinical().Fees()
	if err != nil {
		s.m.c.showError(err)
	}
	set := map[string]clinical.Fee{}
	codes := slices.Clone(feeCodes)
	for _, f := range fees {
		set[f.Code] = f
		if !slices.Contains(codes, f.Code) {
			codes = append(codes, f.Code)
		}
	}
	s.box = container.NewVBox()
	for _, c := range codes {
		f, had := set[c]
		s.addRow(c, f, had)
	}
	s.code = &widget.Entry{PlaceHolder: "Another code, e.g. 90785"}
	add := &widget.Button{Text: "Add code", Icon: theme.ContentAddIcon(), OnTapped: s.onAdd}
	s.save = &widget.Button{Text: "Save fees", Importance: widget.HighImportance, OnTapped: s.onSave}
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: captionSize}
	return container.NewVBox(
		&widget.Label{Text: "The fee for each service code, in dollars, as superbills print it. Leave a fee empty for a code you do not bill. " +
			"Billing itself stays outside Confide: a superbill is for the client to claim from their insurer.",
			Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance},
		s.box,
		container.NewBorder(nil, nil, nil, add, s.code),
		container.NewBorder(nil, nil, nil, s.save, s.status))
}

func (s *feesSection) addRow(code string, f clinical.Fee, had bool) {
	r := &feeRow{code: code, amount: &widget.Entry{PlaceHolder: "Not billed"}, had: had}
	if had {
		r.amount.Text = f.Amount()
	}
	s.rows = append(s.rows, r)
	name := clinical.ServiceName(code)
	s.box.Add(container.NewBorder(nil, nil,
		container.NewGridWrap(fyne.NewSize(70, r.amount.MinSize().Height), &widget.Label{Text: code, TextStyle: fyne.TextStyle{Monospace: true}}),
		container.NewGridWrap(fyne.NewSize(130, r.amount.MinSize().Height), r.amount),
		&widget.Label{Text: name, Truncation: fyne.TextTruncateEllipsis}))
}

// onAdd lists another code, to be given a fee.
func (s *feesSection) onAdd() {
	s.m.c.idle.touch()
	code, err := clinical.CheckServiceCode(s.code.Text)
	if err != nil {
		s.status.Importance = widget.DangerImportance
		say(s.status, "A service code is five letters or digits, such as 90785.")
		return
	}
	if slices.ContainsFunc(s.rows, func(r *feeRow) bool { return r.code == code }) {
		say(s.status, code+" is already listed.")
		return
	}
	s.addRow(code, clinical.Fee{}, false)
	s.code.SetText("")
	say(s.status, "")
}

// onSave records every fee given and removes those emptied, or says which
// amount is wrong and changes nothing.
func (s *feesSection) onSave() {
	s.m.c.idle.touch()
	amounts := map[string]int64{}
	for _, r := range s.rows {
		text := strings.TrimSpace(r.amount.Text)
		if text == "" {
			continue
		}
		cents, err := clinical.ParseAmount(text)
		if err != nil {
			s.status.Importance = widget.DangerImportance
			say(s.status, "The fee for "+r.code+" is not an amount: give dollars and cents, such as 150 or 150.00. Nothing was saved.")
			return
		}
		amounts[r.code] = cents
	}
	clin := s.m.consent.Clinical()
	for _, r := range s.rows {
		var err error
		if cents, ok := amounts[r.code]; ok {
			_, err = clin.SetFee(r.code, cents)
			r.had = err == nil
		} else if r.had {
			err = clin.RemoveFee(r.code)
			if errors.Is(err, clinical.ErrNotFound) {
				err = nil
			}
			r.had = err != nil
		}
		if err != nil {
			s.m.c.showError(err)
			return
		}
	}
	s.status.Importance = widget.SuccessImportance
	say(s.status, "Saved. Superbills use these fees from now on.")
}
