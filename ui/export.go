package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
)

// Printing and exporting the record: one note, a date range or the whole
// chart as a PDF, or the whole chart as a JSON and PDF bundle another
// system can read. Every one is entered in the client's accounting of
// disclosures, so the dialogs say so.

// Choices of the export dialog.
const (
	exportWhole   = "The whole chart"
	exportRange   = "Sessions between two dates"
	exportPDF     = "A PDF to print or keep"
	exportBundle  = "A PDF and a JSON file, for another system"
	exportChartNm = "chart"
)

// exportSavePath asks where to save a PDF (suggesting name) and calls done
// with the local path; the export replaces the empty file the dialog made.
// It is a variable so that tests can stand in for the dialog.
var exportSavePath = func(d panelDeps, name string, done func(path string)) {
	dlg := dialog.NewFileSave(func(f fyne.URIWriteCloser, err error) {
		if err != nil {
			d.showErr(err)
			return
		}
		if f == nil {
			return // cancelled
		}
		f.Close()
		if f.URI().Scheme() != "file" {
			dialog.ShowInformation("Choose a folder on this computer", "The copy is written only to a folder on this computer.", d.win)
			return
		}
		done(f.URI().Path())
	}, d.win)
	dlg.SetFileName(name)
	dlg.Show()
}

// exportChooseFolder asks for the folder a bundle goes into. A variable,
// for the tests.
var exportChooseFolder = func(d panelDeps, done func(dir string)) {
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			d.showErr(err)
			return
		}
		if u == nil {
			return
		}
		if u.Scheme() != "file" {
			dialog.ShowInformation("Choose a folder on this computer", "The copy is written only to a folder on this computer.", d.win)
			return
		}
		done(u.Path())
	}, d.win)
}

// exportSpawn runs the export off the UI goroutine; tests run it at once.
var exportSpawn = func(job func()) { go job() }

// exportNow writes and records the export in the background, with a
// progress dialog, then tells done what was written; on failure an empty
// file the save dialog left is removed and the error shown.
func exportNow(d panelDeps, req consent.ExportRequest, files consent.ExportFiles, done func(*consent.Manifest)) {
	finished := showProgress("Writing the copy…", d.win)
	exportSpawn(func() {
		m, err := d.consent.Export(req, files)
		fyne.Do(func() {
			finished()
			if err != nil && (m == nil || m.DisclosureID == "") {
				releaseDropEmpty(files.PDF)
				d.showErr(err)
				return
			}
			if err != nil { // recorded, the file to be put in place at the next start
				d.showErr(err)
			}
			done(m)
		})
	})
}

// exportSaid is what the dialogs say once an export is written.
func exportSaid(m *consent.Manifest) string {
	where := m.PDF.Path
	if m.JSON != nil {
		where = filepath.Dir(m.JSON.Path) + " (" + filepath.Base(m.JSON.Path) + " and " + filepath.Base(m.PDF.Path) + ")"
	}
	return fmt.Sprintf("%s saved to %s. It is entered in the client's disclosures as a copy made by the practice.",
		releaseCount(len(m.Notes), "note"), where)
}

// printNote saves one signed note as a PDF where the clinician chooses,
// and records it; then calls done.
func printNote(d panelDeps, clientID, noteID, name string, done func()) {
	exportSavePath(d, name, func(path string) {
		exportNow(d, consent.ExportRequest{ClientID: clientID, NoteIDs: []string{noteID}, PsychotherapyNotes: true},
			consent.ExportFiles{PDF: path}, func(m *consent.Manifest) {
				dialog.ShowInformation("Note saved as PDF", exportSaid(m), d.win)
				if done != nil {
					done()
				}
			})
	})
}

// showExportDialog asks what to print or export (the whole chart or a date
// range, a PDF or a bundle, with or without psychotherapy notes, and for
// whom), then where, and writes it; done runs once it is recorded.
func showExportDialog(d panelDeps, clientID string, done func()) {
	what := &widget.RadioGroup{Options: []string{exportWhole, exportRange}, Selected: exportWhole, Required: true}
	from := newField("", "YYYY-MM-DD")
	to := newField(consent.Day(d.now()), "YYYY-MM-DD")
	format := &widget.RadioGroup{Options: []string{exportPDF, exportBundle}, Selected: exportPDF, Required: true}
	psych := newKeyCheck("Include psychotherapy notes (kept apart from the record, left out otherwise)", nil)
	recipient := newField("", "Leave empty for the practice's own copy")
	purpose := newField("", "Leave empty for \"a copy of the record\"")
	showDates := func() {
		if what.Selected == exportRange {
			from.Enable()
			to.Enable()
		} else {
			from.Disable()
			to.Disable()
		}
	}
	what.OnChanged = func(string) { showDates() }
	showDates()
	items := []*widget.FormItem{
		{Text: "What", Widget: what},
		{Text: "From", Widget: from},
		{Text: "To", Widget: to},
		{Text: "As", Widget: format},
		{Text: "", Widget: psych},
		{Text: "For", Widget: recipient},
		{Text: "Why", Widget: purpose},
	}
	dlg := dialog.NewForm("Print or export the record", "Choose where…", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		req := consent.ExportRequest{ClientID: clientID, PsychotherapyNotes: psych.Checked,
			Recipient: strings.TrimSpace(recipient.Text), Purpose: strings.TrimSpace(purpose.Text)}
		if what.Selected == exportRange {
			req.From, req.To = strings.TrimSpace(from.Text), strings.TrimSpace(to.Text)
			if bad := consentDates(consentDate{"the first date", &from.Entry, false}, consentDate{"the last date", &to.Entry, false}); bad != nil {
				dialog.ShowInformation("Check the dates", consentMissing("Give ", bad)+" Nothing was written.", d.win)
				return
			}
		}
		finish := func(m *consent.Manifest) {
			dialog.ShowInformation("Copy of the record saved", exportSaid(m), d.win)
			if done != nil {
				done()
			}
		}
		if format.Selected == exportBundle {
			exportChooseFolder(d, func(dir string) {
				exportNow(d, req, consent.ExportFiles{PDF: filepath.Join(dir, exportChartNm+".pdf"), JSON: filepath.Join(dir, exportChartNm+".json")}, finish)
			})
			return
		}
		exportSavePath(d, "record-"+consent.Day(d.now())+".pdf", func(path string) {
			exportNow(d, req, consent.ExportFiles{PDF: path}, finish)
		})
	}, d.win)
	dlg.Resize(fyne.NewSize(640, 520))
	dlg.Show()
}
