package ui

import (
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The keyboard shortcuts, shown beside their menu items. Ctrl is Cmd on
// macOS.
var (
	quitShortcut     = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	lockShortcut     = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}
	newNoteShortcut  = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	searchShortcut   = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	signShortcut     = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	privacyShortcut  = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	settingsShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault}
)

// goos is the operating system the labels are for; tests change it.
var goos = runtime.GOOS

// modifierLabel names the shortcut modifier as the keyboard shows it:
// ⌘ on macOS, Ctrl elsewhere.
func modifierLabel() string {
	if goos == "darwin" {
		return "⌘"
	}
	return "Ctrl"
}

// shortcutText is how a shortcut is written on screen: "Ctrl+Shift+S",
// or "⇧⌘S" on macOS. Every label that names a shortcut uses it. The
// modifiers come in each system's order: Ctrl, Alt, Shift on Windows and
// Linux; ⌥⇧⌘ on macOS, as its menus show them.
func shortcutText(sc *desktop.CustomShortcut) string {
	key := string(sc.KeyName)
	if sc.KeyName == fyne.KeyComma {
		key = ","
	}
	mac := goos == "darwin"
	var parts []string
	add := func(m fyne.KeyModifier, label string) {
		if sc.Modifier&m != 0 {
			parts = append(parts, label)
		}
	}
	primary := fyne.KeyModifierShortcutDefault | fyne.KeyModifierControl | fyne.KeyModifierSuper
	if mac {
		add(fyne.KeyModifierAlt, "⌥")
		add(fyne.KeyModifierShift, "⇧")
		add(primary, modifierLabel())
		return strings.Join(parts, "") + key
	}
	add(primary, modifierLabel())
	add(fyne.KeyModifierAlt, "Alt")
	add(fyne.KeyModifierShift, "Shift")
	return strings.Join(append(parts, key), "+")
}

// menus are the window's menu items that depend on the vault being open.
type menus struct {
	main     *fyne.MainMenu
	lock     *fyne.MenuItem
	newNote  *fyne.MenuItem
	search   *fyne.MenuItem
	sign     *fyne.MenuItem
	privacy  *fyne.MenuItem
	settings *fyne.MenuItem
	client   *fyne.MenuItem
	due      *fyne.MenuItem
}

// buildMenus sets the main menu and the canvas shortcuts. A menu item's
// shortcut works even while a text field has the focus; the canvas
// shortcuts serve drivers without a main menu.
func (c *Confide) buildMenus() *menus {
	m := &menus{
		lock:     &fyne.MenuItem{Label: "Lock", Shortcut: lockShortcut, Action: c.onLock},
		newNote:  &fyne.MenuItem{Label: "New note…", Shortcut: newNoteShortcut, Action: c.onNewNote},
		search:   &fyne.MenuItem{Label: "Search notes…", Shortcut: searchShortcut, Action: c.onSearch},
		sign:     &fyne.MenuItem{Label: "Sign note…", Shortcut: signShortcut, Action: c.onSign},
		privacy:  &fyne.MenuItem{Label: "Privacy mode (initials only)", Shortcut: privacyShortcut, Action: c.onTogglePrivacy},
		settings: &fyne.MenuItem{Label: "Settings…", Shortcut: settingsShortcut, Action: c.onSettings},
		client:   &fyne.MenuItem{Label: "New client…", Action: c.onNewClient},
		due:      &fyne.MenuItem{Label: "Records due for destruction…", Action: c.onRetention},
	}
	quit := &fyne.MenuItem{Label: "Quit", IsQuit: true, Shortcut: quitShortcut, Action: c.Quit}
	m.main = fyne.NewMainMenu(
		fyne.NewMenu("Confide", m.settings, m.lock, fyne.NewMenuItemSeparator(), quit),
		fyne.NewMenu("Notes", m.newNote, m.sign, fyne.NewMenuItemSeparator(), m.search),
		fyne.NewMenu("Clients", m.client, m.privacy, fyne.NewMenuItemSeparator(), m.due),
	)
	c.win.SetMainMenu(m.main)
	for _, it := range []*fyne.MenuItem{m.lock, m.newNote, m.search, m.sign, m.privacy, m.settings, quit} {
		it := it
		c.win.Canvas().AddShortcut(it.Shortcut, func(fyne.Shortcut) {
			if !it.Disabled {
				it.Action()
			}
		})
	}
	return m
}

// setUnlocked enables the items that need the open vault.
func (m *menus) setUnlocked(on bool) {
	for _, it := range []*fyne.MenuItem{m.lock, m.newNote, m.search, m.sign, m.privacy, m.settings, m.client, m.due} {
		it.Disabled = !on
	}
	m.main.Refresh()
}

// watchInput counts keys typed outside any text field as activity, for
// the idle lock; the screens count their own fields, lists and buttons.
func (c *Confide) watchInput() {
	cv := c.win.Canvas()
	cv.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		c.idle.touch()
		dialogKey(c.win.Canvas(), ev)
	})
	cv.SetOnTypedRune(func(rune) { c.idle.touch() })
	if dc, ok := cv.(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { c.idle.touch() })
	}
}

// The menu actions: each works on the main screen, when it is up.

func (c *Confide) onNewNote() {
	if c.main != nil {
		c.main.closeSettings()
		c.main.onNewNote()
	}
}

func (c *Confide) onSearch() {
	if c.main != nil {
		c.main.closeSettings()
		c.main.onSearch()
	}
}

func (c *Confide) onSign() {
	if c.main != nil {
		c.main.closeSettings()
		c.main.onSign()
	}
}

func (c *Confide) onTogglePrivacy() {
	if c.main != nil {
		c.main.setPrivacy(!c.privacy)
	}
}

func (c *Confide) onNewClient() {
	if c.main != nil {
		c.main.closeSettings()
		c.main.onNewClient()
	}
}

func (c *Confide) onSettings() {
	if c.main != nil {
		c.main.onSettings()
	}
}

func (c *Confide) onRetention() {
	if c.main != nil {
		c.main.closeSettings()
		c.main.onRetention()
	}
}
