package disguise_test

import (
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes/disguise"
)

// A text longer than one chunk gives the same spans as its parts.
func TestDetectLongTextInChunks(t *testing.T) {
	para := "Seen by Dr. Okonkwo on 3/14/2021; call 614-555-2290.\n"
	text := strings.Repeat(para, 12000) // about 650 KB, three chunks
	spans := disguise.Detect(text, nil)
	per := len(disguise.Detect(para, nil))
	if per == 0 || len(spans) != per*12000 {
		t.Fatalf("got %d spans, want %d", len(spans), per*12000)
	}
	checkSpans(t, text, spans)
}
