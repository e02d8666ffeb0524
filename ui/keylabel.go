package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// keyNames is how one system writes the modifier keys of a shortcut in
// text: in order, and joined with sep.
type keyNames struct {
	control, alt, shift, super, sep string
}

var (
	// pcKeys is Windows' and Linux's "Ctrl+Shift+S".
	pcKeys = keyNames{control: "Ctrl", alt: "Alt", shift: "Shift", super: "Super", sep: "+"}
	// macKeys is macOS's "⇧⌘S" (its menus' order: ⌃⌥⇧⌘).
	macKeys = keyNames{control: "⌃", alt: "⌥", shift: "⇧", super: "⌘", sep: ""}
)

// keyLabel is how a shortcut is written in the window's text on this
// system (keys, from keylabel_darwin.go or keylabel_other.go), the way the
// menus show it: Ctrl+L on Windows and Linux, ⌘L on macOS, where
// fyne.KeyModifierShortcutDefault is Cmd.
func keyLabel(s *desktop.CustomShortcut) string { return keys.label(s) }

func (k keyNames) label(s *desktop.CustomShortcut) string {
	var parts []string
	for _, m := range []struct {
		mod  fyne.KeyModifier
		name string
	}{{fyne.KeyModifierControl, k.control}, {fyne.KeyModifierAlt, k.alt}, {fyne.KeyModifierShift, k.shift}, {fyne.KeyModifierSuper, k.super}} {
		if s.Modifier&m.mod != 0 {
			parts = append(parts, m.name)
		}
	}
	return strings.Join(append(parts, string(s.KeyName)), k.sep)
}
