//go:build !unix

package main

import "time"

// processCPU reports that this system's processor time is not read here;
// the bench falls back to the wall clock.
func processCPU() (time.Duration, bool) { return 0, false }
