package ui

import (
	"fyne.io/fyne/v2"

	"github.com/confidenotes/confide/notes"
)

// TourStep is one screen of the screenshot tour: Show puts it on the
// window (on the UI goroutine); the caller then captures the window.
type TourStep struct {
	Name string // file name without extension, e.g. "notes"
	Show func()
}

// Tour lists the main screens as `make screenshots` captures them for the
// README, on the unlocked main window of a demo practice: the client list,
// a signed note, a draft in the editor, a client's details, search, privacy mode, the
// consent tab, the Measures and Plan tabs, the release wizard, a consultation, settings and
// the locked screen. It is empty while the vault is locked.
func (c *Confide) Tour() []TourStep {
	m := c.main
	if m == nil || m.notes == nil {
		return nil
	}
	signed, draft := m.tourNotes()
	return []TourStep{
		{"main", func() {}},
		{"note", func() {
			if signed.clientID != "" {
				m.openNote(signed.clientID, signed.noteID)
			}
		}},
		{"editor", func() {
			if draft.clientID != "" {
				m.openNote(draft.clientID, draft.noteID)
			}
		}},
		{"details", func() {
			if m.pane != nil {
				m.pane.onEdit()
			}
		}},
		{"search", func() {
			if m.pane != nil && m.pane.form != nil {
				m.pane.closeForm()
			}
			m.onSearch()
			m.finder.query.SetText("sleep")
		}},
		{"privacy", func() {
			if m.finder != nil {
				m.finder.dlg.Hide()
			}
			m.setPrivacy(true)
		}},
		{"consent", func() {
			m.setPrivacy(false)
			if signed.clientID != "" {
				m.clients.choose(signed.clientID)
				m.pane.tabs.SelectIndex(1)
			}
		}},
		{"measures", func() {
			if signed.clientID != "" {
				m.clients.choose(signed.clientID)
				m.pane.tabs.SelectIndex(3)
			}
		}},
		{"plan", func() {
			if signed.clientID != "" {
				m.pane.tabs.SelectIndex(4)
			}
		}},
		{"release", func() {
			if signed.clientID != "" {
				m.pane.tabs.SelectIndex(1)
				showReleaseWizard(m.deps(), signed.clientID, nil)
			}
		}},
		{"consult", func() {
			clearOverlays(c.win)
			if m.pane == nil || signed.noteID == "" {
				return
			}
			p := &consultPanel{d: m.deps(), clientID: signed.clientID}
			m.pane.tabs.Items[2].Content = p.buildUI()
			m.pane.tabs.SelectIndex(2)
			p.prepareFor("Dr. Reyes", "peer consultation", signed.noteID)
		}},
		{"settings", func() {
			m.onSettings()
		}},
		{"locked", func() {
			m.closeSettings()
			clearOverlays(c.win)
			c.place = place{}
			c.onLock()
		}},
	}
}

// clearOverlays removes every dialog and pop-up from w, as the tour moves
// on to a screen of its own.
func clearOverlays(w fyne.Window) {
	for o := w.Canvas().Overlays(); o.Top() != nil; {
		o.Remove(o.Top())
	}
}

// tourNotes finds a signed note and a draft to show, among active clients.
func (m *mainScreen) tourNotes() (signed, draft place) {
	clients, err := m.notes.ListClients(notes.ClientFilter{Status: notes.Active})
	if err != nil {
		fyne.LogError("tour", err)
		return
	}
	for _, c := range clients {
		sums, err := m.notes.ListNotes(c.ID)
		if err != nil {
			continue
		}
		for _, s := range sums {
			switch {
			case s.Signed && signed.clientID == "" && s.Kind == notes.Progress:
				signed = place{clientID: c.ID, noteID: s.ID}
			case !s.Signed && draft.clientID == "":
				draft = place{clientID: c.ID, noteID: s.ID}
			}
		}
		if signed.clientID != "" && draft.clientID != "" {
			return
		}
	}
	return
}

// ClientsShown is how many clients the main window's list shows, or -1
// while locked: the smoke test's proof that the list is up.
func (c *Confide) ClientsShown() int {
	if c.main == nil || c.main.clients == nil {
		return -1
	}
	return len(c.main.clients.shown)
}
