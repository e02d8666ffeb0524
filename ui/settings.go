package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
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

// settingsScreen is the settings page, in place of the client list and
// notes until Back (or Esc): a list of sections beside the one chosen.
type settingsScreen struct {
	m *mainScreen

	autoLock   *widget.Select
	clipboard  *widget.Select
	privacy    *widget.Check
	idlePIN    *widget.Check
	pinState   *widget.Label
	pinButton  *widget.Button
	look       *widget.RadioGroup
	textSize   *widget.Select
	passState  *widget.Label
	passButton *widget.Button
	backupDir  *widget.Label
	backupNow  *widget.Button
	daily      *widget.Check
	backupInfo *widget.Label
	vaultDir   *widget.Label

	sections []settingsSection
	list     *widget.List
	body     *container.Scroll
	prev     fyne.CanvasObject // the window content the page replaced
	page     fyne.CanvasObject
}

// settingsSection is one entry of the settings page's list.
type settingsSection struct {
	title string
	build func(s *settingsScreen) fyne.CanvasObject
}

// settingsSections are the sections of the settings page, in order.
// Another part of the app adds its own section with one more entry here.
func settingsSections() []settingsSection {
	return []settingsSection{
		{"Clinician and practice", func(s *settingsScreen) fyne.CanvasObject { return newProfileSection(s.m).buildUI() }},
		{"Fees", func(s *settingsScreen) fyne.CanvasObject { return newFeesSection(s.m).buildUI() }},
		{"Locking and privacy", (*settingsScreen).buildLocking},
		{"Appearance", (*settingsScreen).buildAppearance},
		{"Unlocking", (*settingsScreen).buildUnlocking},
		{"Recovery key", (*settingsScreen).buildRecovery},
		{"Backups", (*settingsScreen).buildBackups},
		{"Vault folder", (*settingsScreen).buildVaultFolder},
	}
}

func (s *settingsScreen) prefs() fyne.Preferences { return s.m.c.app.Preferences() }

func (s *settingsScreen) buildUI() fyne.CanvasObject {
	s.sections = settingsSections()
	s.body = container.NewVScroll(widget.NewLabel(""))
	s.list = &widget.List{
		Length: func() int { return len(s.sections) },
		CreateItem: func() fyne.CanvasObject {
			return &widget.Label{Text: "Locking and privacy", Truncation: fyne.TextTruncateEllipsis}
		},
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.sections[i].title) },
		OnSelected: s.choose,
	}
	s.list.ExtendBaseWidget(s.list)
	back := &widget.Button{Text: "Back", Icon: theme.NavigateBackIcon(), OnTapped: s.close}
	header := container.NewBorder(nil, nil, back, nil, heading("Settings"))
	split := container.NewHSplit(s.list, s.body)
	split.Offset = 0.25
	s.list.Select(0)
	return container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, split)
}

// choose shows section i.
func (s *settingsScreen) choose(i widget.ListItemID) {
	if i < 0 || i >= len(s.sections) {
		return
	}
	s.m.c.idle.touch()
	sec := s.sections[i]
	s.body.Content = roomForBar(container.NewVBox(panelTitle(sec.title), sec.build(s)))
	s.body.ScrollToTop()
	s.body.Refresh()
}

// chooseTitled shows the section with this title.
func (s *settingsScreen) chooseTitled(title string) {
	for i, sec := range s.sections {
		if sec.title == title {
			s.list.Select(i)
		}
	}
}

func (s *settingsScreen) buildLocking() fyne.CanvasObject {
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
	s.idlePIN = &widget.Check{Text: "After locking by itself, ask for my PIN or passphrase to unlock", Checked: idlePINWanted(p),
		OnChanged: func(on bool) { p.SetBool(prefIdlePIN, on); s.showPIN() }}
	s.pinState = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.pinButton = &widget.Button{OnTapped: s.onPIN}
	s.showPIN()
	return container.NewVBox(
		widget.NewForm(
			widget.NewFormItem("Lock after", s.autoLock),
			widget.NewFormItem("Clear copied text after", s.clipboard),
		),
		s.privacy,
		section("When Confide locks by itself"),
		s.idlePIN,
		paragraph("A click at a desk left unattended then does not open your notes. "+
			"Opening Confide after you log in to your computer still needs no typing."),
		s.pinState, container.NewHBox(s.pinButton),
	)
}

func (s *settingsScreen) buildAppearance() fyne.CanvasObject {
	p := s.prefs()
	var labels []string
	for _, c := range lookChoices {
		labels = append(labels, c.label)
	}
	s.look = &widget.RadioGroup{Options: labels, Required: true}
	for _, c := range lookChoices {
		if c.key == p.StringWithFallback(prefLook, lookSystem) {
			s.look.Selected = c.label
		}
	}
	s.look.OnChanged = func(label string) {
		for _, c := range lookChoices {
			if c.label == label {
				p.SetString(prefLook, c.key)
			}
		}
		applyTheme(s.m.c.app)
	}
	s.textSize = &widget.Select{Selected: p.StringWithFallback(prefTextSize, "Normal")}
	for _, c := range textSizeChoices {
		s.textSize.Options = append(s.textSize.Options, c.label)
	}
	s.textSize.OnChanged = func(label string) {
		p.SetString(prefTextSize, label)
		applyTheme(s.m.c.app)
	}
	return widget.NewForm(
		widget.NewFormItem("Colours", s.look),
		widget.NewFormItem("Text size", s.textSize),
	)
}

func (s *settingsScreen) buildUnlocking() fyne.CanvasObject {
	s.passState = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.passButton = &widget.Button{OnTapped: s.onPassphrase}
	s.showPassphrase()
	return container.NewVBox(s.passState, container.NewHBox(s.passButton))
}

func (s *settingsScreen) buildRecovery() fyne.CanvasObject {
	return container.NewVBox(
		paragraph("Confide never stores your recovery key, so it cannot show it again. If you lost it, make a new one: "+
			"you unlock once more to confirm it is you, then Confide shows the new key, and the old one stops working."),
		container.NewHBox(&widget.Button{Text: "Make a new recovery key…", OnTapped: s.onRotate}),
	)
}

func (s *settingsScreen) buildBackups() fyne.CanvasObject {
	p := s.prefs()
	s.backupDir = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.backupNow = &widget.Button{Text: "Back up now", OnTapped: s.onBackupNow}
	s.daily = &widget.Check{Text: "Back up once a day while Confide is open", Checked: p.Bool(prefBackupDaily),
		OnChanged: func(on bool) { p.SetBool(prefBackupDaily, on) }}
	s.backupInfo = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.showBackup()
	return container.NewVBox(s.backupDir,
		container.NewHBox(&widget.Button{Text: "Choose backup folder…", OnTapped: s.onChooseBackup}, s.backupNow),
		s.daily, s.backupInfo)
}

func (s *settingsScreen) buildVaultFolder() fyne.CanvasObject {
	s.vaultDir = &widget.Label{Text: "Your notes are kept in " + s.m.v.Dir(), Wrapping: fyne.TextWrapWord}
	return container.NewVBox(s.vaultDir,
		container.NewHBox(&widget.Button{Text: "Use another vault folder…", OnTapped: s.onVaultDir}))
}

// show puts the settings page in the window.
func (s *settingsScreen) show() {
	c := s.m.c
	s.prev = c.win.Content()
	s.page = newActivityArea(s.buildUI(), c.idle.touch)
	c.win.SetContent(s.page)
	c.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		c.idle.touch()
		if ev.Name == fyne.KeyEscape {
			s.close()
		}
	})
}

// close goes back to where the user was.
func (s *settingsScreen) close() {
	c := s.m.c
	if s.m.settingsOpen != s {
		return
	}
	s.m.settingsOpen = nil
	c.watchInput() // Esc no longer closes the page
	if c.win.Content() == s.page && s.prev != nil {
		c.win.SetContent(s.prev)
	}
}

// closeSettings leaves the settings page, if it is on show.
func (m *mainScreen) closeSettings() {
	if m.settingsOpen != nil {
		m.settingsOpen.close()
	}
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
	pass, again := secretEntry("At least 8 characters"), secretEntry("The same again")
	items := []*widget.FormItem{{Text: "Passphrase", Widget: pass}, {Text: "Again", Widget: again}}
	dlg := dialog.NewForm("Ask for a passphrase", "Use this passphrase", "Cancel", items, func(ok bool) {
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
	dlg.Show()
	s.m.c.win.Canvas().Focus(pass)
}

// backupNote says what a backup is, in plain words.
const backupNote = "Backups stay encrypted. To open one, choose its folder with “Use another vault folder…” and start Confide again."

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
		s.backupInfo.SetText("Last backup: " + t.Local().Format("2 Jan 2006, 15:04") + ". " + backupNote)
	} else {
		s.backupInfo.SetText("No backup made yet. " + backupNote)
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
		s.vaultDir.SetText("Your notes are kept in " + s.m.v.Dir() + ". The next time Confide starts, it opens the vault in " + u.Path() + ".")
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
			s.close()
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
