package disguise_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes/disguise"
)

type outLine struct {
	ID    any    `json:"id"`
	Error string `json:"error"`
	Spans []struct {
		Start, End int
		Category   string
		Text       string
	} `json:"spans"`
}

func runJSONLines(tb testing.TB, input string) []outLine {
	tb.Helper()
	var out bytes.Buffer
	if err := disguise.DetectJSONLines(strings.NewReader(input), &out); err != nil {
		tb.Fatalf("DetectJSONLines: %v", err)
	}
	var lines []outLine
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var l outLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			tb.Fatalf("output line is not JSON: %v", err)
		}
		lines = append(lines, l)
	}
	return lines
}

func TestDetectJSONLines(t *testing.T) {
	tests := []struct {
		name      string
		line      string
		wantErr   bool
		wantSpans int // -1: any
		wantID    any
	}{
		{"plain", `{"id":"a","text":"Seen on 3/14/2021."}`, false, 1, "a"},
		{"known names", `{"id":"b","text":"Maria came.","known":{"names":["Maria Lopez"]}}`, false, 1, "b"},
		{"names as string", `{"id":"c","text":"Maria came.","known":{"names":"Maria Lopez"}}`, false, 1, "c"},
		{"numbers in known", `{"id":"d","text":"Call 5551234567.","known":{"phones":5551234567,"employer":7}}`, false, -1, "d"},
		{"empty text", `{"id":"e","text":""}`, false, 0, "e"},
		{"numeric id", `{"id":7,"text":"fine"}`, false, 0, float64(7)},
		{"not json", `not json at all`, true, 0, nil},
		{"text not string", `{"id":"f","text":42}`, true, 0, "f"},
		{"text missing", `{"id":"g"}`, true, 0, "g"},
		{"known not object", `{"id":"h","text":"x","known":[1,2]}`, true, 0, "h"},
		{"control characters escaped", `{"id":"i","text":"a\u0000b\u0007 Dr. Okonkwo"}`, false, 1, "i"},
		{"array line", `[1,2,3]`, true, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runJSONLines(t, tt.line+"\n")
			if len(got) != 1 {
				t.Fatalf("got %d output lines, want 1", len(got))
			}
			if (got[0].Error != "") != tt.wantErr {
				t.Errorf("error = %q, want error: %v", got[0].Error, tt.wantErr)
			}
			if got[0].ID != tt.wantID {
				t.Errorf("id = %v, want %v", got[0].ID, tt.wantID)
			}
			if tt.wantSpans >= 0 && len(got[0].Spans) != tt.wantSpans {
				t.Errorf("got %d spans, want %d", len(got[0].Spans), tt.wantSpans)
			}
		})
	}
}

func TestDetectJSONLinesCodePoints(t *testing.T) {
	text := "Ça va, Zoë? Seen on 3/14/2021 by Dr. Okonkwo."
	line, _ := json.Marshal(map[string]string{"id": "u", "text": text})
	got := runJSONLines(t, string(line)+"\n")
	runes := []rune(text)
	if len(got) != 1 || len(got[0].Spans) == 0 {
		t.Fatalf("got %+v, want spans", got)
	}
	for _, s := range got[0].Spans {
		if string(runes[s.Start:s.End]) != s.Text {
			t.Errorf("span [%d,%d) = %q in code points, want %q", s.Start, s.End, string(runes[s.Start:s.End]), s.Text)
		}
	}
}

func TestDetectJSONLinesKeepsOrderAndGoesOn(t *testing.T) {
	input := `{"id":"1","text":"On 3/14/2021."}` + "\n" + `{bad` + "\n\n" + `{"id":"3","text":"ok"}` // no final newline
	got := runJSONLines(t, input)
	if len(got) != 3 {
		t.Fatalf("got %d lines, want 3", len(got))
	}
	if got[0].ID != "1" || got[1].Error == "" || got[2].ID != "3" {
		t.Errorf("got %+v, want ids 1, error, 3 in order", got)
	}
}

func TestDetectJSONLinesLongLine(t *testing.T) {
	big := strings.Repeat("a", 17<<20) + " Seen by Dr. Okonkwo on 3/14/2021."
	line, _ := json.Marshal(map[string]string{"id": "big", "text": big})
	got := runJSONLines(t, string(line)+"\n"+`{"id":"after","text":"x"}`+"\n")
	if len(got) != 2 {
		t.Fatalf("long line: got %d lines, want 2", len(got))
	}
	if got[0].Error != "" || len(got[0].Spans) != 2 || got[1].ID != "after" {
		t.Errorf("long line: error %q, %d spans, next id %v; want no error, 2 spans, next id after", got[0].Error, len(got[0].Spans), got[1].ID)
	}
}
