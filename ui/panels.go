package ui

// Panels about one client, shown as tabs beside the client's notes, and the
// practice-wide attention list. The main window builds them with a
// panelDeps; each panel owns its widgets and reads and writes only through
// the domain stores.

import (
	"io"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// panelDeps is what a client panel needs from the window.
type panelDeps struct {
	win     fyne.Window
	notes   *notes.Store
	consent *consent.Store
	now     func() time.Time
	showErr func(error)       // reports through the one error translator
	copy    func(text string) // copies to the clipboard, cleared after the timeout
	privacy func() bool       // privacy mode: show initials only
}

// newConsentPanel is the "Consent & disclosures" tab of a client: what is
// on file at a glance, with status badges, and the forms to add records.
func newConsentPanel(d panelDeps, clientID string) fyne.CanvasObject {
	p := &consentPanel{d: d, clientID: clientID}
	return p.buildUI()
}

// newConsultPanel is the "Consultations" tab of a client: the consultation
// log, and where "Prepare for consultation" starts.
func newConsultPanel(d panelDeps, clientID string) fyne.CanvasObject {
	p := &consultPanel{d: d, clientID: clientID}
	return p.buildUI()
}

// newAttentionList is the main window's short list of what needs the
// clinician across the practice; open shows where an item is dealt with.
func newAttentionList(d panelDeps, open func(consent.Attention)) fyne.CanvasObject {
	l := &attentionList{d: d, open: open}
	return l.buildUI()
}

// panelView is a panel's area that shows one view at a time (a summary, a
// form, a review), so that a flow can run inside its tab.
type panelView struct{ box *fyne.Container }

func newPanelView() *panelView { return &panelView{box: container.NewStack()} }

// show replaces what the area shows.
func (v *panelView) show(o fyne.CanvasObject) {
	v.box.Objects = []fyne.CanvasObject{o}
	v.box.Refresh()
}

// panelTitle is a view's bold heading.
func panelTitle(text string) *widget.Label {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
}

// panelNote is explanatory text that wraps.
func panelNote(text string) *widget.Label {
	return &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
}

// panelProblem is a label that says what keeps a form from being saved; it
// takes no room while there is nothing to say.
func panelProblem() *widget.Label {
	l := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	l.Hide()
	return l
}

// panelSay sets a message label, hiding it when text is empty.
func panelSay(l *widget.Label, text string) {
	l.SetText(text)
	l.Hidden = text == ""
	l.Refresh()
}

// panelBadge is a small outlined status word: valid, expiring, missing...
func panelBadge(text string, imp widget.Importance) fyne.CanvasObject {
	l := &widget.Label{Text: text, Importance: imp, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameCaptionText}
	name := theme.ColorNameDisabled
	switch imp {
	case widget.SuccessImportance:
		name = theme.ColorNameSuccess
	case widget.WarningImportance:
		name = theme.ColorNameWarning
	case widget.DangerImportance:
		name = theme.ColorNameError
	case widget.HighImportance:
		name = theme.ColorNamePrimary
	}
	frame := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	frame.StrokeColor, frame.StrokeWidth, frame.CornerRadius = theme.Color(name), 1, 4
	return container.NewCenter(container.NewStack(frame, l))
}

// fileDialogLayoutKey is where Fyne keeps the file dialogs' layout: a
// list, or a grid of icons.
const fileDialogLayoutKey = "fyne:fileDialogViewLayout"

// listFileDialogs makes the file dialogs show a list, unless the user
// chose the grid in one: the grid breaks file names mid-word to fit
// them under their icons.
func listFileDialogs(p fyne.Preferences) {
	if p.Int(fileDialogLayoutKey) == 0 {
		p.SetInt(fileDialogLayoutKey, int(dialog.ListView))
	}
}

// panelSaveFile asks where to save a file (suggesting name) and writes it
// there with write. It is a variable so that tests can stand in for the
// dialog, which a headless test cannot drive.
var panelSaveFile = func(d panelDeps, name string, write func(io.Writer) error) {
	dlg := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			d.showErr(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		panelSaveTo(d, w, write)
	}, d.win)
	dlg.SetFileName(name)
	dlg.Show()
}

// panelSaveTo writes the file the save dialog opened, then says where it
// went, so that the clinician knows it was saved.
func panelSaveTo(d panelDeps, w fyne.URIWriteCloser, write func(io.Writer) error) {
	u := w.URI()
	if err := panelWrite(w, write); err != nil {
		d.showErr(err)
		return
	}
	where := "the folder you chose"
	if parent, err := storage.Parent(u); err == nil && parent.Scheme() == "file" {
		where = filepath.Clean(parent.Path())
	}
	label := &widget.Label{Text: "“" + u.Name() + "” is saved in " + where + ".", Wrapping: fyne.TextWrapWord}
	dlg := dialog.NewCustom("Saved", "OK", label, d.win)
	dlg.Resize(fyne.NewSize(440, 160))
	dlg.Show()
}

// panelWrite writes to the file the save dialog opened. A local file is
// made readable by the user only before anything is written to it.
func panelWrite(w fyne.URIWriteCloser, write func(io.Writer) error) error {
	if w.URI().Scheme() != "file" {
		if err := write(w); err != nil {
			w.Close()
			return err
		}
		return w.Close()
	}
	path := w.URI().Path()
	if err := w.Close(); err != nil {
		return err
	}
	// The crash-safe writer: a complete file, mode 0600, or the empty one
	// the dialog made; never a partial one, never inside a vault folder.
	return vault.WriteFileFrom(path, write)
}

// panelWritePDF is a write function for panelSaveFile that prints doc.
func panelWritePDF(doc *consent.Doc) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := doc.WriteTo(w)
		return err
	}
}
