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
// clinician across the practice: authorizations about to expire, requests
// near their deadline, active clients without informed consent, incidents
// to follow up. Each item opens the client concerned. With nothing to
// show the list is an empty box, which the main window replaces with its
// own word.
type attentionList struct {
	d    panelDeps
	open func(clientID string)
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
	for _, it := range items {
		it := it
		text := attentionText(it)
		if who := l.who(it.ClientID); who != "" {
			text = who + ": " + text
		}
		b := &widget.Button{Text: text, Alignment: widget.ButtonAlignLeading, Importance: widget.LowImportance}
		if it.ClientID != "" && l.open != nil {
			b.OnTapped = func() { l.open(it.ClientID) }
		}
		badge := panelBadge("due "+it.Due, widget.WarningImportance)
		switch {
		case it.Overdue:
			badge = panelBadge("overdue", widget.DangerImportance)
		case it.Due == "":
			badge = panelBadge("to do", widget.MediumImportance)
		}
		l.box.Add(container.NewBorder(nil, nil, badge, nil, b))
	}
	l.box.Refresh()
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

// who names the client of an item: initials only in privacy mode, nothing
// for a practice-wide item.
func (l *attentionList) who(clientID string) string {
	if clientID == "" {
		return ""
	}
	c, err := l.d.notes.GetClient(clientID)
	if err != nil {
		return ""
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
