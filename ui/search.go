package ui

import (
	"math"
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
// clients' names, as you type, each word matching the start of a word,
// with the matched words in bold; filters for the client, the kind and the
// dates. Each note is listed once (a hit in an addendum is its note's).
// Opening a hit opens its note scrolled to the first match; Esc closes.
type searchDialog struct {
	m *mainScreen

	hits     []notes.Hit
	query    *keyEntry
	client   *keySelect
	kind     *keySelect
	from, to *keyEntry
	status   *widget.Label
	list     *widget.List
	dlg      *dialog.CustomDialog

	clientIDs map[string]string // client choice label -> id
	people    map[string]notes.Identifiers
}

// Filter choices that mean "any".
const (
	anyClient = "All clients"
	anyKind   = "All kinds"
)

const searchHint = "Type the start of any word: “anxi” finds anxiety."

func (s *searchDialog) show() {
	s.query = newKeyEntry()
	s.query.PlaceHolder = "Words to find in any note…"
	s.query.OnChanged = func(string) { s.run() }
	s.query.OnEscape = s.close
	s.query.OnSubmitted = func(string) {
		if len(s.hits) > 0 {
			s.onSelected(0)
		}
	}
	s.query.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.status = &widget.Label{Text: searchHint, SizeName: captionSize, Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	s.people = map[string]notes.Identifiers{}
	s.client = newKeySelect(nil, func(string) { s.run() })
	s.fillClients()
	kinds := []string{anyKind}
	for _, k := range notes.Kinds {
		kinds = append(kinds, kindLabel(k))
	}
	s.kind = newKeySelect(kinds, func(string) { s.run() })
	s.kind.Selected = anyKind
	s.from, s.to = newField("", "From (date)"), newField("", "To (date)")
	s.from.OnChanged = func(string) { s.run() }
	s.to.OnChanged = s.from.OnChanged
	// Enter in a filter opens the first hit, as in the words to find.
	s.from.OnSubmitted, s.to.OnSubmitted = s.query.OnSubmitted, s.query.OnSubmitted
	s.client.OnEnter = func() { s.query.OnSubmitted("") }
	s.kind.OnEnter = s.client.OnEnter
	s.list = &widget.List{
		Length:     func() int { return len(s.hits) },
		CreateItem: s.createItem,
		UpdateItem: s.updateItem,
		OnSelected: s.onSelected,
	}
	s.list.ExtendBaseWidget(s.list)
	filters := container.NewGridWithColumns(4, s.client, s.kind, s.from, s.to)
	content := container.NewBorder(container.NewVBox(s.query, filters, s.status), nil, nil, nil, s.list)
	s.dlg = dialog.NewCustom("Search notes", "Close", content, s.m.c.win)
	s.dlg.SetOnClosed(func() {
		if s.m.finder == s {
			s.m.finder = nil
		}
	})
	size := s.m.c.win.Canvas().Size()
	s.dlg.Resize(fyne.NewSize(min(860, size.Width-40), min(600, size.Height-40)))
	s.dlg.Show()
	s.m.c.win.Canvas().Focus(s.query)
}

// close closes the search.
func (s *searchDialog) close() { s.dlg.Hide() }

// fillClients offers the clients to filter by, by initials in privacy
// mode.
func (s *searchDialog) fillClients() {
	id := s.clientIDs[s.client.Selected]
	s.clientIDs = map[string]string{}
	opts := []string{anyClient}
	all, err := s.m.notes.ListClients(notes.ClientFilter{})
	if err != nil {
		s.m.c.showError(err)
	}
	for i := range all {
		label := s.m.displayName(&all[i])
		for base, n := label, 2; s.clientIDs[label] != ""; n++ {
			label = base + " (" + strconv.Itoa(n) + ")"
		}
		s.clientIDs[label] = all[i].ID
		opts = append(opts, label)
	}
	s.client.Options, s.client.Selected = opts, anyClient
	for label, cid := range s.clientIDs {
		if cid == id && id != "" {
			s.client.Selected = label
		}
	}
	s.client.Refresh()
}

// filter reads the filters; problem says what is wrong with a date.
func (s *searchDialog) filter() (f notes.Filter, problem string) {
	f = notes.Filter{Limit: 50, Prefix: true, ClientID: s.clientIDs[s.client.Selected]}
	if s.kind.Selected != anyKind && s.kind.Selected != "" {
		f.Kinds = []notes.Kind{kindFromLabel(s.kind.Selected)}
	}
	for _, d := range []struct {
		e    *widget.Entry
		to   *string
		name string
	}{{&s.from.Entry, &f.From, "From"}, {&s.to.Entry, &f.To, "To"}} {
		if strings.TrimSpace(d.e.Text) == "" {
			continue
		}
		iso, err := parseDate(d.e.Text)
		if err != nil {
			return f, d.name + ": " + err.Error()
		}
		*d.to = iso
	}
	return f, ""
}

// run searches for what is typed, with the filters.
func (s *searchDialog) run() {
	s.m.c.idle.touch()
	q := strings.TrimSpace(s.query.Text)
	f, problem := s.filter()
	var hits []notes.Hit
	var err error
	if problem == "" {
		hits, err = s.m.notes.Search(q, f)
	}
	s.hits = onePerNote(hits)
	switch {
	case problem != "":
		s.status.SetText(problem)
	case err != nil:
		title, msg := userMessage(err)
		s.status.SetText(title + ". " + msg)
	case q == "":
		s.status.SetText(searchHint)
	case len(s.hits) == 0:
		s.status.SetText("No note matches.")
	case len(s.hits) == 1:
		s.status.SetText("1 note. Choose it, or press Enter, to open it.")
	default:
		s.status.SetText(strconv.Itoa(len(s.hits)) + " notes, best first. Choose one to open it.")
	}
	s.list.UnselectAll()
	s.list.Refresh()
}

// onePerNote keeps the best hit of each note: a hit in an addendum stands
// for the note it belongs to.
func onePerNote(hits []notes.Hit) []notes.Hit {
	seen := map[string]bool{}
	var out []notes.Hit
	for _, h := range hits {
		if h.ParentID != "" {
			h.NoteID = h.ParentID
		}
		if !seen[h.NoteID] {
			seen[h.NoteID] = true
			out = append(out, h)
		}
	}
	return out
}

// refresh redraws the hits and the client choices (privacy mode changed).
func (s *searchDialog) refresh() {
	s.fillClients()
	s.list.Refresh()
}

func (s *searchDialog) createItem() fyne.CanvasObject {
	title := &widget.Label{Text: "Client · kind · date", TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	// One line, cut with "…" where the list is narrow: a wrapping text
	// in a row of fixed height showed a scroll bar of its own and lost
	// its last line under it.
	snippet := &widget.RichText{Truncation: fyne.TextTruncateEllipsis, Scroll: container.ScrollNone}
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
		snippet = maskPeople(maskName(snippet, h.ClientName), s.identifiers(h.ClientID))
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
	words := strings.Fields(s.query.Text)
	s.dlg.Hide()
	s.m.openNote(h.ClientID, h.NoteID)
	if s.m.pane != nil {
		s.m.pane.reveal(words)
	}
}

// identifiers are the people a client's notes may name, for masking.
func (s *searchDialog) identifiers(clientID string) notes.Identifiers {
	if id, ok := s.people[clientID]; ok {
		return id
	}
	var id notes.Identifiers
	if cl, err := s.m.notes.GetClient(clientID); err == nil {
		id = cl.Identifiers()
	}
	s.people[clientID] = id
	return id
}

// reveal scrolls the open note to the first text with a word starting
// with one of words, as a search hit asks.
func (p *clientPane) reveal(words []string) {
	var res []*regexp.Regexp
	for _, w := range words {
		w = strings.Trim(w, `"*()`)
		if w != "" {
			res = append(res, regexp.MustCompile(`(?i)(^|[^\pL\pN])`+regexp.QuoteMeta(w)))
		}
	}
	if len(res) == 0 {
		return
	}
	do := func() {
		scroll, target, text, at := findHit(p.noteArea, res)
		if scroll == nil || target == nil {
			return
		}
		d := fyne.CurrentApp().Driver()
		y := d.AbsolutePositionForObject(target).Y - d.AbsolutePositionForObject(scroll.Content).Y
		// Down the text to the row of the match, as the text wraps.
		width := target.Size().Width - 2*theme.InnerPadding()
		before, all := wrappedRows(text[:at], width), wrappedRows(text, width)
		if all > 0 {
			y += target.Size().Height * float32(before-1) / float32(all)
		}
		scroll.ScrollToOffset(fyne.NewPos(0, max(0, y-theme.Padding()*4)))
	}
	do()
	go fyne.Do(do) // again once the new note has been laid out and drawn
}

// wrappedRows is about how many rows text takes, wrapped at width.
func wrappedRows(text string, width float32) int {
	rows := 0
	for _, l := range strings.Split(text, "\n") {
		n := 1
		if width > 0 {
			n = max(1, int(math.Ceil(float64(fyne.MeasureText(l, theme.TextSize(), fyne.TextStyle{}).Width/width))))
		}
		rows += n
	}
	return rows
}

// findHit finds the scroll of the open note, its first text matching one
// of res, that text and where in it the match is.
func findHit(o fyne.CanvasObject, res []*regexp.Regexp) (scroll *container.Scroll, target fyne.CanvasObject, found string, at int) {
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if target != nil || o == nil {
			return
		}
		text := ""
		switch x := o.(type) {
		case *container.Scroll:
			if scroll == nil {
				scroll = x
			}
			walk(x.Content)
			return
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
			return
		case *widget.Label:
			text = x.Text
		case *sectionEntry:
			text = x.Text
		case *widget.Entry:
			text = x.Text
		}
		if scroll == nil || text == "" {
			return
		}
		for _, re := range res {
			if loc := re.FindStringIndex(text); loc != nil {
				target, found, at = o, text, loc[0]
				return
			}
		}
	}
	walk(o)
	return scroll, target, found, at
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
