package main

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// errNotText is the error for a note file that is not Unicode text.
var errNotText = errors.New("is not UTF-8 or UTF-16 text; save it as UTF-8 (in Notepad: File, Save as, Encoding UTF-8) and try again")

// noteText turns a text file, or what came in on stdin, into a note body.
// Files written on Windows differ from Linux ones in three ways that would
// otherwise end up in the vault: a byte order mark at the start (Notepad's
// "UTF-8 with BOM"), UTF-16 (Notepad's "Unicode"), and CRLF line endings.
// The BOM goes, UTF-16 is decoded, and CRLF (and a lone CR, from old Macs)
// become LF, the line ending of every note. Anything else that is not
// UTF-8 is refused rather than stored as mojibake.
func noteText(b []byte) (string, error) {
	if bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff}) {
		d, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", errNotText
		}
		b = d
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		return "", errNotText
	}
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n"), nil
}
