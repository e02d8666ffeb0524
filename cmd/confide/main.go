// Command confide is Confide's desktop app. Everything is built by
// ui.Create; this file only reads the flags and runs the window.
package main

import (
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/confidenotes/confide/ui"
)

func main() {
	started := time.Now()
	f := parseFlags(os.Args[1:])
	a := app.NewWithID(ui.AppID)
	a.SetIcon(ui.Icon)
	opts := f.options(a.Preferences())
	w := a.NewWindow("Confide")
	var c *ui.Confide
	quit := func() { fyne.Do(c.Quit) }
	switch {
	case f.measureStartup:
		opts.OnUnlocked = measureOnce(started, &c, quit)
	case f.screenshots != "":
		opts.OnUnlocked = tourOnce(&c, w, f.screenshots, quit)
	}
	c = ui.Create(a, w, opts)
	go quitOnSignal(quit)
	w.ShowAndRun()
	closeVault(c)
}
