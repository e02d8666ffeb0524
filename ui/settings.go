package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/vault"
)

// Choices offered for the auto-lock and clipboard times.
var (
	lockChoices = []struct {
		label string
		min   int
	}{{"1 minute", 1}, {"5 minutes", 5}, {"10 minutes", 10}, {"15 minutes", 15}, {"30 minutes", 30}, {"1 hour", 60}, {"Never", 0}}
	clipChoices = []struct {
		label string
		sec   int
	}{{"15 seconds", 15}, {"30 seconds", 30}, {"1 minute", 60}, {"2 minutes", 120}, {"Never", 0}}
)

// settingsScreen is the settings dialog: auto-lock, clipboard, privacy
// default, passphrase, vault folder, backups and a new recovery key.
type settingsScreen struct {
	m *mainScreen

	autoLock   *widget.Select
	clipboard  *widget.Select
	privacy    *widget.Check
	passState  *widget.Label
	passButton *widget.Button
	backupDir  *widget.Label
	backupNow  *widget.Button
	daily      *widget.Check
	backupInfo *widget.Label
	vaultDir   *widget.Label
	dlg        *dialog.CustomDialog
}

func (s *settingsScreen) prefs() fyne.Preferences { return s.m.c.app.Preferences() }

func (s *settingsScreen) buildUI() fyne.CanvasObject {
	p := s.prefs()
	s.autoLock = &widget.Select{OnChanged: s.onAutoLock}
	for _, c := range lockChoices {
		s.autoLock.Options = append(s.autoLock.Options, c.label)
		if time.Duration(c.min)*time.Minute == autoLockAfter(p) {
			s.autoLock.Selected = c.label
		}
	}
	s.clipboard = &widget.Select{OnChanged: s.onClipboard}
	for _, c := range clipChoices {
		s.clipboard.Options = append(s.clipboard.Options, c.label)
		if time.Duration(c.sec)*time.Second == clipboardTimeout(p) {
			s.clipboard.Selected = c.label
		}
	}
	s.privacy = &widget.Check{Text: "Start in privacy mode (initials only)", Checked: p.Bool(prefPrivacyDefault),
		OnChanged: func(on bool) { p.SetBool(prefPrivacyDefault, on) }}
	s.passState = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.passButton = &widget.Button{OnTapped: s.onPassphrase}
	s.showPassphrase()
	s.vaultDir = &widget.Label{Text: s.m.v.Dir(), Wrapping: fyne.TextWrapBreak, SizeName: captionSize}
	s.backupDir = &widget.Label{Wrapping: fyne.TextWrapBreak, SizeName: captionSize}
	s.backupNow = &widget.Button{Text: "Back up now", OnTapped: s.onBackupNow}
	s.daily = &widget.Check{Text: "Back up once a day while Confide is open", Checked: p.Bool(prefBackupDaily),
		OnChanged: func(on bool) { p.SetBool(prefBackupDaily, on) }}
	s.backupInfo = &widget.Label{SizeName: captionSize, Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	s.showBackup()

	return container.NewVScroll(container.NewVBox(
		section("Clinician and practice"), newProfileSection(s.m).buildUI(), // settings_profile.go
		widget.NewForm(
			widget.NewFormItem("Lock after", s.autoLock),
			widget.NewFormItem("Clear copied text after", s.clipboard),
			widget.NewFormItem("", s.privacy),
		),
		section("Unlocking"),
		s.passState, container.NewHBox(s.passButton),
		section("Recovery key"),
		paragraph("Confide never stores your recovery key, so it cannot show it again. If you lost it, make a new one: "+
			"you unlock once more to confirm it is you, then Confide shows the new key, and the old one stops working."),
		container.NewHBox(&widget.Button{Text: "Make a new recovery key…", OnTapped: s.onRotate}),
		section("Backups"),
		s.backupDir, container.NewHBox(&widget.Button{Text: "Choose backup folder…", OnTapped: s.onChooseBackup}, s.backupNow),
		s.daily, s.backupInfo,
		section("Vault folder"),
		s.vaultDir, container.NewHBox(&widget.Button{Text: "Use another vault folder…", OnTapped: s.onVaultDir}),
	))
}

func (s *settingsScreen) show() {
	s.dlg = dialog.NewCustom("Settings", "Close", s.buildUI(), s.m.c.win)
	s.dlg.Resize(fyne.NewSize(620, 600))
	s.dlg.Show()
}

func (s *settingsScreen) onAutoLock(label string) {
	for _, c := range lockChoices {
		if c.label == label {
			s.prefs().SetInt(prefAutoLockMin, c.min)
		}
	}
}

func (s *settingsScreen) onClipboard(label string) {
	for _, c := range clipChoices {
		if c.label == label {
			s.prefs().SetInt(prefClipboardSec, c.sec)
		}
	}
}

// showPassphrase says how the vault unlocks and offers the other way.
func (s *settingsScreen) showPassphrase() {
	switch {
	case s.m.c.opts.IdentityFile != "":
		s.passState.SetText("Confide was started with a key file, so the passphrase cannot be changed from here.")
		s.passButton.SetText("Ask for a passphrase…")
		s.passButton.Disable()
	case vault.HasPassphrase(s.m.v.Dir()):
		s.passState.SetText("Confide asks for your passphrase each time it opens.")
		s.passButton.SetText("Stop asking: use this computer's keyring")
	default:
		s.passState.SetText("Confide opens with this computer's keyring, with nothing to type.")
		s.passButton.SetText("Ask for a passphrase every time…")
	}
}

func (s *settingsScreen) onPassphrase() {
	v, store := s.m.v, s.m.c.opts.Store
	if vault.HasPassphrase(v.Dir()) {
		if err := v.RemovePassphrase(store); err != nil {
			s.m.c.showError(err)
		}
		s.showPassphrase()
		return
	}
	pass := &widget.Entry{Password: true, PlaceHolder: "At least 8 characters"}
	again := &widget.Entry{Password: true, PlaceHolder: "The same again"}
	items := []*widget.FormItem{{Text: "Passphrase", Widget: pass}, {Text: "Again", Widget: again}}
	dialog.ShowForm("Ask for a passphrase", "Use this passphrase", "Cancel", items, func(ok bool) {
		switch {
		case !ok:
			return
		case len([]rune(pass.Text)) < minPassphrase:
			dialog.ShowInformation("Passphrase too short", "Choose a passphrase of at least 8 characters. Nothing was changed.", s.m.c.win)
		case pass.Text != again.Text:
			dialog.ShowInformation("The passphrases differ", "The two passphrases are not the same. Nothing was changed.", s.m.c.win)
		default:
			if err := v.SetPassphrase(pass.Text, store); err != nil {
				s.m.c.showError(err)
			}
		}
		s.showPassphrase()
	}, s.m.c.win)
}

// showBackup describes the backup folder and the last backup.
func (s *settingsScreen) showBackup() {
	p := s.prefs()
	if dir := p.String(prefBackupDir); dir != "" {
		s.backupDir.SetText("Backups go to " + dir)
		s.backupNow.Enable()
	} else {
		s.backupDir.SetText("No backup folder chosen yet. Choose one on another disk or a USB stick.")
		s.backupNow.Disable()
	}
	if t := lastBackup(p); !t.IsZero() {
		s.backupInfo.SetText("Last backup: " + t.Local().Format("2 Jan 2006, 15:04") + ". Backups stay encrypted; open one with --vault.")
	} else {
		s.backupInfo.SetText("No backup made yet. Backups stay encrypted; open one with --vault.")
	}
}

func (s *settingsScreen) onChooseBackup() {
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			s.m.c.showError(err)
			return
		}
		if u == nil {
			return
		}
		s.prefs().SetString(prefBackupDir, u.Path())
		s.showBackup()
	}, s.m.c.win)
}

func (s *settingsScreen) onBackupNow() {
	s.backupNow.Disable()
	s.backupInfo.SetText("Backing up…")
	s.m.c.backupNow(func(err error) {
		s.showBackup()
		if err != nil {
			s.m.c.showError(err)
		}
	})
}

func (s *settingsScreen) onVaultDir() {
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		s.prefs().SetString(prefVaultDir, u.Path())
		s.vaultDir.SetText(s.m.v.Dir() + "\nNext time Confide starts it opens " + u.Path() +
			" (unless --vault or " + vault.EnvVault + " names another).")
	}, s.m.c.win)
}

// onRotate explains, then locks: the next unlock confirms it is the user,
// and Confide then makes and shows the new recovery key.
func (s *settingsScreen) onRotate() {
	dialog.ShowConfirm("Make a new recovery key?",
		"Confide will lock now. Unlock again to confirm it is you; Confide then shows your new recovery key, once. "+
			"Your old recovery key will no longer open your notes.",
		func(ok bool) {
			if !ok {
				return
			}
			s.dlg.Hide()
			s.m.c.pendingRotate = true
			s.m.c.onLock()
		}, s.m.c.win)
}

// rotateRecovery makes a new recovery key after the user unlocked again,
// and shows it with the recovery key screen.
func (c *Confide) rotateRecovery(v *vault.Vault) {
	s := &unlockScreen{c: c}
	c.show(titleLocked, s.buildUI())
	c.unlock = s
	s.showWorking("Making your new recovery key…")
	c.background(func() {
		key, err := v.RotateRecovery()
		fyne.Do(func() {
			if err != nil {
				c.showMain(v)
				c.showError(err)
				return
			}
			rk := &recoveryKeyScreen{c: c, v: v, id: v.ID(), key: key, rotated: true}
			c.show("Confide — new recovery key", rk.buildUI())
			c.recoveryKey = rk
		})
	})
}
