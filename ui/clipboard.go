package ui

import (
	"time"

	"fyne.io/fyne/v2"
)

// clipboardGuard clears text copied from Confide off the clipboard after
// the timeout, if it is still there. Text copied through copy is known to
// be ours; text that appears on the clipboard while Confide's window has
// the focus (Ctrl+C in an entry or a selectable label) is taken to be ours
// too, since only the focused window receives the keystroke. Its methods
// run on the UI goroutine.
type clipboardGuard struct {
	cb      fyne.Clipboard
	now     func() time.Time
	timeout func() time.Duration

	seen  string    // the clipboard's content at the last look
	ours  string    // text Confide put there, "" when none
	since time.Time // when it was put there (wall clock)
}

// copy puts text on the clipboard, to be cleared after the timeout.
func (g *clipboardGuard) copy(text string) {
	g.cb.SetContent(text)
	g.seen, g.ours, g.since = text, text, g.now().Round(0)
}

// poll looks at the clipboard: it adopts new text copied while Confide is
// in the foreground and clears ours once the timeout has passed.
func (g *clipboardGuard) poll(foreground bool) {
	cur := g.cb.Content()
	if cur != g.seen {
		g.seen = cur
		g.ours = ""
		if foreground && cur != "" {
			g.ours, g.since = cur, g.now().Round(0)
		}
	}
	limit := g.timeout()
	if g.ours != "" && limit > 0 && g.now().Round(0).Sub(g.since) >= limit {
		g.clear()
	}
}

// clear removes our text from the clipboard now, if it is still there
// (on lock and quit).
func (g *clipboardGuard) clear() {
	if g.ours != "" && g.cb.Content() == g.ours {
		g.cb.SetContent("")
		g.seen = ""
	}
	g.ours = ""
}
