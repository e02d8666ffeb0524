package consent

import (
	"fmt"
	"os"
	"path/filepath"
)

// writeRecorded writes the files of a copy that leaves the vault (an
// export, a superbill) the way a release writes its own: the vault notes
// each temporary file first; each is written beside its destination,
// readable by the user only, and synced; record enters the copy in the
// accounting, durably; only then are the files renamed into place and
// their folders synced. A copy that cannot be recorded leaves no file;
// one interrupted by a crash is finished or removed at the next Open
// (finishReleaseFiles). what names the copy in the error said when a
// recorded file cannot be put in place ("export", "superbill"); that
// error comes with recorded set, since the copy is in the accounting.
func (s *Store) writeRecorded(id, what string, finals []string, data [][]byte, record func() (disclosureID string, err error)) (recorded bool, err error) {
	for _, f := range finals {
		if fi, err := os.Stat(f); err == nil && fi.IsDir() {
			return false, fmt.Errorf("%w: %s is a folder; give a file name", ErrInvalid, f)
		}
	}
	temps := make([]string, len(finals))
	for i, f := range finals {
		temps[i] = filepath.Join(filepath.Dir(f), fmt.Sprintf("%s%s-%d", releaseTempPrefix, id, i))
	}
	if err := s.noteReleaseFiles(id, temps, finals); err != nil {
		return false, err
	}
	defer func() {
		if recorded {
			return // the files are the record's: placed, or left for the next Open to place
		}
		for _, t := range temps {
			os.Remove(t)
		}
		s.forgetReleaseFiles(temps)
	}()
	for i, t := range temps {
		if err := writeTemp(t, data[i]); err != nil {
			return false, err
		}
	}
	disclosureID, err := record()
	if err != nil {
		return false, err
	}
	recorded = true
	for i, t := range temps {
		if err := renameFile(t, finals[i]); err != nil {
			return true, fmt.Errorf("the %s was recorded as %s, but its file could not be put in place (%w); Confide puts it there the next time it opens the vault", what, disclosureID, err)
		}
		syncDir(filepath.Dir(finals[i]))
	}
	s.forgetReleaseFiles(temps) // if this fails, the next Open finds the files placed and forgets them
	return true, nil
}
