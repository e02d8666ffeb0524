package clinical

import (
	"errors"
	"fmt"
	"time"

	"github.com/confidenotes/confide/notes"
)

// ErrCodeMismatch means a note's psychotherapy time code does not fit the
// session's minutes. The message says which code fits.
var ErrCodeMismatch = errors.New("the service code does not fit the session's length")

// SessionEnd is when a session ended: its start plus its minutes, as
// "HH:MM" (a session past midnight ends the next day, "00:20"); "" when
// the start or the length is not recorded. A note stores its start and
// its length; the end is always worked out from them, so the two can
// never disagree.
func SessionEnd(s notes.Session) string {
	if s.Start == "" || s.DurationMin <= 0 {
		return ""
	}
	t, err := time.Parse("15:04", s.Start)
	if err != nil {
		return ""
	}
	return t.Add(time.Duration(s.DurationMin) * time.Minute).Format("15:04")
}

// CheckNote checks a note's service code against its minutes, as signing
// does (see CheckTimeCode).
func (s *Store) CheckNote(id string) (TimeCheck, error) {
	n, err := s.notes.GetNote(id)
	if errors.Is(err, notes.ErrNotFound) {
		return TimeCheck{}, notFound("note", id)
	}
	if err != nil {
		return TimeCheck{}, err
	}
	return CheckTimeCode(n.ServiceCode, n.DurationMin), nil
}

// SignNote signs a draft note (notes.Store.Sign) once its time code is
// checked: a psychotherapy code (90832, 90834, 90837) that does not fit
// the note's minutes is refused with ErrCodeMismatch, naming the code that
// fits, unless acceptMismatch is set. A note without a time code is not
// checked. It returns the check as well as the signed note, so that a
// caller can say that a mismatch was signed anyway.
func (s *Store) SignNote(id string, acceptMismatch bool) (*notes.Note, TimeCheck, error) {
	chk, err := s.CheckNote(id)
	if err != nil {
		return nil, chk, err
	}
	if !chk.OK && !acceptMismatch {
		return nil, chk, fmt.Errorf("%w: %s", ErrCodeMismatch, chk.Reason)
	}
	n, err := s.notes.Sign(id)
	return n, chk, err
}
