package ui

// Panels about one client, shown as tabs beside the client's notes, and the
// practice-wide attention list. The main window builds them with a
// panelDeps; each panel owns its widgets and reads and writes only through
// the domain stores.

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
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
// on file at a glance, with status badges.
func newConsentPanel(d panelDeps, clientID string) fyne.CanvasObject {
	sum, err := d.consent.ClientSummary(clientID, d.now())
	if err != nil {
		d.showErr(err)
		return widget.NewLabel("The consent records could not be read.")
	}
	items := container.NewVBox(widget.NewLabelWithStyle("On file", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, c := range sum.Consents {
		items.Add(widget.NewLabel(fmt.Sprintf("%s — signed %s", c.Type, c.Signed)))
	}
	for _, a := range sum.Authorizations {
		items.Add(widget.NewLabel(fmt.Sprintf("Release to %s — %s", a.Authorization.Recipient, a.Status)))
	}
	for _, at := range sum.Attention {
		items.Add(widget.NewLabel("Needs attention: " + at.What))
	}
	items.Add(widget.NewLabel(fmt.Sprintf("%d disclosures recorded, %d in the accounting of the past six years", sum.Disclosures, sum.Accountable)))
	return container.NewVScroll(items)
}

// newConsultPanel is the "Consultations" tab of a client: the consultation
// log, and where "Prepare for consultation" starts.
func newConsultPanel(d panelDeps, clientID string) fyne.CanvasObject {
	list, err := d.notes.Consultations(clientID)
	if err != nil {
		d.showErr(err)
		return widget.NewLabel("The consultation log could not be read.")
	}
	items := container.NewVBox(widget.NewLabelWithStyle("Consultation log", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if len(list) == 0 {
		items.Add(widget.NewLabel("No consultations prepared yet."))
	}
	for _, k := range list {
		items.Add(widget.NewLabel(fmt.Sprintf("%s — %s, %s, %d notes", k.Created.Format("2006-01-02"), k.Colleague, k.Profile, len(k.NoteIDs))))
	}
	return container.NewVScroll(items)
}

// newAttentionList is the main window's short list of what needs the
// clinician across the practice; open shows the client concerned.
func newAttentionList(d panelDeps, open func(clientID string)) fyne.CanvasObject {
	items, err := d.consent.NeedsAttention("", d.now())
	if err != nil {
		d.showErr(err)
		return widget.NewLabel("")
	}
	box := container.NewVBox()
	for _, it := range items {
		it := it
		b := widget.NewButton(it.What, func() {
			if it.ClientID != "" {
				open(it.ClientID)
			}
		})
		b.Alignment = widget.ButtonAlignLeading
		box.Add(b)
	}
	return box
}
