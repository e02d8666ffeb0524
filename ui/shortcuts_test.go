package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Modifiers are written in each system's own order (TestShortcutLabels,
// desk_test.go, checks the shortcuts the window defines).
func TestShortcutTextOrder(t *testing.T) {
	defer func(g string) { goos = g }(goos)
	all := &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift | fyne.KeyModifierAlt}
	alt := &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierAlt}
	for _, tt := range []struct{ os, all, alt string }{
		{"linux", "Ctrl+Alt+Shift+P", "Ctrl+Alt+N"},
		{"windows", "Ctrl+Alt+Shift+P", "Ctrl+Alt+N"},
		{"darwin", "⌥⇧⌘P", "⌥⌘N"},
	} {
		goos = tt.os
		if got := shortcutText(all); got != tt.all {
			t.Errorf("%s: Alt, Shift and the shortcut key read %q, want %q", tt.os, got, tt.all)
		}
		if got := shortcutText(alt); got != tt.alt {
			t.Errorf("%s: Alt and the shortcut key read %q, want %q", tt.os, got, tt.alt)
		}
	}
}
