package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// mainScreen is the unlocked window: a header with search, privacy mode,
// settings and Lock; the client list on the left; on the right, the
// selected client's notes and panels, or a start pane with what needs
// attention. Everything it shows is dropped at once when the user locks:
// Confide saves the open draft, replaces the window content and locks v.
type mainScreen struct {
	c       *Confide
	v       *vault.Vault
	notes   *notes.Store
	consent *consent.Store

	lock     *widget.Button
	search   *widget.Button
	privacy  *widget.Check
	settings *widget.Button
	clients  *clientList
	right    *fyne.Container // holds the start pane or the client pane
	pane     *clientPane     // the selected client, nil when none
	finder   *searchDialog   // open search, nil when none
	form     *clientForm     // a new client being written, nil when none

	settingsOpen *settingsScreen // the last settings dialog shown
}

// place is where the user was: the client, the note and the tab on show.
// It lives in memory only, so that unlocking returns there.
type place struct {
	clientID, noteID string
	tab              int
	editing          bool // the client's details form was open
	newClient        bool // the new-client form was open
}

func (s *mainScreen) buildUI() fyne.CanvasObject {
	s.lock = &widget.Button{Text: "Lock", Icon: theme.VisibilityOffIcon(), OnTapped: s.c.onLock}
	s.search = &widget.Button{Text: "Search", Icon: theme.SearchIcon(), Importance: widget.LowImportance, OnTapped: s.onSearch}
	s.settings = &widget.Button{Icon: theme.SettingsIcon(), Importance: widget.LowImportance, OnTapped: s.onSettings}
	s.privacy = &widget.Check{Text: "Privacy mode", Checked: s.c.privacy, OnChanged: s.setPrivacy}
	header := container.NewHBox(
		&widget.Label{Text: "Confide", TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: "Vault " + shortID(s.v.ID()), SizeName: captionSize, Importance: widget.LowImportance},
		layout.NewSpacer(),
		s.search, s.privacy, s.settings,
		&widget.Label{Text: shortcutText(lockShortcut), SizeName: captionSize, Importance: widget.LowImportance},
		s.lock,
	)
	return container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, s.buildWorkspace())
}

// buildWorkspace opens the domain stores on the vault and lays out the
// client list beside the selected client.
func (s *mainScreen) buildWorkspace() fyne.CanvasObject {
	cs, err := consent.Open(s.v, consent.WithClock(s.c.opts.Now))
	if err != nil {
		title, msg := userMessage(err)
		return column(heading(title), paragraph(msg))
	}
	s.consent, s.notes = cs, cs.Notes()
	s.clients = &clientList{m: s}
	s.right = container.NewStack(s.buildStart())
	split := container.NewHSplit(s.clients.buildUI(), s.right)
	split.Offset = 0.25
	return split
}

// buildStart is the right side when no client is chosen: what needs the
// clinician across the practice.
func (s *mainScreen) buildStart() fyne.CanvasObject {
	attention := newAttentionList(s.deps(), s.openAttention)
	if box, ok := attention.(*fyne.Container); ok && len(box.Objects) == 0 {
		attention = &widget.Label{Text: "Nothing needs your attention today.", Importance: widget.LowImportance}
	}
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		heading("Choose a client"),
		paragraph("Pick a client on the left to see their notes, or add a new client. "+
			shortcutText(newNoteShortcut)+" starts a note, "+shortcutText(searchShortcut)+" searches every note, "+shortcutText(lockShortcut)+" locks."),
		widget.NewSeparator(),
		&widget.Label{Text: "Needs your attention", TextStyle: fyne.TextStyle{Bold: true}},
		attention,
	)))
}

// deps is what the client panels need from the window.
func (s *mainScreen) deps() panelDeps {
	return panelDeps{
		win:     s.c.win,
		notes:   s.notes,
		consent: s.consent,
		now:     s.c.opts.Now,
		showErr: s.c.showError,
		copy:    s.c.clip.copy,
		privacy: func() bool { return s.c.privacy },
	}
}

// now is today's clock.
func (s *mainScreen) now() time.Time { return s.c.opts.Now() }

// selectClient shows a client on the right, saving any open draft first.
func (s *mainScreen) selectClient(id string) {
	s.c.idle.touch()
	if s.pane != nil {
		if s.pane.client.ID == id {
			return
		}
		if err := s.pane.close(); err != nil {
			s.c.showError(err)
		}
	}
	if s.form != nil {
		if err := s.form.keep(); err != nil {
			s.c.showError(err)
		}
		s.form = nil
	}
	cl, err := s.notes.GetClient(id)
	if err != nil {
		s.c.showError(err)
		return
	}
	s.pane = &clientPane{m: s, client: cl}
	s.right.Objects = []fyne.CanvasObject{s.pane.buildUI()}
	s.right.Refresh()
	s.setTitle()
}

// showStart goes back to the start pane (after a record is destroyed).
func (s *mainScreen) showStart() {
	if s.pane != nil {
		s.pane.close()
	}
	s.pane = nil
	s.clients.selected = ""
	s.clients.list.UnselectAll()
	s.right.Objects = []fyne.CanvasObject{s.buildStart()}
	s.right.Refresh()
	s.setTitle()
}

func (s *mainScreen) setTitle() {
	s.c.win.SetTitle(titleUnlocked) // never a client's name: the task bar is seen by anyone passing
}

// displayName is how a client is named on screen: initials only in
// privacy mode.
func (s *mainScreen) displayName(c *notes.Client) string {
	if s.c.privacy {
		return initials(c.Name)
	}
	if c.Preferred != "" && !strings.Contains(c.Name, c.Preferred) {
		return c.Name + " (" + c.Preferred + ")"
	}
	return c.Name
}

// initials turns "Maria Garcia" into "M. G.".
func initials(name string) string {
	var parts []string
	for _, w := range strings.Fields(name) {
		r := []rune(w)
		parts = append(parts, strings.ToUpper(string(r[0]))+".")
	}
	if len(parts) == 0 {
		return "?"
	}
	return strings.Join(parts, " ")
}

// setPrivacy turns privacy mode on or off everywhere at once.
func (s *mainScreen) setPrivacy(on bool) {
	s.c.idle.touch()
	s.c.privacy = on
	if s.privacy.Checked != on {
		s.privacy.SetChecked(on)
	}
	s.c.menu.privacy.Checked = on
	s.c.menu.main.Refresh()
	if s.clients == nil {
		return
	}
	s.clients.refresh()
	if s.pane != nil {
		s.pane.refreshNames()
	} else if s.form == nil {
		s.right.Objects = []fyne.CanvasObject{s.buildStart()} // the attention list names clients
		s.right.Refresh()
	}
	if s.finder != nil {
		s.finder.refresh()
	}
	s.setTitle()
}

// openAttention shows where an item of the attention list is dealt with:
// a note to write or sign in the client's notes, anything else on the
// client's consent tab.
func (s *mainScreen) openAttention(a consent.Attention) {
	if a.ClientID == "" {
		return
	}
	if a.IsNote() {
		s.openNote(a.ClientID, a.Record)
		return
	}
	s.clients.choose(a.ClientID)
	if s.pane != nil && s.pane.client.ID == a.ClientID {
		switch a.Kind {
		case clinical.AttentionRisk, clinical.AttentionMeasure:
			s.selectTab(tabMeasures)
		case clinical.AttentionPlan:
			s.selectTab(tabPlan)
		default:
			s.selectTab(tabConsent)
		}
	}
}

// selectTab shows the selected client's tab of that name.
func (s *mainScreen) selectTab(name string) {
	for i, it := range s.pane.tabs.Items {
		if it.Text == name {
			s.pane.tabs.SelectIndex(i)
			return
		}
	}
}

// reloadConsentTab builds the selected client's consent tab again, after
// something elsewhere entered a record in it (a note printed from its view
// is a disclosure).
func (s *mainScreen) reloadConsentTab() {
	if s.pane == nil {
		return
	}
	for _, it := range s.pane.tabs.Items {
		if it.Text == tabConsent {
			it.Content = newConsentPanel(s.deps(), s.pane.client.ID)
		}
	}
	s.pane.tabs.Refresh()
}

// openNote shows a client's note, as a search hit asks.
func (s *mainScreen) openNote(clientID, noteID string) {
	s.clients.choose(clientID)
	if s.pane != nil && s.pane.client.ID == clientID {
		s.selectTab(tabNotes)
		s.pane.openNote(noteID)
	}
}

// where tells where the user is, for the return after unlocking.
func (s *mainScreen) where() place {
	if s.form != nil {
		return place{newClient: true}
	}
	if s.pane == nil {
		return place{}
	}
	p := place{clientID: s.pane.client.ID, tab: s.pane.tabs.SelectedIndex(), editing: s.pane.form != nil}
	if s.pane.editor != nil {
		p.noteID = s.pane.editor.note.ID
	} else if s.pane.view != nil {
		p.noteID = s.pane.view.note.ID
	}
	return p
}

// restore goes back to p, as far as it still exists.
func (s *mainScreen) restore(p place) {
	if p.newClient && s.clients != nil {
		s.onNewClient()
		return
	}
	if p.clientID == "" || s.clients == nil {
		return
	}
	s.clients.choose(p.clientID)
	if s.pane == nil || s.pane.client.ID != p.clientID {
		return
	}
	if p.noteID != "" {
		s.pane.openNote(p.noteID)
	}
	s.pane.tabs.SelectIndex(p.tab)
	if p.editing {
		s.pane.onEdit()
	}
}

// close saves the open draft and keeps client details being edited; the
// screen is about to go.
func (s *mainScreen) close() error {
	if s.finder != nil {
		s.finder.dlg.Hide()
		s.finder = nil
	}
	if s.form != nil {
		return s.form.keep()
	}
	if s.pane == nil {
		return nil
	}
	return s.pane.close()
}

func (s *mainScreen) onNewNote() {
	if s.pane == nil {
		dialog.ShowInformation("Choose a client first", "Pick the client on the left, then start the note.", s.c.win)
		return
	}
	s.pane.onNewNote()
}

func (s *mainScreen) onSign() {
	if s.pane == nil || s.pane.editor == nil {
		dialog.ShowInformation("No draft is open", "Open a draft note to sign it.", s.c.win)
		return
	}
	s.pane.editor.onSign()
}

func (s *mainScreen) onNewClient() {
	if s.pane != nil {
		if err := s.pane.close(); err != nil {
			s.c.showError(err)
		}
		s.pane = nil
	}
	if s.form != nil {
		return // already writing one
	}
	f := openClientForm(s, nil, &notes.Client{Status: notes.Active, IntakeDate: s.now().Format(notes.DateLayout)})
	s.form = f
	s.right.Objects = []fyne.CanvasObject{f.root}
	s.right.Refresh()
	s.clients.list.UnselectAll()
	s.setTitle()
}

func (s *mainScreen) onSearch() {
	if s.notes == nil {
		return
	}
	s.c.idle.touch()
	if s.finder != nil {
		s.c.win.Canvas().Focus(s.finder.query)
		return
	}
	s.finder = &searchDialog{m: s}
	s.finder.show()
}

func (s *mainScreen) onSettings() {
	if s.notes == nil {
		return
	}
	s.settingsOpen = &settingsScreen{m: s}
	s.settingsOpen.show()
}

func (s *mainScreen) onRetention() {
	if s.notes == nil {
		return
	}
	(&retentionScreen{m: s}).show()
}

// shortID is the vault id cut to its first eight hex digits, enough to
// tell vaults apart at a glance.
func shortID(id string) string {
	const n = len("cf-") + 8
	if len(id) <= n {
		return id
	}
	return id[:n]
}
