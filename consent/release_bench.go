package consent

import (
	"io"
	"time"
)

// BenchRelease times one release of about n of a client's latest notes (all
// of them when n <= 0), as a release to the client with the default scope
// from the session date of the n-th latest signed note, written to memory
// and recorded nowhere: the figure release_200_ms of confidectl bench. It
// returns the time taken and the number of notes released, which may pass
// n by the other notes of that last day.
func BenchRelease(s *Store, clientID string, n int) (time.Duration, int, error) {
	start := time.Now()
	r, err := s.NewRelease(ReleaseRequest{ClientID: clientID, Type: ToClient, Recipient: "the client", Purpose: "benchmark"})
	if err != nil {
		return 0, 0, err
	}
	if n > 0 {
		sums, err := s.Notes().ListNotes(clientID) // newest first
		if err != nil {
			return 0, 0, err
		}
		sc := r.Scope()
		for _, sum := range sums {
			if !sum.Signed || !sum.InDesignatedRecordSet() {
				continue
			}
			sc.From = sum.Date
			if n--; n == 0 {
				break
			}
		}
		if err := r.SetScope(sc); err != nil {
			return 0, 0, err
		}
	}
	m, err := r.Write(io.Discard)
	if err != nil {
		return 0, 0, err
	}
	return time.Since(start), len(m.Notes), nil
}
