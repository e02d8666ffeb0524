package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/confidenotes/confide/ui"
)

// settle is how long a screen is given to draw before it is captured.
const settle = 700 * time.Millisecond

// tourOnce returns the ui.Options.OnUnlocked hook of --screenshots: the
// first time the main window is up, it shows each screen of the tour,
// captures the drawn window into dir/NAME.png, and quits.
func tourOnce(c **ui.Confide, w fyne.Window, dir string, quit func()) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			go func() {
				defer quit()
				if err := os.MkdirAll(dir, 0o755); err != nil {
					fmt.Fprintf(os.Stderr, "confide: screenshots: %v\n", err)
					return
				}
				var steps []ui.TourStep
				fyne.DoAndWait(func() { steps = (*c).Tour() })
				for _, s := range steps {
					fyne.DoAndWait(s.Show)
					time.Sleep(settle)
					if err := capture(w, filepath.Join(dir, s.Name+".png")); err != nil {
						fmt.Fprintf(os.Stderr, "confide: screenshot %s: %v\n", s.Name, err)
						return
					}
				}
			}()
		})
	}
}

// capture saves what the window shows as a PNG with ImageMagick's import,
// which reads the X server's pixels (Fyne's own Canvas.Capture reads an
// empty buffer under Xvfb's software renderer). Without a window manager
// the window sits at the top left of the screen.
func capture(w fyne.Window, path string) error {
	var size fyne.Size
	fyne.DoAndWait(func() { size = w.Canvas().Size() })
	scale := w.Canvas().Scale()
	crop := fmt.Sprintf("%dx%d+0+0", int(size.Width*scale), int(size.Height*scale))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "import", "-window", "root", "-crop", crop, "+repage", path).CombinedOutput()
	if err != nil {
		return fmt.Errorf("import: %v: %s", err, out)
	}
	return nil
}
