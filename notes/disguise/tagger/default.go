package tagger

import (
	"sync"

	"github.com/confidenotes/confide/assets/detector"
)

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the model embedded in the program (assets/detector),
// read on first use: reading it takes tens of milliseconds and some
// megabytes, which a program that never detects does not pay.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Read(detector.Tagger)
	})
	return defaultModel, defaultErr
}
