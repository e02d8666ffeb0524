// Package ui is Confide's desktop interface, built with Fyne.
//
// Create builds everything in one window: the first-run welcome that creates
// the vault and shows its recovery key once, the unlock screen (keyring,
// passphrase, identity file, or recovery on a new machine) and, once
// unlocked, the main screen. Each screen is one file and one small struct
// holding its widgets, with buildUI and onX handlers.
//
// Work that touches the disk or the keys (creating, unlocking, locking a
// vault) runs off the UI goroutine; its results reach the widgets only through
// fyne.Do. Errors reach the user only through userMessage, which says what
// happened and what to do, and never shows key material, note text or a
// stack trace.
//
// The package imports vault (and, later, the domain packages); it never runs
// SQL itself.
package ui
