package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/vault"
)

// mainScreen is the unlocked window: a header naming the vault with a Lock
// action, and the workspace below it.
//
// The workspace is where the clients and notes interface goes (issue 4):
// buildWorkspace is the extension point, and v is the open vault to hand to
// the domain packages. Everything the main screen shows is dropped at once
// when the user locks: Confide replaces the window content and then locks v.
type mainScreen struct {
	c *Confide
	v *vault.Vault

	lock      *widget.Button
	workspace fyne.CanvasObject
}

func (s *mainScreen) buildUI() fyne.CanvasObject {
	s.lock = &widget.Button{Text: "Lock", OnTapped: s.c.onLock}
	header := container.NewHBox(
		&widget.Label{Text: "Confide", TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: "Vault " + shortID(s.v.ID()), SizeName: captionSize, Importance: widget.LowImportance},
		layout.NewSpacer(),
		&widget.Label{Text: "Ctrl+L", SizeName: captionSize, Importance: widget.LowImportance},
		s.lock,
	)
	s.workspace = s.buildWorkspace()
	return container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, s.workspace)
}

// buildWorkspace is the area below the header. Issue 4 replaces this
// placeholder with the clients list and the note editor.
func (s *mainScreen) buildWorkspace() fyne.CanvasObject {
	return container.NewCenter(container.NewVBox(
		&widget.Label{Text: "Your notes are unlocked.", Alignment: fyne.TextAlignCenter},
		&widget.Label{Text: "Clients and notes will appear here.", Alignment: fyne.TextAlignCenter, Importance: widget.LowImportance},
	))
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
