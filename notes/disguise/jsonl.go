package disguise

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// MaxLineBytes is the longest input line DetectJSONLines reads; a longer
// line is answered with an error line and skipped.
const MaxLineBytes = 64 << 20

// lineOut is one output line of the detect command.
type lineOut struct {
	ID    json.RawMessage `json:"id"`
	Spans []jsonSpan      `json:"spans"`
}

type lineErr struct {
	ID    json.RawMessage `json:"id"`
	Error string          `json:"error"`
}

type jsonSpan struct {
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Category Category `json:"category"`
	Text     string   `json:"text"`
}

// DetectJSONLines reads one JSON object per line from in,
// {"id": "...", "text": "...", "known": {...}}, and writes one line per
// input to out, in order: {"id": "...", "spans": [...]} with offsets in
// Unicode code points, or {"id": ..., "error": "..."} for a line it cannot
// read. Blank lines are skipped. It returns only errors of in and out.
func DetectJSONLines(in io.Reader, out io.Writer) error {
	r := bufio.NewReaderSize(in, 64<<10)
	w := bufio.NewWriterSize(out, 64<<10)
	for {
		line, tooLong, err := readLine(r)
		if err != nil && err != io.EOF {
			return fmt.Errorf("read input: %w", err)
		}
		if tooLong {
			if werr := writeJSON(w, lineErr{ID: json.RawMessage("null"), Error: "line longer than the limit of " + strconv.Itoa(MaxLineBytes) + " bytes"}); werr != nil {
				return werr
			}
		} else if len(bytes.TrimSpace(line)) > 0 {
			if werr := writeJSON(w, detectLine(line)); werr != nil {
				return werr
			}
		}
		if err == io.EOF {
			break
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

// readLine reads up to the next newline. A line over MaxLineBytes is
// consumed without being kept, and reported as tooLong.
func readLine(r *bufio.Reader) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > MaxLineBytes {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return buf, tooLong, err
	}
}

func writeJSON(w *bufio.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode output: %w", err)
	}
	b = append(b, '\n')
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

type lineIn struct {
	ID    json.RawMessage `json:"id"`
	Text  json.RawMessage `json:"text"`
	Known json.RawMessage `json:"known"`
}

func detectLine(line []byte) any {
	var in lineIn
	if err := json.Unmarshal(line, &in); err != nil {
		return lineErr{ID: json.RawMessage("null"), Error: "line is not a JSON object"}
	}
	id := scalarID(in.ID)
	var text string
	if len(in.Text) == 0 || json.Unmarshal(in.Text, &text) != nil {
		return lineErr{ID: id, Error: "text is missing or not a string"}
	}
	known, err := ParseKnown(in.Known)
	if err != nil {
		return lineErr{ID: id, Error: err.Error()}
	}
	spans := Detect(text, known)
	return lineOut{ID: id, Spans: toCodePoints(text, spans)}
}

// scalarID echoes a string or number id, and null for anything else.
func scalarID(raw json.RawMessage) json.RawMessage {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return json.RawMessage("null")
	}
	switch raw[0] {
	case '"', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return raw
	}
	return json.RawMessage("null")
}

// toCodePoints converts byte offsets of sorted spans to code points.
func toCodePoints(text string, spans []Span) []jsonSpan {
	out := make([]jsonSpan, 0, len(spans))
	pos, cp := 0, 0
	advance := func(to int) int {
		cp += utf8.RuneCountInString(text[pos:to])
		pos = to
		return cp
	}
	for _, s := range spans {
		start := advance(s.Start)
		end := advance(s.End)
		out = append(out, jsonSpan{Start: start, End: end, Category: s.Category, Text: s.Text})
	}
	return out
}
