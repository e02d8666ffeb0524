package disguise

import (
	"fmt"
	"os"
	"testing"
)

// TestTraceNames prints which name rule found what in $TRACE_TEXT (a
// development aid; it checks nothing when the variable is unset).
func TestTraceNames(t *testing.T) {
	text := os.Getenv("TRACE_TEXT")
	if text == "" {
		return
	}
	traceRule = func(rule string, s, e int) { fmt.Printf("%-10s %q\n", rule, text[s:e]) }
	defer func() { traceRule = nil }()
	for _, s := range Detect(text, nil) {
		fmt.Printf("SPAN %-8s %-8s %q\n", s.Category, s.Detector, s.Text)
	}
}
