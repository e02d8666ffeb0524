package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNoteText(t *testing.T) {
	utf16le := []byte{0xff, 0xfe, 'Z', 0, 'o', 0, 0xeb, 0, '\r', 0, '\n', 0, 'b', 0}
	utf16be := []byte{0xfe, 0xff, 0, 'Z', 0, 'o', 0, 0xeb, 0, '\r', 0, '\n', 0, 'b'}
	for _, c := range []struct {
		name string
		in   []byte
		want string
	}{
		{"unix", []byte("Zoë, café\nniño\n"), "Zoë, café\nniño\n"},
		{"windows", []byte("Zoë, café\r\nniño\r\n"), "Zoë, café\nniño\n"},
		{"old mac", []byte("a\rb\r"), "a\nb\n"},
		{"mixed", []byte("a\r\nb\nc\rd"), "a\nb\nc\nd"},
		{"utf-8 bom", []byte("\xef\xbb\xbfZoë\r\n"), "Zoë\n"},
		{"utf-16le", utf16le, "Zoë\nb"},
		{"utf-16be", utf16be, "Zoë\nb"},
		{"empty", nil, ""},
	} {
		got, err := noteText(c.in)
		if err != nil || got != c.want {
			t.Errorf("%s: noteText = %q, %v; want %q", c.name, got, err, c.want)
		}
	}
	// Windows-1252 "café": not UTF-8, refused rather than stored garbled.
	if got, err := noteText([]byte("caf\xe9\r\n")); !errors.Is(err, errNotText) {
		t.Errorf("Windows-1252 text: noteText = %q, %v; want errNotText", got, err)
	}
}

// TestImportWindowsFiles imports what Windows editors write (CRLF, a UTF-8
// BOM, UTF-16) and a note body from --file and from stdin with CRLF: every
// note is stored with LF and no BOM, and a file that is not Unicode text
// stops the import before anything is written.
func TestImportWindowsFiles(t *testing.T) {
	c := newCLI(t)
	client := c.ok("", "client", "add", "--name", "Zoë Niño")
	dir := t.TempDir()
	files := map[string][]byte{
		"2024-05-06 crlf.txt": []byte("Zoë, café, niño.\r\nSlept better.\r\n"),
		"2024-05-07 bom.md":   []byte("\xef\xbb\xbfZoë, café, niño.\r\nSlept better.\r\n"),
		"2024-05-08 utf16.txt": append([]byte{0xff, 0xfe}, []byte{
			'Z', 0, 'o', 0, 0xeb, 0, ',', 0, ' ', 0, 'c', 0, 'a', 0, 'f', 0, 0xe9, 0, ',', 0, ' ', 0,
			'n', 0, 'i', 0, 0xf1, 0, 'o', 0, '.', 0, '\r', 0, '\n', 0,
			'S', 0, 'l', 0, 'e', 0, 'p', 0, 't', 0, ' ', 0, 'b', 0, 'e', 0, 't', 0, 't', 0, 'e', 0, 'r', 0, '.', 0, '\r', 0, '\n', 0}...),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var res struct{ Imported []struct{ File, ID string } }
	c.json(&res, "", "import", dir, "--client", client)
	if len(res.Imported) != len(files) {
		t.Fatalf("imported %d files, want %d", len(res.Imported), len(files))
	}
	body := func(id string) string {
		var n struct {
			Sections []struct{ Text string }
		}
		c.json(&n, "", "note", "show", id)
		var s strings.Builder
		for _, sec := range n.Sections {
			s.WriteString(sec.Text)
		}
		return s.String()
	}
	for _, im := range res.Imported {
		if got := body(im.ID); !strings.HasPrefix(got, "Zoë, café, niño.\nSlept better.") || strings.ContainsAny(got, "\r\ufeff") {
			t.Errorf("%s imported as %q", im.File, got)
		}
	}

	bodyFile := filepath.Join(dir, "body.txt")
	os.WriteFile(bodyFile, []byte("\xef\xbb\xbfFrom a file.\r\nSecond line.\r\n"), 0o600)
	fromFile := c.ok("", "note", "add", "--client", client, "--kind", "progress", "--file", bodyFile)
	fromStdin := c.ok("From stdin.\r\nSecond line.\r\n", "note", "add", "--client", client, "--kind", "progress")
	for id, want := range map[string]string{fromFile: "From a file.\nSecond line.", fromStdin: "From stdin.\nSecond line."} {
		if got := body(id); !strings.HasPrefix(got, want) || strings.ContainsAny(got, "\r\ufeff") {
			t.Errorf("note body stored as %q, want %q", got, want)
		}
	}

	before := c.noteCount(client)
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "a.txt"), []byte("fine\r\n"), 0o600)
	os.WriteFile(filepath.Join(bad, "b.txt"), []byte("caf\xe9 (Windows-1252)\r\n"), 0o600)
	_, stderr, code := c.run("", "import", bad, "--client", client)
	if code == 0 || !strings.Contains(stderr, "b.txt is not UTF-8") || c.noteCount(client) != before {
		t.Errorf("import of a Windows-1252 file: exit %d, %q, %d notes (had %d)", code, stderr, c.noteCount(client), before)
	}
}
