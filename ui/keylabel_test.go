package ui

import (
	"runtime"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

func TestKeyLabel(t *testing.T) {
	// The shortcuts as each system defines them: Fyne's default modifier is
	// Ctrl on Windows and Linux and Cmd (Super) on macOS.
	pc := func(k fyne.KeyName, m fyne.KeyModifier) *desktop.CustomShortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl | m}
	}
	mac := func(k fyne.KeyName, m fyne.KeyModifier) *desktop.CustomShortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierSuper | m}
	}
	for _, c := range []struct {
		names keyNames
		s     *desktop.CustomShortcut
		want  string
	}{
		{pcKeys, pc(fyne.KeyL, 0), "Ctrl+L"},
		{pcKeys, pc(fyne.KeyS, fyne.KeyModifierShift), "Ctrl+Shift+S"},
		{pcKeys, pc(fyne.KeyComma, 0), "Ctrl+,"},
		{macKeys, mac(fyne.KeyL, 0), "⌘L"},
		{macKeys, mac(fyne.KeyS, fyne.KeyModifierShift), "⇧⌘S"},
		{macKeys, mac(fyne.KeyP, fyne.KeyModifierShift|fyne.KeyModifierAlt), "⌥⇧⌘P"},
	} {
		if got := c.names.label(c.s); got != c.want {
			t.Errorf("label(%v) = %q, want %q", c.s, got, c.want)
		}
	}
	// This build writes the shortcuts it defines the way its system does.
	want := map[bool][2]string{true: {"⌘L", "⇧⌘S"}, false: {"Ctrl+L", "Ctrl+Shift+S"}}[runtime.GOOS == "darwin"]
	if got := [2]string{keyLabel(lockShortcut), keyLabel(signShortcut)}; got != want {
		t.Errorf("on %s the lock and sign shortcuts read %q, want %q", runtime.GOOS, got, want)
	}
}
