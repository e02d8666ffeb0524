package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

// The superbill of a session, or of the month it falls in: a PDF on the
// practice's paper the client gives their insurer, entered in the
// client's disclosures like every copy.

// superbillPeriod is the session's day or its month, as the dialog offers.
func superbillPeriod(date string, month bool) (from, to string) {
	if !month {
		return date, date
	}
	t, err := time.Parse(notes.DateLayout, date)
	if err != nil {
		return date, date
	}
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	return first.Format(notes.DateLayout), first.AddDate(0, 1, -1).Format(notes.DateLayout)
}

// showSuperbillDialog asks whether the superbill is of the note's session
// or of its month, then where to save it, and writes it; done runs once it
// is recorded.
func showSuperbillDialog(d panelDeps, n *notes.Note, done func()) {
	day, _ := time.Parse(notes.DateLayout, n.Date)
	session := "This session (" + n.Date + ")"
	month := "The month of " + day.Format("January 2006")
	which := &widget.RadioGroup{Options: []string{session, month}, Selected: session, Required: true}
	dialog.ShowForm("Superbill", "Choose where…", "Cancel", []*widget.FormItem{
		{Text: "Services of", Widget: which, HintText: "Signed notes with a service code; fees from Settings, Fees."},
	}, func(ok bool) {
		if !ok {
			return
		}
		from, to := superbillPeriod(n.Date, which.Selected == month)
		name := "superbill-" + from + ".pdf"
		if from != to {
			name = "superbill-" + from[:7] + ".pdf"
		}
		exportSavePath(d, name, func(path string) { writeSuperbill(d, n.ClientID, from, to, path, done) })
	}, d.win)
}

// writeSuperbill writes and records the superbill off the UI goroutine,
// then says what was written, or why nothing was.
func writeSuperbill(d panelDeps, clientID, from, to, path string, done func()) {
	finished := showProgress("Writing the superbill…", d.win)
	exportSpawn(func() {
		m, sb, err := d.consent.Superbill(clientID, from, to, path)
		fyne.Do(func() {
			finished()
			if m == nil && err != nil {
				releaseDropEmpty(path)
				if why := superbillRefusal(err); why != "" {
					dialog.ShowInformation("No superbill was written", why, d.win)
					return
				}
				d.showErr(err)
				return
			}
			if err != nil { // recorded; the file is put in place at the next start
				d.showErr(err)
			}
			dialog.ShowInformation("Superbill saved", fmt.Sprintf("%s, total %s, saved to %s. It is entered in the client's disclosures as a copy given for payment.",
				releaseCount(len(sb.Lines), "service"), "$"+clinical.FormatCents(sb.TotalCents), m.PDF.Path), d.win)
			if done != nil {
				done()
			}
		})
	})
}

// superbillRefusal words why a superbill cannot be made, and what to do;
// "" for an error that is not a refusal.
func superbillRefusal(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	switch {
	case errors.Is(err, clinical.ErrNoFee):
		return "No fee is set for " + strings.TrimPrefix(err.Error(), clinical.ErrNoFee.Error()+" for ") + ". Set the practice's fees in Settings, Fees, then try again."
	case errors.Is(err, clinical.ErrInvalid), errors.Is(err, consent.ErrInvalid):
		return strings.ToUpper(msg[:1]) + msg[1:] + "."
	}
	return ""
}
