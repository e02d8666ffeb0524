package ui

import (
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
)

// backupFolderName is the folder a backup made on day t goes to, inside
// the chosen backup folder: one a day, the newest of the day kept.
func backupFolderName(t time.Time) string {
	return "Confide backup " + t.Format("2006-01-02")
}

// lastBackup is when the last backup succeeded, or the zero time.
func lastBackup(p fyne.Preferences) time.Time {
	t, _ := time.Parse(time.RFC3339, p.String(prefBackupLast))
	return t
}

// backupIfDue starts the daily backup when it is switched on, a folder is
// chosen and the last one is a day old. Failures wait for the next day's
// try after an hour; "Back up now" in the settings says what went wrong.
func (c *Confide) backupIfDue() {
	p := c.app.Preferences()
	dir := p.String(prefBackupDir)
	if !p.Bool(prefBackupDaily) || dir == "" || c.backingUp {
		return
	}
	if c.opts.Now().Round(0).Sub(lastBackup(p)) < 24*time.Hour {
		return
	}
	c.backupNow(func(err error) {
		if err != nil {
			fyne.LogError("daily backup", err)
			// Try again in an hour rather than every second.
			p.SetString(prefBackupLast, c.opts.Now().Add(-23*time.Hour).Format(time.RFC3339))
		}
	})
}

// backupNow copies the encrypted vault into today's folder inside the
// backup folder, in the background, and calls done on the UI goroutine.
func (c *Confide) backupNow(done func(error)) {
	p := c.app.Preferences()
	dir := p.String(prefBackupDir)
	c.mu.Lock()
	v := c.v
	c.mu.Unlock()
	if v == nil || dir == "" || c.backingUp {
		return
	}
	c.backingUp = true
	now := c.opts.Now()
	dest := filepath.Join(dir, backupFolderName(now))
	c.background(func() {
		_, err := v.Backup(dest)
		fyne.Do(func() {
			c.backingUp = false
			if err == nil {
				p.SetString(prefBackupLast, now.Round(0).Format(time.RFC3339))
			}
			done(err)
		})
	})
}
