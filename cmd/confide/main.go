// Command confide is Confide's desktop app. Everything is built by
// ui.Create; this file only reads the flags and runs the window.
package main

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/confidenotes/confide/ui"
)

func main() {
	opts := parseFlags(os.Args[1:])
	a := app.NewWithID(ui.AppID)
	a.SetIcon(ui.Icon)
	w := a.NewWindow("Confide")
	c := ui.Create(a, w, opts)
	go quitOnSignal(func() { fyne.Do(c.Quit) })
	w.ShowAndRun()
	closeVault(c)
}
