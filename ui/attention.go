package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
)

// attentionList is the main window's short list of what needs the
// clinician across the practice, grouped by client: notes to write or
// sign, consents to record, authorizations about to expire, requests near
// their deadline, safety deadlines and privacy incidents. Each item opens
// where it is dealt with: a note in the client's notes, the rest on the
// client's consent tab. With nothing to show the list is an empty box,
// which the main window replaces with its own word.
type attentionList struct {
	d    panelDeps
	open func(a consent.Attention)
	box  *fyne.Container
}

func (l *attentionList) buildUI() fyne.CanvasObject {
	l.box = container.NewVBox()
	l.refresh()
	return l.box
}

// refresh reads the list again, as of the panel clock's today.
func (l *attentionList) refresh() {
	l.box.RemoveAll()
	items, err := l.d.consent.NeedsAttention("", l.d.now())
	if err != nil {
		l.d.showErr(err)
		l.box.Add(panelNote("What needs attention could not be read."))
		return
	}
	// Grouped by client, in the order of each client's most pressing item;
	// what concerns the whole practice comes last.
	var order []string
	groups := map[string][]consent.Attention{}
	for _, it := range items {
		if _, seen := groups[it.ClientID]; !seen && it.ClientID != "" {
			order = append(order, it.ClientID)
		}
		groups[it.ClientID] = append(groups[it.ClientID], it)
	}
	if len(groups[""]) > 0 {
		order = append(order, "")
	}
	for _, id := range order {
		heading := "The practice"
		if id != "" {
			heading = l.who(id)
		}
		l.box.Add(&widget.Label{Text: heading, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis})
		for _, it := range groups[id] {
			l.box.Add(l.row(it))
		}
	}
	l.box.Refresh()
}

// row is one item: its badge and the sentence, which opens it.
func (l *attentionList) row(it consent.Attention) fyne.CanvasObject {
	b := &widget.Button{Text: attentionText(it), Alignment: widget.ButtonAlignLeading, Importance: widget.LowImportance}
	if it.ClientID != "" && l.open != nil {
		b.OnTapped = func() { l.open(it) }
	}
	badge := panelBadge("due "+it.Due, widget.WarningImportance)
	switch {
	case it.Overdue:
		badge = panelBadge("overdue", widget.DangerImportance)
	case it.IsNote():
		badge = panelBadge("note", widget.MediumImportance)
	case it.Due == "":
		badge = panelBadge("to do", widget.MediumImportance)
	}
	return container.NewBorder(nil, nil, badge, nil, b)
}

// attentionText is an item as the list says it: a sentence with a capital.
// Items carry no names (consent.Attention promises it), so the list is
// safe to show in privacy mode too.
func attentionText(a consent.Attention) string {
	r, n := utf8.DecodeRuneInString(a.What)
	if n == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + a.What[n:]
}

// who names the client of a group: initials only in privacy mode.
func (l *attentionList) who(clientID string) string {
	c, err := l.d.notes.GetClient(clientID)
	if err != nil {
		return "A client"
	}
	if l.d.privacy != nil && l.d.privacy() {
		return attentionInitials(c.Name)
	}
	return c.Name
}

// attentionInitials turns "Maria Okafor" into "M.O.".
func attentionInitials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteString(string(unicode.ToUpper(r)) + ".")
	}
	return b.String()
}
