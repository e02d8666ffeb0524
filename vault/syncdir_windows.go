//go:build windows

package vault

import (
	"os"

	"golang.org/x/sys/windows"
)

// syncDir does nothing on Windows, which refuses to open a folder for
// syncing ("Access is denied"). The folder's entries are made durable
// instead by renameDurably, whose MOVEFILE_WRITE_THROUGH returns only once
// the rename is on the disk; a file created or removed without a rename is
// as durable as NTFS makes it (its metadata journal), no more.
func syncDir(dir string) error { return nil }

// canWrite says nothing on Windows, whose folder permissions access(2)
// does not see: a read-only medium shows itself at the first write, and
// Open then goes read-only (see Vault.replayJournal).
func canWrite(dir string) error { return nil }

// renameDurably replaces newpath with oldpath and returns once the rename
// is flushed to the disk (MoveFileEx with MOVEFILE_WRITE_THROUGH).
func renameDurably(oldpath, newpath string) error {
	from, err := windows.UTF16PtrFromString(oldpath)
	if err != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
	}
	to, err := windows.UTF16PtrFromString(newpath)
	if err != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
	}
	if err := windows.MoveFileEx(from, to, windows.MOVEFILE_REPLACE_EXISTING|windows.MOVEFILE_WRITE_THROUGH); err != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
	}
	return nil
}
