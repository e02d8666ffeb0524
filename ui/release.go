package ui

// The records release wizard (step 5 of the user's day): who asks and why
// (release_who.go), the basis (release_basis.go), the scope
// (release_scope.go), the review of every redaction (release_review.go)
// and the release itself (release_out.go). The steps drive a
// consent.Release; nothing is written or recorded before the last step.

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

// releaseStep is one page of the wizard.
type releaseStep interface {
	// title names the step for the heading.
	title() string
	// buildUI builds the page; it runs each time the page is shown, so that
	// it reflects what earlier steps decided.
	buildUI() fyne.CanvasObject
	// onNext checks the page and, when it is complete, moves on.
	onNext()
}

// releaseWizard is the "Release records…" wizard of one client, shown as a
// large dialog over the main window (so that locking the window covers it).
type releaseWizard struct {
	d        panelDeps
	clientID string
	client   *notes.Client

	// saveAs asks where to save the PDF, suggesting name, and calls done with
	// the chosen path. Tests replace it, since they cannot drive the file
	// dialog.
	saveAs func(name string, done func(path string))
	// spawn runs background work: on a goroutine of its own, or, in tests,
	// once the tap that started it is over.
	spawn func(job func())

	// done runs once the release is recorded, so that what lists the
	// client's disclosures behind the wizard reads them again.
	done func()

	dlg      *dialog.CustomDialog
	root     *fyne.Container
	heading  *widget.Label
	body     *fyne.Container
	problem  *widget.Label
	progress *widget.ProgressBarInfinite
	back     *widget.Button
	next     *widget.Button
	cancel   *widget.Button
	release  *widget.Button // the last step's Release, in the row of buttons
	buttons  *fyne.Container
	working  sync.WaitGroup // background work under way; tests wait on it

	steps []releaseStep
	step  int
	who   *releaseWho
	basis *releaseBasis
	scope *releaseScopeStep
	check *releaseReview
	out   *releaseOut

	rel     *consent.Release // the release as the basis step last built it
	edits   notes.Edits      // the clinician's review of the redactions
	written bool             // the release was recorded: there is no going back
}

// showReleaseWizard opens the records release wizard for a client over the
// main window; done, when not nil, runs once a release is recorded.
func showReleaseWizard(d panelDeps, clientID string, done func()) {
	w := newReleaseWizard(d, clientID)
	if w == nil {
		return
	}
	w.done = done
	releaseShow(w)
}

// releaseShow puts a wizard on screen. A variable, so that a test can
// reach the wizard a button opened.
var releaseShow = func(w *releaseWizard) { w.show() }

// newReleaseWizard builds the wizard without showing it, or returns nil
// when the client cannot be read (the error is reported).
func newReleaseWizard(d panelDeps, clientID string) *releaseWizard {
	c, err := d.notes.GetClient(clientID)
	if err != nil {
		d.showErr(err)
		return nil
	}
	w := &releaseWizard{d: d, clientID: clientID, client: c}
	w.saveAs = w.saveWithDialog
	w.spawn = func(job func()) { go job() }
	w.who = &releaseWho{w: w}
	w.basis = &releaseBasis{w: w}
	w.scope = &releaseScopeStep{w: w}
	w.check = &releaseReview{w: w}
	w.out = &releaseOut{w: w}
	w.steps = []releaseStep{w.who, w.basis, w.scope, w.check, w.out}
	w.buildUI()
	return w
}

// buildUI builds the frame every step is shown in: a heading, the page,
// a line for problems, the progress bar and the buttons.
func (w *releaseWizard) buildUI() fyne.CanvasObject {
	w.heading = panelTitle("")
	w.body = container.NewStack()
	w.problem = panelProblem()
	w.progress = widget.NewProgressBarInfinite()
	w.progress.Stop()
	w.progress.Hide()
	w.back = &widget.Button{Text: "Back", OnTapped: w.onBack}
	w.next = &widget.Button{Text: "Next", Importance: widget.HighImportance, OnTapped: w.onNext}
	w.cancel = &widget.Button{Text: "Cancel", Importance: widget.LowImportance, OnTapped: w.onClose}
	// The last step's action sits where Next was, with Back and Cancel.
	w.release = &widget.Button{Text: "Release", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance,
		OnTapped: func() { w.out.onRelease() }}
	w.release.Hide()
	w.buttons = container.NewHBox(w.cancel, w.back, w.next, w.release)
	bottom := container.NewVBox(w.problem, w.progress, container.NewBorder(nil, nil, nil, w.buttons))
	w.root = container.NewBorder(w.heading, bottom, nil, nil, w.body)
	w.showStep(0)
	return w.root
}

// show opens the wizard as a dialog over the main window.
func (w *releaseWizard) show() {
	w.dlg = dialog.NewCustomWithoutButtons("Release records of "+w.clientName(), w.root, w.d.win)
	size := w.d.win.Canvas().Size()
	w.dlg.Resize(fyne.NewSize(max(size.Width*0.92, 640), max(size.Height*0.92, 520)))
	w.dlg.Show()
}

// clientName is the client's name, or initials in privacy mode.
func (w *releaseWizard) clientName() string { return w.personName(w.client.Name) }

// personName is name, or its initials in privacy mode.
func (w *releaseWizard) personName(name string) string {
	if w.d.privacy != nil && w.d.privacy() {
		var b strings.Builder
		for _, f := range strings.Fields(name) {
			b.WriteString(strings.ToUpper(string([]rune(f)[:1])) + ".")
		}
		return b.String()
	}
	return name
}

// showStep shows step i.
func (w *releaseWizard) showStep(i int) {
	w.step = i
	panelSay(w.problem, "")
	w.heading.SetText(fmt.Sprintf("Step %d of %d: %s", i+1, len(w.steps), w.steps[i].title()))
	w.back.Hidden = i == 0 || w.written
	w.next.Hidden = i == len(w.steps)-1
	w.release.Hidden = i != len(w.steps)-1
	w.next.Enable()  // a step may disable it while it builds
	w.root.Refresh() // the buttons' row follows the buttons shown
	w.body.Objects = []fyne.CanvasObject{w.steps[i].buildUI()}
	w.body.Refresh()
}

// advance moves to the next step.
func (w *releaseWizard) advance() { w.showStep(w.step + 1) }

func (w *releaseWizard) onNext() { w.steps[w.step].onNext() }

func (w *releaseWizard) onBack() {
	if w.step > 0 && !w.written {
		w.showStep(w.step - 1)
	}
}

// onClose closes the wizard; a file the save dialog created and nothing
// was written to is removed.
func (w *releaseWizard) onClose() {
	if !w.written {
		w.out.dropPlaceholder()
	}
	if w.dlg != nil {
		w.dlg.Hide()
	}
}

// say shows a problem that keeps the wizard from going on, in plain words.
func (w *releaseWizard) say(text string) { panelSay(w.problem, text) }

// refused shows why the engine refused, when it is a refusal the user can
// act on (the basis, or a missing or wrong field), and reports anything
// else through the error translator. It reports whether err was shown as a
// refusal.
func (w *releaseWizard) refused(err error) bool {
	if errors.Is(err, consent.ErrNotAuthorized) || errors.Is(err, consent.ErrInvalid) {
		w.say(w.basis.plain(err))
		return true
	}
	w.d.showErr(err)
	return false
}

// releasePlain is an engine refusal in plain words: the sentinel's prefix
// dropped, and the first letter raised.
func releasePlain(err error) string {
	msg := err.Error()
	for _, s := range []error{consent.ErrNotAuthorized, consent.ErrInvalid} {
		msg = strings.ReplaceAll(msg, s.Error()+": ", "")
	}
	if msg == "" {
		return msg
	}
	return "This cannot go ahead: " + msg + "."
}

// work runs job in the background with the progress bar showing and the
// buttons disabled, then done with its error on the UI goroutine.
func (w *releaseWizard) work(job func() error, done func(error)) {
	w.setBusy(true)
	w.working.Add(1)
	w.spawn(func() {
		defer w.working.Done()
		err := job()
		fyne.Do(func() {
			w.setBusy(false)
			done(err)
		})
	})
}

// setBusy shows or hides the progress bar and holds the buttons while busy.
func (w *releaseWizard) setBusy(on bool) {
	for _, b := range []*widget.Button{w.back, w.next, w.cancel, w.release} {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if on {
		w.progress.Show()
		w.progress.Start()
		return
	}
	w.progress.Stop()
	w.progress.Hide()
}

// saveWithDialog is saveAs with the file dialog. The dialog creates the
// file it returns; the release replaces it when it is written.
func (w *releaseWizard) saveWithDialog(name string, done func(path string)) {
	dlg := dialog.NewFileSave(func(f fyne.URIWriteCloser, err error) {
		if err != nil {
			w.d.showErr(err)
			return
		}
		if f == nil {
			return // cancelled
		}
		f.Close()
		if f.URI().Scheme() != "file" {
			w.say("Choose a folder on this computer for the release.")
			return
		}
		w.out.placeholder = true
		done(f.URI().Path())
	}, w.d.win)
	dlg.SetFileName(name)
	dlg.Show()
}

// releaseDropEmpty removes path when it is an empty file, as the save
// dialog leaves one behind.
func releaseDropEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		os.Remove(path)
	}
}
