package main

import "time"

func fixedNow() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) }
