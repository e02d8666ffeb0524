package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/notes"
)

var kindLabels = map[notes.Kind]string{
	notes.Intake:        "Intake",
	notes.Progress:      "Progress note",
	notes.TreatmentPlan: "Treatment plan",
	notes.Contact:       "Contact",
	notes.Termination:   "Termination",
	notes.Psychotherapy: "Psychotherapy note",
	notes.Other:         "Other",
}

// kindLabel names a note kind for people.
func kindLabel(k notes.Kind) string {
	if l, ok := kindLabels[k]; ok {
		return l
	}
	return string(k)
}

func kindFromLabel(l string) notes.Kind {
	for k, v := range kindLabels {
		if v == l {
			return k
		}
	}
	return notes.Other
}

var templates = []notes.Template{notes.SOAP, notes.DAP, notes.BIRP, notes.GIRP, notes.Free}

// templateLabels are the templates as the new-note dialog offers them.
var templateLabels = []string{"SOAP", "DAP", "BIRP", "GIRP", "Free text"}

func templateLabel(t notes.Template) string {
	for i, x := range templates {
		if x == t {
			return templateLabels[i]
		}
	}
	return string(t)
}

func templateFromLabel(l string) notes.Template {
	for i, x := range templateLabels {
		if x == l {
			return templates[i]
		}
	}
	return notes.Free
}

// noteRow is one row of the note list: a note, or the heading that sets
// psychotherapy notes apart.
type noteRow struct {
	heading string
	note    notes.Summary
}

// notesList lists a client's notes, newest first, with draft and signed
// badges; psychotherapy notes come last, under their own heading, since
// they are kept apart from the record.
type notesList struct {
	p *clientPane

	rows      []noteRow
	selecting bool // selectNote is moving the highlight: do not open
	list      *widget.List
	none      *widget.Label
}

func (l *notesList) buildUI() fyne.CanvasObject {
	l.list = &widget.List{
		Length:     func() int { return len(l.rows) },
		CreateItem: l.createItem,
		UpdateItem: l.updateItem,
		OnSelected: l.onSelected,
	}
	l.list.ExtendBaseWidget(l.list)
	l.none = &widget.Label{Text: "No notes yet.", Importance: widget.LowImportance}
	l.load()
	return container.NewStack(l.list, container.NewVBox(l.none))
}

// load reads the client's note summaries.
func (l *notesList) load() {
	sums, err := l.p.m.notes.ListNotes(l.p.client.ID)
	if err != nil {
		l.p.m.c.showError(err)
	}
	var record, apart []noteRow
	for _, s := range sums {
		if s.InDesignatedRecordSet() {
			record = append(record, noteRow{note: s})
		} else {
			apart = append(apart, noteRow{note: s})
		}
	}
	l.rows = record
	if len(apart) > 0 {
		l.rows = append(l.rows, noteRow{heading: "Psychotherapy notes · kept apart"})
		l.rows = append(l.rows, apart...)
	}
	if len(l.rows) == 0 {
		l.none.Show()
	} else {
		l.none.Hide()
	}
	l.list.UnselectAll()
	l.list.Refresh()
}

// selectNote highlights a note without reopening it.
func (l *notesList) selectNote(id string) {
	for i, r := range l.rows {
		if r.heading == "" && r.note.ID == id {
			l.selecting = true
			l.list.Select(i)
			l.selecting = false
			l.list.ScrollTo(i)
			return
		}
	}
}

func (l *notesList) createItem() fyne.CanvasObject {
	icon := widget.NewIcon(theme.DocumentIcon())
	title := &widget.Label{Text: "2026-01-01 · Progress note", Truncation: fyne.TextTruncateEllipsis}
	badge := &widget.Label{Text: "Signed", SizeName: captionSize}
	return container.NewBorder(nil, nil, icon, roomForBar(badge), title) // the list's scroll bar does not cover the badge
}

func (l *notesList) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(l.rows) {
		return
	}
	r := l.rows[i]
	row := o.(*fyne.Container)
	title := row.Objects[0].(*widget.Label)
	icon := row.Objects[1].(*widget.Icon)
	badge := row.Objects[2].(*fyne.Container).Objects[0].(*widget.Label)
	if r.heading != "" {
		icon.SetResource(theme.VisibilityOffIcon())
		title.TextStyle = fyne.TextStyle{Bold: true}
		title.SetText(r.heading)
		badge.SetText("")
		row.Refresh()
		return
	}
	title.TextStyle = fyne.TextStyle{}
	title.SetText(r.note.Date + " · " + strings.TrimSuffix(kindLabel(r.note.Kind), " note"))
	if r.note.Kind == notes.Psychotherapy {
		icon.SetResource(theme.VisibilityOffIcon())
	} else {
		icon.SetResource(theme.DocumentIcon())
	}
	switch {
	case !r.note.Signed:
		badge.Importance = widget.WarningImportance
		badge.SetText("Draft")
	case r.note.Addenda == 1:
		badge.Importance = widget.SuccessImportance
		badge.SetText("Signed · 1 addendum")
	case r.note.Addenda > 1:
		badge.Importance = widget.SuccessImportance
		badge.SetText("Signed · " + strconv.Itoa(r.note.Addenda) + " addenda")
	default:
		badge.Importance = widget.SuccessImportance
		badge.SetText("Signed")
	}
	row.Refresh() // lay the row out again around the badge's new width
}

func (l *notesList) onSelected(i widget.ListItemID) {
	if i >= len(l.rows) || l.selecting {
		return
	}
	if l.rows[i].heading != "" {
		l.list.Unselect(i)
		return
	}
	l.p.openNote(l.rows[i].note.ID)
}
