package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/notes"
)

// destroyWord is what the user types to confirm a destruction.
const destroyWord = "destroy"

// retentionScreen lists the records whose retention period has passed
// (records under a legal hold never appear) and destroys one after the
// user confirms by typing a word.
type retentionScreen struct {
	m *mainScreen

	box     *fyne.Container
	dlg     *dialog.CustomDialog
	confirm *keyEntry // the confirmation word being typed
}

func (r *retentionScreen) show() {
	r.box = container.NewVBox()
	r.load()
	intro := paragraph("These records have been kept for as long as the rules require: seven years after the last contact, " +
		"and for a minor until three years after they turn 18 if that is later. Records under a legal hold are not listed. " +
		"Destroying a record removes the client and all their notes for good; the vault's log keeps only the fact, without content.")
	content := container.NewBorder(intro, nil, nil, nil, container.NewVScroll(roomForBar(r.box)))
	r.dlg = dialog.NewCustom("Records due for destruction", "Close", content, r.m.c.win)
	r.dlg.Resize(fyne.NewSize(680, 480))
	r.dlg.Show()
}

// load lists what is due today.
func (r *retentionScreen) load() {
	r.box.RemoveAll()
	due, err := r.m.notes.DueForDestruction(r.m.now())
	if err != nil {
		r.m.c.showError(err)
		return
	}
	if len(due) == 0 {
		r.box.Add(&widget.Label{Text: "No record is due for destruction today.", Importance: widget.LowImportance})
		return
	}
	for _, d := range due {
		d := d
		c, err := r.m.notes.GetClient(d.ClientID)
		if err != nil {
			continue
		}
		name := r.m.displayName(c)
		info := fmt.Sprintf("Last contact %s · may be destroyed after %s · %s", d.LastContact, d.DestroyAfter, d.Rule)
		r.box.Add(container.NewBorder(nil, nil, nil,
			&widget.Button{Text: "Destroy…", Importance: widget.DangerImportance, OnTapped: func() { r.onDestroy(d, name) }},
			container.NewVBox(&widget.Label{Text: name, TextStyle: fyne.TextStyle{Bold: true}},
				&widget.Label{Text: info, SizeName: captionSize, Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord})))
	}
}

// onDestroy asks the user to type the confirmation word, then destroys.
func (r *retentionScreen) onDestroy(d notes.Retention, name string) {
	confirm := newField("", "Type "+destroyWord)
	msg := paragraph("This removes " + name + "'s whole record: the client, every note and addendum, related people and unit memberships. " +
		"It cannot be undone, and backups made before today still hold it. To go ahead, type “" + destroyWord + "”.")
	var dlg *dialog.ConfirmDialog
	dlg = dialog.NewCustomConfirm("Destroy this record?", "Destroy the record", "Keep it",
		container.NewVBox(msg, confirm), func(ok bool) {
			if ok {
				r.destroy(d.ClientID)
			}
		}, r.m.c.win)
	confirm.OnChanged = func(s string) {
		if strings.EqualFold(strings.TrimSpace(s), destroyWord) {
			dlg.SetConfirmImportance(widget.DangerImportance)
		}
	}
	confirm.Validator = func(s string) error {
		if !strings.EqualFold(strings.TrimSpace(s), destroyWord) {
			return fmt.Errorf("type %s", destroyWord)
		}
		return nil
	}
	dlg.Resize(fyne.NewSize(520, 260))
	dlg.Show()
	r.confirm = confirm
}

// destroy removes the record, once the confirmation word is typed.
func (r *retentionScreen) destroy(clientID string) {
	if r.confirm != nil && r.confirm.Validate() != nil {
		dialog.ShowInformation("Nothing was destroyed", "Type “"+destroyWord+"” to confirm, then choose Destroy the record.", r.m.c.win)
		return
	}
	if r.m.pane != nil && r.m.pane.client.ID == clientID {
		r.m.showStart()
	}
	// Destruction rewrites the vault so that no copy of the record stays
	// on disk: about a second on a large vault, so it runs off the UI
	// goroutine, with the window saying what is happening.
	m, win := r.m, r.m.c.win
	working := showProgress("Destroying the record…", win)
	now := m.now()
	m.c.background(func() {
		res, err := m.notes.Destroy(clientID, now)
		fyne.Do(func() {
			working()
			if m.c.main != m {
				return // locked meanwhile; the unlocked window reloads everything
			}
			if err != nil {
				m.c.showError(err)
				return
			}
			m.clients.selected = ""
			m.clients.load()
			r.load()
			dialog.ShowInformation("The record was destroyed",
				fmt.Sprintf("Removed %d notes, %d addenda and %d related people. The vault's log records the destruction and its rule, without any content.",
					res.Notes, res.Addenda, res.People), win)
		})
	})
}
