package ui

import (
	"io"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/practice"
	"github.com/confidenotes/confide/vault"
)

// confirmChars is how many characters from the end of the recovery key the
// user types back to show they kept it.
const confirmChars = 8

// recoveryKeyScreen shows the new vault's recovery key, once, offers to save
// a printable kit or copy it, and lets the user continue only after typing
// back the end of the key.
type recoveryKeyScreen struct {
	c       *Confide
	v       *vault.Vault
	id      string
	key     string
	rotated bool // a new key replacing a lost one, not a new vault's

	keyText *widget.Label
	status  *widget.Label
	confirm *widget.Entry
	problem *widget.Label
	proceed *widget.Button
}

func (s *recoveryKeyScreen) buildUI() fyne.CanvasObject {
	s.keyText = &widget.Label{Text: groupKey(s.key), TextStyle: fyne.TextStyle{Monospace: true}, Selectable: true, Alignment: fyne.TextAlignCenter}
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance}
	s.status.Hide()
	s.confirm = &widget.Entry{PlaceHolder: "Last 8 characters of the key", OnSubmitted: func(string) { s.onContinue() }}
	s.problem = problemLabel()
	s.proceed = &widget.Button{Text: "I have kept it: continue", Importance: widget.HighImportance, OnTapped: s.onContinue}
	save := &widget.Button{Text: "Print or save the recovery kit (PDF)…", Icon: theme.DocumentPrintIcon(), Importance: widget.HighImportance, OnTapped: s.onSave}
	cp := &widget.Button{Text: "Copy", OnTapped: s.onCopy}

	title, intro := "Your recovery key", "If this computer is lost or replaced, or its keyring is reset, this key is the only way back into your notes. "+
		"Nobody else has a copy, and it cannot be recovered for you."
	if s.rotated {
		title, intro = "Your new recovery key", "This is a new recovery key: Confide never keeps one, so it could not show your old key again. "+
			"From now on this key replaces the old one, which no longer opens your notes. Destroy any paper with the old key."
	}
	return column(
		heading(title),
		paragraph(intro),
		paragraph("Print it now: the recovery kit is one page with the key in large type, what it is for and where to keep it. "+
			"Keep the paper somewhere safe, away from this computer. Confide shows the key only now."),
		widget.NewCard("", "", s.keyText),
		paragraph(recoveryKeyWords),
		container.NewBorder(nil, nil, nil, cp, save),
		s.status,
		&widget.Label{Text: "To make sure you kept it, type the last 8 characters of the key:", Wrapping: fyne.TextWrapWord},
		s.confirm,
		s.problem,
		s.proceed,
	)
}

// recoveryKitSave asks where to save the recovery kit, writes it there
// (readable by the user only) and calls done with the file, or the error.
// A variable, so that tests can stand in for the dialog.
var recoveryKitSave = func(win fyne.Window, name string, write func(io.Writer) error, done func(file fyne.URI, err error)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			done(nil, err)
			return
		}
		if w == nil {
			return // cancelled
		}
		done(w.URI(), panelWrite(w, write))
	}, win)
	d.SetFileName(name)
	d.Show()
}

// onSave saves the one-page recovery kit as a PDF, then opens it in the
// computer's PDF viewer to print.
func (s *recoveryKeyScreen) onSave() {
	paper := practice.Letter
	if ps, err := practice.Open(s.v); err == nil {
		if p, err := ps.Profile(); err == nil {
			paper = p.PaperSize()
		}
	}
	doc := recoveryKitPDF(s.id, s.key, time.Now(), paper)
	recoveryKitSave(s.c.win, "Confide recovery kit.pdf", panelWritePDF(doc), func(file fyne.URI, err error) {
		if err != nil {
			title, msg := userMessage(err)
			say(s.problem, title+". "+msg)
			return
		}
		say(s.status, "Recovery kit saved to "+file.Name()+". Print it from the window that opens, then delete the file.")
		if u, err := url.Parse(file.String()); err == nil {
			s.c.app.OpenURL(u) // the PDF viewer prints it
		}
	})
}

func (s *recoveryKeyScreen) onCopy() {
	s.c.app.Clipboard().SetContent(s.key)
	say(s.status, "Copied. Paste it somewhere you can print, then clear it from there.")
}

func (s *recoveryKeyScreen) onContinue() {
	typed := strings.ToUpper(strings.Join(strings.Fields(s.confirm.Text), ""))
	want := s.key[len(s.key)-confirmChars:]
	if typed != want {
		say(s.problem, "That is not the end of your recovery key. Look at the key again and type its last 8 characters.")
		return
	}
	s.c.mu.Lock()
	s.c.v = nil // showMain adopts it again
	s.c.mu.Unlock()
	s.c.showMain(s.v)
}
