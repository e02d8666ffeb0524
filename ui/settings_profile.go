package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/practice"
)

// Choices of the profile section.
const (
	profileLetter    = "US Letter"
	profileA4        = "A4"
	profileLocalZone = "This computer's time zone"
)

// profileZones are the time zones offered; any other IANA name may be
// typed.
var profileZones = []string{profileLocalZone, "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
	"America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico", "Europe/London", "Europe/Berlin"}

// profileSection is the clinician and practice part of Settings: who signs
// the notes, the letterhead of printed documents, the time zone
// signatures are shown in, the paper, and what a new session note starts
// with. It saves with its own button and says beside the button what is
// wrong, if anything.
type profileSection struct {
	m *mainScreen

	name, credentials, license, state, npi *widget.Entry
	practice, address, phone               *widget.Entry
	zone                                   *widget.SelectEntry
	paper                                  *widget.RadioGroup
	minutes, code                          *widget.Entry
	save                                   *widget.Button
	status                                 *widget.Label
}

func newProfileSection(m *mainScreen) *profileSection { return &profileSection{m: m} }

func (s *profileSection) buildUI() fyne.CanvasObject {
	p, err := s.m.consent.Profile()
	if err != nil {
		s.m.c.showError(err)
	}
	entry := func(text, hint string) *widget.Entry { return &widget.Entry{Text: text, PlaceHolder: hint} }
	s.name = entry(p.Name, "Jane Porter")
	s.credentials = entry(p.Credentials, "LCSW")
	s.license = entry(p.License, "Licence number")
	s.state = entry(p.LicenseState, "NY")
	s.npi = entry(p.NPI, "10 digits")
	s.practice = entry(p.Practice, "Name of the practice, for the letterhead")
	s.address = &widget.Entry{Text: p.Address, MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: "Street\nTown, state and ZIP code"}
	s.address.SetMinRowsVisible(2)
	s.phone = entry(p.Phone, "Phone")
	s.zone = widget.NewSelectEntry(profileZones)
	s.zone.SetText(p.TimeZone)
	if p.TimeZone == "" {
		s.zone.SetText(profileLocalZone)
	}
	s.paper = &widget.RadioGroup{Options: []string{profileLetter, profileA4}, Horizontal: true, Required: true, Selected: profileLetter}
	if p.PaperSize() == practice.A4 {
		s.paper.Selected = profileA4
	}
	minutes, code := p.SessionDefaults()
	s.minutes = entry(strconv.Itoa(minutes), "Minutes")
	s.code = entry(code, "Service code")
	s.save = &widget.Button{Text: "Save profile", Importance: widget.HighImportance, OnTapped: s.onSave}
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: captionSize}
	if !p.IsSet() {
		say(s.status, "Notes are signed without a name until you save your profile.")
	}
	licence := container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(70, s.state.MinSize().Height), s.state), s.license)
	form := widget.NewForm(
		widget.NewFormItem("Your name", s.name),
		widget.NewFormItem("Credentials", s.credentials),
		widget.NewFormItem("Licence and state", licence),
		widget.NewFormItem("NPI", s.npi),
		widget.NewFormItem("Practice", s.practice),
		widget.NewFormItem("Address", s.address),
		widget.NewFormItem("Phone", s.phone),
		widget.NewFormItem("Time zone", s.zone),
		widget.NewFormItem("Paper", s.paper),
		widget.NewFormItem("New sessions last", s.minutes),
		widget.NewFormItem("Service code", s.code),
	)
	return container.NewVBox(
		&widget.Label{Text: "Your signature on every note reads “Electronically signed by” your name and credentials. " +
			"Printed documents carry the practice, the address, the phone, the NPI and the licence at the top.",
			Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance},
		form,
		container.NewBorder(nil, nil, nil, s.save, s.status))
}

// profile is the profile the fields describe, or a problem with a field
// that is not the domain's to judge (a length that is not a number).
func (s *profileSection) profile() (practice.Profile, string) {
	p := practice.Profile{Name: s.name.Text, Credentials: s.credentials.Text, License: strings.TrimSpace(s.license.Text),
		LicenseState: s.state.Text, NPI: strings.TrimSpace(s.npi.Text), Practice: strings.TrimSpace(s.practice.Text),
		Address: strings.TrimSpace(s.address.Text), Phone: strings.TrimSpace(s.phone.Text), DefaultCode: s.code.Text}
	if z := strings.TrimSpace(s.zone.Text); z != profileLocalZone {
		p.TimeZone = z
	}
	p.Paper = practice.Letter
	if s.paper.Selected == profileA4 {
		p.Paper = practice.A4
	}
	m, err := strconv.Atoi(strings.TrimSpace(s.minutes.Text))
	if err != nil || m < 1 {
		return p, "Give the length of a new session in minutes, such as 50."
	}
	p.DefaultMinutes = m
	return p, ""
}

// onSave records the profile, or says what is wrong and changes nothing.
func (s *profileSection) onSave() {
	s.m.c.idle.touch()
	p, problem := s.profile()
	if problem == "" {
		err := s.m.consent.Practice().SetProfile(p)
		switch {
		case errors.Is(err, practice.ErrInvalid):
			problem = profilePlain(err)
		case err != nil:
			s.m.c.showError(err)
			return
		}
	}
	if problem != "" {
		s.status.Importance = widget.DangerImportance
		say(s.status, problem+" Nothing was saved.")
		return
	}
	s.status.Importance = widget.SuccessImportance
	say(s.status, "Saved. Notes you sign from now on read “Electronically signed by "+p.SignatureName()+"”.")
}

// profilePlain is a refusal of the profile in a sentence: the sentinel's
// prefix dropped, the first letter raised.
func profilePlain(err error) string {
	msg := strings.TrimPrefix(err.Error(), practice.ErrInvalid.Error()+": ")
	if msg == "" {
		return msg
	}
	return strings.ToUpper(msg[:1]) + msg[1:] + "."
}
