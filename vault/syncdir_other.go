//go:build !windows

package vault

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// syncDir fsyncs a folder, so that files created, renamed or removed in it
// stay so after a power loss. A file system that cannot sync folders at
// all (EINVAL, as some network file systems answer) leaves nothing to do.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open folder: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return fmt.Errorf("sync folder: %w", err)
	}
	return nil
}

// canWrite asks the kernel whether dir may be written (access(2)): EROFS
// on a read-only mount, EACCES without permission.
func canWrite(dir string) error { return syscall.Access(dir, 2) } // W_OK

// renameDurably is os.Rename; syncDir on the folder makes it durable.
func renameDurably(oldpath, newpath string) error { return os.Rename(oldpath, newpath) }
