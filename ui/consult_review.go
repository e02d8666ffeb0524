package ui

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/notes/disguise"
)

// consultCategories are the categories a clinician can give a missed text,
// as the mark form offers them.
var consultCategories = []struct {
	cat   disguise.Category
	label string
}{
	{disguise.Name, "name"}, {disguise.Location, "place"}, {disguise.Org, "organisation"},
	{disguise.Date, "date"}, {disguise.Age, "age"}, {disguise.Phone, "phone"}, {disguise.Email, "email"},
	{disguise.ID, "number or code"}, {disguise.URL, "web address"}, {disguise.Other, "other detail"},
}

// consultReview is the review of one consultation's disguised notes: each
// note's original beside its disguised text with every change highlighted,
// the list of changes to undo, the form to mark what the detector missed,
// and the ways out (copy, save as text or PDF).
type consultReview struct {
	p        *consultPanel
	k        *notes.Consultation
	noteIDs  []string
	labels   []string // the notes as the clinician knows them (real dates: never in the output)
	clinical bool     // the clinical summary (measures, plan goals) goes too: see consult_clinical.go
	prepared []*notes.Prepared

	tabs       *container.AppTabs
	splits     []*container.Split // each note's original beside its disguise
	offsets    []float64          // where the clinician left those splits
	changes    *fyne.Container
	selectMode *widget.Check
	selectable []*widget.Label // each note's original, selectable, for marking
	markText   *widget.Entry
	markCat    *widget.Select
	problem    *widget.Label
	status     *widget.Label
}

// prepare disguises every note of the consultation with its current edits;
// notes.Prepare records each preparation in the log. It reports false
// after showing the error.
func (r *consultReview) prepare() bool {
	out := make([]*notes.Prepared, len(r.noteIDs))
	for i, id := range r.noteIDs {
		pr, err := r.p.d.notes.Prepare(r.k.ID, id)
		if err != nil {
			r.p.d.showErr(err)
			return false
		}
		out[i] = pr
	}
	summary, ok := r.prepareClinical()
	if !ok {
		return false
	}
	r.prepared = append(out, summary...)
	return true
}

func (r *consultReview) buildUI() fyne.CanvasObject {
	r.tabs = container.NewAppTabs()
	r.changes = container.NewVBox()
	r.selectMode = widget.NewCheck("Select to mark", func(bool) { r.refresh() }) // then select text in the original
	r.markText = &widget.Entry{PlaceHolder: "Text the detector missed (or select it in the original)"}
	var cats []string
	for _, c := range consultCategories {
		cats = append(cats, c.label)
	}
	r.markCat = widget.NewSelect(cats, nil)
	r.markCat.SetSelected(cats[0])
	r.problem = panelProblem()
	r.status = panelNote("")
	r.status.Hide()
	r.refresh()

	title := fmt.Sprintf("Prepared for %s", r.k.Colleague)
	if r.k.Purpose != "" {
		title += " — " + r.k.Purpose
	}
	top := container.NewVBox(panelTitle(title),
		&widget.Label{Text: fmt.Sprintf("Disguised with the %s profile. Check every change; undo one, or mark what was missed, and every occurrence in these notes follows.", r.k.Profile),
			Wrapping: fyne.TextWrapWord, SizeName: captionSize},
		widget.NewSeparator())
	mark := container.NewBorder(nil, nil, nil, &widget.Button{Text: "Disguise everywhere", Icon: theme.VisibilityOffIcon(), OnTapped: r.onMark},
		container.NewBorder(nil, nil, widget.NewLabel("as"), nil, r.markCat))
	side := container.NewBorder(
		container.NewBorder(nil, nil, &widget.Label{Text: "Changes", TextStyle: fyne.TextStyle{Bold: true}}, r.selectMode),
		container.NewVBox(widget.NewSeparator(), r.markText, mark, r.problem),
		nil, nil, container.NewVScroll(roomForBar(r.changes)))
	actions := container.NewHBox(r.status, layout.NewSpacer(),
		&widget.Button{Text: "Copy", Icon: theme.ContentCopyIcon(), OnTapped: r.onCopy},
		&widget.Button{Text: "Save as text…", Icon: theme.DocumentSaveIcon(), OnTapped: r.onSaveText},
		&widget.Button{Text: "Save as PDF…", Icon: theme.DocumentSaveIcon(), OnTapped: r.onSavePDF},
		&widget.Button{Text: "Done", Importance: widget.HighImportance, OnTapped: r.p.showLog})
	// The notes beside the changes, each pane resizable: the changes get
	// the review's whole height.
	split := container.NewHSplit(r.tabs, side)
	split.Offset = 0.64
	return container.NewBorder(top, container.NewVBox(widget.NewSeparator(), actions), nil, nil, split)
}

// refresh shows the notes as last prepared, keeping the note on show.
func (r *consultReview) refresh() {
	sel := r.tabs.SelectedIndex()
	r.tabs.Items = nil
	r.selectable = nil
	r.offsets = r.offsets[:0]
	for _, s := range r.splits {
		r.offsets = append(r.offsets, s.Offset)
	}
	r.splits = nil
	hide := r.p.d.privacy != nil && r.p.d.privacy()
	for i, pr := range r.prepared {
		var original fyne.CanvasObject
		switch {
		case hide:
			original = panelNote("The original is hidden while privacy mode is on.")
		case r.selectMode.Checked:
			l := &widget.Label{Text: pr.Original, Wrapping: fyne.TextWrapWord, Selectable: true}
			r.selectable = append(r.selectable, l)
			original = l
		default:
			original = &widget.RichText{Segments: consultSegments(pr, false), Wrapping: fyne.TextWrapWord}
		}
		disguised := &widget.RichText{Segments: consultSegments(pr, true), Wrapping: fyne.TextWrapWord}
		pane := func(head string, o fyne.CanvasObject, side fyne.CanvasObject) fyne.CanvasObject {
			top := container.NewBorder(nil, nil, &widget.Label{Text: head, TextStyle: fyne.TextStyle{Bold: true}}, side)
			return container.NewBorder(top, nil, nil, nil, container.NewVScroll(o))
		}
		label := fmt.Sprintf("Note %d", i+1)
		switch {
		case pr.NoteID == "":
			label = consultClinicalTab
		case !hide && i < len(r.labels):
			label = r.labels[i]
		}
		panes := container.NewHSplit(pane("Original", original, nil), pane("Disguised", disguised, nil))
		if i < len(r.offsets) {
			panes.Offset = r.offsets[i] // as the clinician left it
		}
		r.splits = append(r.splits, panes)
		r.tabs.Append(container.NewTabItem(label, panes))
	}
	if sel >= 0 && sel < len(r.tabs.Items) {
		r.tabs.SelectIndex(sel)
	}
	r.tabs.Refresh()
	r.refreshChanges(hide)
}

// consultChange is one change as the list shows it: every occurrence of
// the same text in the same category, across the notes.
type consultChange struct {
	original, replacement string
	category              disguise.Category
	count                 int
}

// refreshChanges lists the changes, then the texts the clinician left as
// written.
func (r *consultReview) refreshChanges(hide bool) {
	var list []*consultChange
	seen := map[string]*consultChange{}
	for _, pr := range r.prepared {
		for _, ch := range pr.Result.Changes {
			key := strings.ToLower(ch.Original) + "\x00" + string(ch.Category)
			if c := seen[key]; c != nil {
				c.count++
				continue
			}
			c := &consultChange{original: ch.Original, replacement: ch.Replacement, category: ch.Category, count: 1}
			seen[key] = c
			list = append(list, c)
		}
	}
	r.changes.RemoveAll()
	if len(list) == 0 {
		r.changes.Add(panelNote("Nothing was changed."))
	}
	for _, c := range list {
		what := c.original + " → " + consultShown(c.replacement)
		if hide {
			what = "→ " + consultShown(c.replacement)
		}
		if c.count > 1 {
			what += fmt.Sprintf("  (%d×)", c.count)
		}
		original := c.original
		r.changes.Add(container.NewBorder(nil, nil, panelBadge(consultCategoryName(c.category), widget.HighImportance),
			&widget.Button{Text: "Undo", Icon: theme.ContentUndoIcon(), OnTapped: func() { r.onUndo(original) }},
			&widget.Label{Text: what, Truncation: fyne.TextTruncateEllipsis}))
	}
	for _, keep := range r.k.Edits.Keep {
		keep := keep
		what := "Left as written: " + keep
		if hide {
			what = "Left as written"
		}
		r.changes.Add(container.NewBorder(nil, nil, nil,
			&widget.Button{Text: "Disguise again", OnTapped: func() { r.onRedo(keep) }},
			&widget.Label{Text: what, Truncation: fyne.TextTruncateEllipsis, Importance: widget.LowImportance}))
	}
	r.changes.Refresh()
}

// consultShown is a replacement as the change list shows it.
func consultShown(s string) string {
	if s == "" {
		return "(removed)"
	}
	return s
}

// consultCategoryName is a category as the interface names it.
func consultCategoryName(c disguise.Category) string {
	for _, k := range consultCategories {
		if k.cat == c {
			return k.label
		}
	}
	return strings.ToLower(string(c))
}

// consultSegments is a note's original (or, with disguised, its disguised
// text) with each change highlighted and followed by its reason. The
// disguised side is built from the changes and checked against the
// disguised text: if they ever disagree, the text is shown plain.
func consultSegments(pr *notes.Prepared, disguised bool) []widget.RichTextSegment {
	changes := append([]disguise.Change(nil), pr.Result.Changes...)
	sort.SliceStable(changes, func(i, j int) bool { return changes[i].Start < changes[j].Start })
	plain := func(s string) widget.RichTextSegment {
		return &widget.TextSegment{Text: s, Style: widget.RichTextStyleInline}
	}
	var segs []widget.RichTextSegment
	var built strings.Builder
	text, pos := pr.Original, 0
	for _, ch := range changes {
		if ch.Start < pos || ch.End > len(text) || ch.Start > ch.End {
			continue
		}
		before := text[pos:ch.Start]
		built.WriteString(before)
		// A space before the highlighted word goes with it: Fyne wraps a
		// segment that starts a word at a line's end letter by letter.
		lead := ""
		if trimmed := strings.TrimRight(before, " "); trimmed != before {
			lead, before = before[len(trimmed):], trimmed
		}
		segs = append(segs, plain(before))
		shown, color := text[ch.Start:ch.End], theme.ColorNameError
		if disguised {
			shown, color = ch.Replacement, theme.ColorNamePrimary
			built.WriteString(ch.Replacement)
		}
		shown = lead + shown
		if shown != "" {
			segs = append(segs, &widget.TextSegment{Text: shown, Style: widget.RichTextStyle{Inline: true,
				ColorName: color, TextStyle: fyne.TextStyle{Bold: true}}})
		}
		reason := consultCategoryName(ch.Category)
		if disguised && ch.Replacement == "" {
			reason += " removed"
		}
		segs = append(segs, &widget.TextSegment{Text: " ‹" + reason + "›", Style: widget.RichTextStyle{Inline: true,
			ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText}})
		pos = ch.End
	}
	segs = append(segs, plain(text[pos:]))
	built.WriteString(text[pos:])
	if disguised && built.String() != pr.Result.Text {
		return []widget.RichTextSegment{plain(pr.Result.Text)}
	}
	return segs
}

// setEdits saves the clinician's corrections and prepares every note again
// under them.
func (r *consultReview) setEdits(e notes.Edits) {
	if err := r.p.d.notes.SetEdits(r.k.ID, e); err != nil {
		r.p.d.showErr(err)
		return
	}
	r.k.Edits = e
	if r.prepare() {
		r.refresh()
	}
}

// onUndo leaves every occurrence of original as written: a text the
// clinician marked is simply unmarked, anything else is kept.
func (r *consultReview) onUndo(original string) {
	e := notes.Edits{Keep: append([]string(nil), r.k.Edits.Keep...)}
	unmarked := false
	for _, m := range r.k.Edits.Add {
		if strings.EqualFold(strings.TrimSpace(m.Text), strings.TrimSpace(original)) {
			unmarked = true
			continue
		}
		e.Add = append(e.Add, m)
	}
	if !unmarked {
		e.Keep = append(e.Keep, original)
	}
	panelSay(r.problem, "")
	r.setEdits(e)
}

// onRedo takes a text off the list of those left as written.
func (r *consultReview) onRedo(keep string) {
	e := notes.Edits{Add: r.k.Edits.Add}
	for _, k := range r.k.Edits.Keep {
		if k != keep {
			e.Keep = append(e.Keep, k)
		}
	}
	r.setEdits(e)
}

// onMark disguises the typed (or selected) text wherever it occurs.
func (r *consultReview) onMark() {
	text := strings.TrimSpace(r.markText.Text)
	if text == "" {
		if i := r.tabs.SelectedIndex(); i >= 0 && i < len(r.selectable) {
			text = strings.TrimSpace(r.selectable[i].SelectedText())
		}
	}
	if text == "" {
		panelSay(r.problem, "Type the text to disguise, or select it in the original.")
		return
	}
	found := false
	for _, pr := range r.prepared {
		found = found || strings.Contains(strings.ToLower(pr.Original), strings.ToLower(text))
	}
	if !found {
		panelSay(r.problem, "That text does not occur in these notes.")
		return
	}
	cat := disguise.Other
	for _, c := range consultCategories {
		if c.label == r.markCat.Selected {
			cat = c.cat
		}
	}
	e := notes.Edits{Add: append(append([]notes.Mark(nil), r.k.Edits.Add...), notes.Mark{Text: text, Category: cat})}
	for _, k := range r.k.Edits.Keep {
		if !strings.EqualFold(k, text) {
			e.Keep = append(e.Keep, k)
		}
	}
	panelSay(r.problem, "")
	r.markText.SetText("")
	r.setEdits(e)
}

// text is the disguised result as it is copied or saved. Notes are named
// by number and kind, never by their real dates.
func (r *consultReview) text() string {
	var b strings.Builder
	b.WriteString("Prepared for consultation\n")
	if r.k.Colleague != "" {
		fmt.Fprintf(&b, "For: %s\n", r.k.Colleague)
	}
	if r.k.Purpose != "" {
		fmt.Fprintf(&b, "Purpose: %s\n", r.k.Purpose)
	}
	for i, pr := range r.prepared {
		fmt.Fprintf(&b, "\n%s\n\n%s\n", r.heading(i, pr), strings.TrimSpace(pr.Result.Text))
	}
	return b.String()
}

func (r *consultReview) onCopy() {
	r.p.d.copy(r.text())
	panelSay(r.status, "Copied. The clipboard is cleared after a short while.")
}

func (r *consultReview) onSaveText() {
	panelSaveFile(r.p.d, "consultation.txt", func(w io.Writer) error {
		_, err := io.WriteString(w, r.text())
		return err
	})
}

// onSavePDF saves the disguised notes as a PDF on the practice's paper,
// under its letterhead (the subject line names no client).
func (r *consultReview) onSavePDF() {
	doc, err := r.p.d.consent.NewDoc("Prepared for consultation", "")
	if err != nil {
		r.p.d.showErr(err)
		return
	}
	doc.Title("Prepared for consultation")
	doc.Fields([][2]string{{"For", r.k.Colleague}, {"Purpose", r.k.Purpose}, {"Disguise", string(r.k.Profile)}})
	for i, pr := range r.prepared {
		doc.Heading(r.heading(i, pr))
		doc.Paragraph(strings.TrimSpace(pr.Result.Text))
	}
	panelSaveFile(r.p.d, "consultation.pdf", panelWritePDF(doc))
}
