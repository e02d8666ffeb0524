// Package ui is Confide's desktop interface, built with Fyne.
//
// Create builds everything in one window: the first-run welcome that creates
// the vault and shows its recovery key once, the unlock screen (keyring,
// passphrase, identity file, or recovery on a new machine) and, once
// unlocked, the main screen: the client list (search as you type, an
// active/closed filter, privacy mode with initials only) beside the chosen
// client's notes, the note editor and the read-only view of signed notes,
// and the consent and consultation panels (panels.go). Each screen is one
// file and one small struct holding its widgets, with buildUI and onX
// handlers: clients.go, client_pane.go, client_form.go, notes_list.go,
// editor.go, note_view.go, search.go, settings.go, retention.go.
//
// # Never losing a word, and locking
//
// The editor saves a draft a second after typing pauses, when a field loses
// the focus, and synchronously before the note closes, the client changes,
// the vault locks or the app quits. Locking (Ctrl+L, the idle time measured
// on the wall clock so that a sleep past the limit locks at wake, or quitting)
// first saves, then replaces the window content at once, clears text copied
// from Confide off the clipboard, and closes the vault in the background;
// unlocking returns to the same client, note and tab, remembered in memory
// only.
//
// # Threads and errors
//
// Work that touches the disk or the keys (creating, unlocking, locking,
// backing up a vault) runs off the UI goroutine; its results reach the
// widgets only through fyne.Do. Errors reach the user only through
// userMessage, which says what happened and what to do, and never shows key
// material, note text or a stack trace. Preferences hold settings only,
// never anything from the vault.
//
// The package uses the domain packages notes and consent and the vault; it
// never runs SQL itself.
package ui
