package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
)

// Choices of the encrypted copy.
const (
	releaseToKey        = "To the recipient's age key"
	releaseToPassphrase = "With a passphrase"
)

// releaseOut is step 5: where the PDF goes, an optional age-encrypted copy
// for sending, then the release itself and its manifest.
type releaseOut struct {
	w           *releaseWizard
	path        string // where the PDF goes, as chosen
	placeholder bool   // the save dialog created path empty
	where       *widget.Label
	encrypt     *keyCheck
	how         *widget.RadioGroup
	key         *keyEntry
	pass1       *keyEntry
	pass2       *keyEntry
	release     *widget.Button
	box         *fyne.Container // the page, laid out again as fields show and hide
}

func (s *releaseOut) title() string { return "Write the release" }

func (s *releaseOut) buildUI() fyne.CanvasObject {
	if s.where == nil {
		s.where = &widget.Label{Text: "No place chosen yet.", Wrapping: fyne.TextWrapBreak}
		s.key = newField("", "age1…")
		s.pass1, s.pass2 = secretEntry("Passphrase"), secretEntry("The passphrase again")
		s.how = &widget.RadioGroup{Options: []string{releaseToKey, releaseToPassphrase}, Selected: releaseToKey, OnChanged: func(string) { s.showHow() }}
		s.encrypt = newKeyCheck("Also write an encrypted copy for sending (age)", func(bool) { s.showHow() })
		s.release = s.w.release
	}
	s.updateRelease()
	choose := &widget.Button{Text: "Choose where to save…", Icon: theme.FolderOpenIcon(), OnTapped: s.onChoose}
	s.box = container.NewVBox(
		panelNote("The PDF is written only where you choose. The release is entered in the client's disclosure "+
			"records at the same moment; if that cannot be done, no file is left behind."),
		container.NewBorder(nil, nil, nil, choose, s.where),
		s.encrypt, s.how, s.key, s.pass1, s.pass2)
	s.showHow()
	return formScroll(s.box)
}

// showHow shows the fields of the encrypted copy chosen.
func (s *releaseOut) showHow() {
	on := s.encrypt.Checked
	s.how.Hidden = !on
	s.key.Hidden = !on || s.how.Selected != releaseToKey
	s.pass1.Hidden = !on || s.how.Selected != releaseToPassphrase
	s.pass2.Hidden = s.pass1.Hidden
	if s.box != nil {
		s.box.Refresh()
	}
}

// updateRelease enables Release once a place is chosen, until released.
func (s *releaseOut) updateRelease() {
	if s.path == "" || s.w.written {
		s.release.Disable()
		return
	}
	s.release.Enable()
}

func (s *releaseOut) onChoose() {
	name := "records-release-" + consent.Day(s.w.d.now()) + ".pdf"
	s.w.saveAs(name, func(path string) {
		if path != s.path {
			s.dropPlaceholder()
		}
		s.path = path
		s.where.SetText("The PDF goes to " + path)
		s.updateRelease()
	})
}

// options are the encrypted copy's, or a problem to fix first.
func (s *releaseOut) options() (consent.ReleaseOptions, string) {
	var opts consent.ReleaseOptions
	if !s.encrypt.Checked {
		return opts, ""
	}
	if s.how.Selected == releaseToKey {
		key := strings.TrimSpace(s.key.Text)
		if !strings.HasPrefix(key, "age1") {
			return opts, "Enter the recipient's age public key: it starts with age1."
		}
		opts.EncryptTo = key
		return opts, ""
	}
	switch {
	case s.pass1.Text == "":
		return opts, "Enter a passphrase for the encrypted copy."
	case s.pass1.Text != s.pass2.Text:
		return opts, "The two passphrases differ. Type the same passphrase twice."
	}
	opts.Passphrase = s.pass1.Text
	return opts, ""
}

// onRelease writes the PDF (and the encrypted copy) and records the
// release, in the background.
func (s *releaseOut) onRelease() {
	if s.path == "" {
		s.w.say("Choose where to save the PDF first.")
		return
	}
	opts, problem := s.options()
	if problem != "" {
		s.w.say(problem)
		return
	}
	s.w.say("")
	r, path := s.w.rel, s.path
	s.release.Disable()
	var m *consent.Manifest
	s.w.work(func() (err error) {
		m, err = r.Release(path, opts)
		return err
	}, func(err error) {
		if err != nil {
			s.dropPlaceholder()
			s.updateRelease()
			s.w.refused(err)
			return
		}
		s.placeholder = false
		s.w.written = true
		if s.w.done != nil {
			s.w.done()
		}
		s.w.back.Hide()
		s.w.release.Hide() // there is no releasing twice
		s.w.cancel.SetText("Close")
		s.w.root.Refresh()
		s.pass1.SetText("")
		s.pass2.SetText("")
		s.updateRelease()
		s.showManifest(m)
	})
}

// showManifest says what was written, with the SHA-256 of each file, and
// where the release was recorded.
func (s *releaseOut) showManifest(m *consent.Manifest) {
	acc := "Disclosures of this kind are exempt from the accounting a client may ask for (45 CFR 164.528); it is kept with the client's disclosures all the same."
	if m.Request.Accountable() {
		acc = "It is part of the accounting of disclosures the client may ask for (45 CFR 164.528)."
	}
	rows := [][2]string{
		{"PDF", fmt.Sprintf("%s (%s, %d bytes)", m.PDF.Path, releaseCount(m.PDF.Pages, "page"), m.PDF.Bytes)},
		{"PDF SHA-256", m.PDF.SHA256},
	}
	if e := m.Encrypted; e != nil {
		to := e.EncryptedTo
		if to != "passphrase" {
			to = "the key " + to
		}
		rows = append(rows, [2]string{"Encrypted copy", fmt.Sprintf("%s (encrypted with %s)", e.Path, to)},
			[2]string{"Encrypted SHA-256", e.SHA256})
	}
	rows = append(rows, [2]string{"Manifest SHA-256", m.Hash})
	f := &widget.Form{}
	for _, r := range rows {
		f.Append(r[0], &widget.Label{Text: r[1], Wrapping: fyne.TextWrapBreak, Selectable: true})
	}
	// The page now shows only what was done: the choices made are spent.
	s.box.Objects = []fyne.CanvasObject{
		releaseHeading("Released and recorded"),
		panelNote(fmt.Sprintf("%s released, with %s; %s withheld. Entered in the accounting of disclosures on %s as entry %s. %s",
			releaseNotesAndAddenda(len(m.Notes), len(m.Addenda)), releaseCount(m.Redactions, "redaction"),
			releaseCount(m.Withheld, "note"), m.Date, m.DisclosureID, acc)),
		f,
	}
	s.box.Refresh()
	s.w.root.Refresh() // twice: wrapped labels settle their height on the second pass
	s.w.root.Refresh()
}

// dropPlaceholder removes the empty file the save dialog made, when
// nothing was released into it.
func (s *releaseOut) dropPlaceholder() {
	if s.placeholder && s.path != "" {
		releaseDropEmpty(s.path)
	}
	s.placeholder = false
}

// onNext does nothing: Release is the last step's action.
func (s *releaseOut) onNext() {}

// releaseNotesAndAddenda says "1 note and 1 addendum", "3 notes", leaving
// out addenda when there are none.
func releaseNotesAndAddenda(notes, addenda int) string {
	if addenda == 0 {
		return releaseCount(notes, "note")
	}
	return releaseCount(notes, "note") + " and " + releaseCount(addenda, "addendum")
}
