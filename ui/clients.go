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

// Client list filters.
const (
	filterActive = "Active"
	filterClosed = "Closed"
	filterAll    = "All"
)

// clientList is the left column: search as you type, an active/closed
// filter, and the clients, by initials only in privacy mode.
type clientList struct {
	m *mainScreen

	all      []notes.Client
	shown    []notes.Client
	selected string

	query  *widget.Entry
	filter *widget.Select
	list   *widget.List
	count  *widget.Label
	add    *widget.Button
}

func (l *clientList) buildUI() fyne.CanvasObject {
	l.query = &widget.Entry{PlaceHolder: "Find a client…", OnChanged: func(string) { l.m.c.idle.touch(); l.refresh() }}
	l.query.ActionItem = widget.NewIcon(theme.SearchIcon())
	l.filter = &widget.Select{Options: []string{filterActive, filterClosed, filterAll}, Selected: filterActive,
		OnChanged: func(string) { l.m.c.idle.touch(); l.refresh() }}
	l.count = &widget.Label{SizeName: captionSize, Importance: widget.LowImportance}
	l.add = &widget.Button{Text: "New client", Icon: theme.ContentAddIcon(), OnTapped: l.m.onNewClient}
	l.list = &widget.List{
		Length:     func() int { return len(l.shown) },
		CreateItem: l.createItem,
		UpdateItem: l.updateItem,
		OnSelected: l.onSelected,
	}
	l.list.ExtendBaseWidget(l.list)
	l.load()
	top := container.NewVBox(l.query, container.NewBorder(nil, nil, nil, l.count, l.filter))
	return container.NewBorder(top, l.add, nil, nil, l.list)
}

// load reads the clients from the store and shows them.
func (l *clientList) load() {
	all, err := l.m.notes.ListClients(notes.ClientFilter{})
	if err != nil {
		l.m.c.showError(err)
	}
	l.all = all
	l.refresh()
}

// refresh applies the search and the filter, and redraws the names (for
// privacy mode), keeping the selection.
func (l *clientList) refresh() {
	q := strings.ToLower(strings.TrimSpace(l.query.Text))
	l.shown = l.shown[:0]
	for _, c := range l.all {
		switch {
		case l.filter.Selected == filterActive && c.Status != notes.Active,
			l.filter.Selected == filterClosed && c.Status != notes.Closed:
			continue
		case q != "" && !strings.Contains(strings.ToLower(c.Name+" "+c.Preferred), q):
			continue
		}
		l.shown = append(l.shown, c)
	}
	switch n := len(l.shown); n {
	case 1:
		l.count.SetText("1 client")
	default:
		l.count.SetText(strconv.Itoa(n) + " clients")
	}
	l.list.UnselectAll()
	for i, c := range l.shown {
		if c.ID == l.selected {
			l.list.Select(i)
		}
	}
	l.list.Refresh()
}

// choose selects a client by id, widening the filter if it hides them.
func (l *clientList) choose(id string) {
	if !l.selectShown(id) {
		l.query.SetText("")
		l.filter.SetSelected(filterAll)
		l.selectShown(id)
	}
	if p := l.m.pane; p == nil || p.client.ID != id {
		l.selected = id
		l.m.selectClient(id)
	}
}

// selectShown highlights the client if the list shows them.
func (l *clientList) selectShown(id string) bool {
	for i, c := range l.shown {
		if c.ID == id {
			l.list.Select(i)
			l.list.ScrollTo(i)
			return true
		}
	}
	return false
}

func (l *clientList) createItem() fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil,
		roomForBar(&widget.Label{SizeName: captionSize, Importance: widget.LowImportance}), // clear of the scroll bar
		&widget.Label{Text: "Client name", Truncation: fyne.TextTruncateEllipsis},
	)
}

func (l *clientList) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(l.shown) {
		return
	}
	c := &l.shown[i]
	row := o.(*fyne.Container)
	row.Objects[0].(*widget.Label).SetText(l.m.displayName(c))
	var tags []string
	if c.Minor {
		tags = append(tags, "minor")
	}
	if c.LegalHold {
		tags = append(tags, "hold")
	}
	if c.Status == notes.Closed {
		tags = append(tags, "closed")
	}
	row.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).SetText(strings.Join(tags, " · "))
	row.Refresh()
}

func (l *clientList) onSelected(i widget.ListItemID) {
	if i >= len(l.shown) {
		return
	}
	l.selected = l.shown[i].ID
	l.m.selectClient(l.selected)
}
