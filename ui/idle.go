package ui

import (
	"sync"
	"time"
)

// idleWatcher tells when the user has been away for longer than the
// auto-lock time. It compares wall-clock readings: time.Now's monotonic
// clock stops while a laptop sleeps, so a sleep past the limit would
// otherwise go unnoticed. The first check after waking locks.
type idleWatcher struct {
	now func() time.Time

	mu   sync.Mutex
	last time.Time // wall clock, monotonic reading stripped
}

func newIdleWatcher(now func() time.Time) *idleWatcher {
	w := &idleWatcher{now: now}
	w.touch()
	return w
}

// touch records user activity now.
func (w *idleWatcher) touch() {
	t := w.now().Round(0)
	w.mu.Lock()
	w.last = t
	w.mu.Unlock()
}

// idleFor reports how long the user has been away.
func (w *idleWatcher) idleFor() time.Duration {
	now := w.now().Round(0)
	w.mu.Lock()
	defer w.mu.Unlock()
	return now.Sub(w.last)
}

// expired reports whether the user has been away for limit or longer;
// a limit of 0 never expires.
func (w *idleWatcher) expired(limit time.Duration) bool {
	return limit > 0 && w.idleFor() >= limit
}
