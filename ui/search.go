package ui

import (
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/notes"
)

// searchDialog is the global search (Ctrl+F): every note's text and the
// clients' names, as you type, with the matched words in bold. Opening a
// hit opens its note.
type searchDialog struct {
	m *mainScreen

	hits   []notes.Hit
	query  *widget.Entry
	status *widget.Label
	list   *widget.List
	dlg    *dialog.CustomDialog
}

func (s *searchDialog) show() {
	s.query = &widget.Entry{PlaceHolder: "Words to find in any note…", OnChanged: func(string) { s.run() }}
	s.query.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.status = &widget.Label{Text: "Type a word, a phrase in quotes, or the start of a word followed by *.", SizeName: captionSize, Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	s.list = &widget.List{
		Length:     func() int { return len(s.hits) },
		CreateItem: s.createItem,
		UpdateItem: s.updateItem,
		OnSelected: s.onSelected,
	}
	s.list.ExtendBaseWidget(s.list)
	content := container.NewBorder(container.NewVBox(s.query, s.status), nil, nil, nil, s.list)
	s.dlg = dialog.NewCustom("Search notes", "Close", content, s.m.c.win)
	s.dlg.SetOnClosed(func() {
		if s.m.finder == s {
			s.m.finder = nil
		}
	})
	size := s.m.c.win.Canvas().Size()
	s.dlg.Resize(fyne.NewSize(min(760, size.Width-40), min(560, size.Height-40)))
	s.dlg.Show()
	s.m.c.win.Canvas().Focus(s.query)
}

// run searches for what is typed.
func (s *searchDialog) run() {
	s.m.c.idle.touch()
	q := strings.TrimSpace(s.query.Text)
	hits, err := s.m.notes.Search(q, notes.Filter{Limit: 50})
	if err != nil {
		title, msg := userMessage(err)
		s.status.SetText(title + ". " + msg)
		hits = nil
	}
	s.hits = hits
	switch {
	case q == "":
		s.status.SetText("Type a word, a phrase in quotes, or the start of a word followed by *.")
	case len(hits) == 0:
		s.status.SetText("No note matches.")
	case len(hits) == 1:
		s.status.SetText("1 note. Choose it to open it.")
	default:
		s.status.SetText(strconv.Itoa(len(hits)) + " notes, best first. Choose one to open it.")
	}
	s.list.UnselectAll()
	s.list.Refresh()
}

// refresh redraws the hits (privacy mode changed).
func (s *searchDialog) refresh() { s.list.Refresh() }

func (s *searchDialog) createItem() fyne.CanvasObject {
	title := &widget.Label{Text: "Client · kind · date", TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	snippet := &widget.RichText{Wrapping: fyne.TextWrapWord}
	snippet.ExtendBaseWidget(snippet)
	return container.NewVBox(title, snippet)
}

func (s *searchDialog) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(s.hits) {
		return
	}
	h := s.hits[i]
	box := o.(*fyne.Container)
	name := h.ClientName
	snippet := strings.Join(strings.Fields(h.Snippet), " ")
	if s.m.c.privacy {
		name = initials(h.ClientName)
		snippet = maskName(snippet, h.ClientName)
	}
	state := "draft"
	if h.Signed {
		state = "signed"
	}
	box.Objects[0].(*widget.Label).SetText(name + " · " + kindLabel(h.Kind) + " · " + h.Date + " · " + state)
	rt := box.Objects[1].(*widget.RichText)
	rt.Segments = snippetSegments(snippet)
	rt.Refresh()
	s.list.SetItemHeight(i, box.MinSize().Height)
}

func (s *searchDialog) onSelected(i widget.ListItemID) {
	if i >= len(s.hits) {
		return
	}
	h := s.hits[i]
	s.dlg.Hide()
	s.m.openNote(h.ClientID, h.NoteID)
}

// snippetSegments turns a snippet with notes.MarkOpen/MarkClose around
// the matched words into rich text with those words in bold.
func snippetSegments(snippet string) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	plain := widget.RichTextStyleInline
	bold := widget.RichTextStyleStrong
	for snippet != "" {
		open := strings.Index(snippet, notes.MarkOpen)
		if open < 0 {
			segs = append(segs, &widget.TextSegment{Text: snippet, Style: plain})
			break
		}
		if open > 0 {
			segs = append(segs, &widget.TextSegment{Text: snippet[:open], Style: plain})
		}
		rest := snippet[open+len(notes.MarkOpen):]
		end := strings.Index(rest, notes.MarkClose)
		if end < 0 {
			end = len(rest)
		}
		segs = append(segs, &widget.TextSegment{Text: rest[:end], Style: bold})
		snippet = strings.TrimPrefix(rest[end:], notes.MarkClose)
	}
	if len(segs) > 0 {
		if last, ok := segs[len(segs)-1].(*widget.TextSegment); ok {
			last.Style.Inline = true
		}
	}
	return segs
}

// maskName replaces each part of name in text by its initial, for privacy
// mode: a snippet may hold the client's name.
func maskName(text, name string) string {
	for _, part := range strings.Fields(name) {
		if len([]rune(part)) < 2 {
			continue
		}
		re := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(part) + `\b`)
		text = re.ReplaceAllString(text, strings.ToUpper(string([]rune(part)[:1]))+".")
	}
	return text
}
