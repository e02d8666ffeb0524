package ui

import (
	"time"

	"fyne.io/fyne/v2"
)

// Preference keys. Preferences hold only how the app behaves and looks:
// never a name, a note, an id from the vault or anything clinical.
const (
	prefWindowWidth    = "window.width"
	prefWindowHeight   = "window.height"
	prefAutoLockMin    = "lock.idle_minutes"
	prefClipboardSec   = "clipboard.clear_seconds"
	prefPrivacyDefault = "privacy.default"
	prefBackupDir      = "backup.folder"
	prefBackupDaily    = "backup.daily"
	prefBackupLast     = "backup.last" // RFC 3339 time of the last good backup
	prefVaultDir       = "vault.folder"
	prefLook           = "look.theme"     // lookSystem, lookLight or lookDark
	prefTextSize       = "look.text_size" // a textSizeChoices label
	prefIdlePIN        = "lock.idle_pin"  // after an idle lock, ask for the PIN or passphrase
	prefPINOffered     = "lock.pin_offered"
)

// Defaults of the settings.
const (
	defaultAutoLockMin  = 10
	defaultClipboardSec = 30
)

// defaultWindowSize is the first-run size: room for a list beside a note.
var defaultWindowSize = fyne.NewSize(1100, 720)

// restoreWindowSize resizes w to the size remembered in p.
func restoreWindowSize(w fyne.Window, p fyne.Preferences) {
	width := p.FloatWithFallback(prefWindowWidth, float64(defaultWindowSize.Width))
	height := p.FloatWithFallback(prefWindowHeight, float64(defaultWindowSize.Height))
	if width < 400 || height < 300 {
		width, height = float64(defaultWindowSize.Width), float64(defaultWindowSize.Height)
	}
	w.Resize(fyne.NewSize(float32(width), float32(height)))
}

// rememberWindowSize stores the size of w in p.
func rememberWindowSize(w fyne.Window, p fyne.Preferences) {
	size := w.Canvas().Size()
	if size.Width < 1 || size.Height < 1 {
		return
	}
	p.SetFloat(prefWindowWidth, float64(size.Width))
	p.SetFloat(prefWindowHeight, float64(size.Height))
}

// autoLockAfter is the idle time after which Confide locks; 0 never.
func autoLockAfter(p fyne.Preferences) time.Duration {
	return time.Duration(p.IntWithFallback(prefAutoLockMin, defaultAutoLockMin)) * time.Minute
}

// clipboardTimeout is how long copied text stays on the clipboard; 0 for
// as long as the user likes.
func clipboardTimeout(p fyne.Preferences) time.Duration {
	return time.Duration(p.IntWithFallback(prefClipboardSec, defaultClipboardSec)) * time.Second
}

// PreferredVaultDir is the vault folder chosen in the settings, or "" when
// none was: cmd/confide uses it when neither --vault nor CONFIDE_VAULT is
// given.
func PreferredVaultDir(p fyne.Preferences) string { return p.String(prefVaultDir) }
