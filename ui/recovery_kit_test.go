package ui

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/confidenotes/confide/vault"
)

// The printed kit is one page that says what the key is and where to keep
// it, with no unexplained jargon; the key read back from the PDF, as a
// user would type it from the paper, opens the vault.
func TestRecoveryKitPDFOpensTheVault(t *testing.T) {
	dir, recovery := newVault(t, newMemStore(), "")
	out := filepath.Join(t.TempDir(), "kit.pdf")
	doc := recoveryKitPDF("cf-0123456789abcdef", recovery, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), "")
	var b bytes.Buffer
	if _, err := doc.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if doc.Pages() != 1 {
		t.Errorf("the kit has %d pages, want one", doc.Pages())
	}
	raw, err := exec.Command("pdftotext", "-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{"Your Confide recovery key", "cf-0123456789abcdef", "23 November 2026", "away from this computer",
		"it cannot be recovered for you", "It begins with AGE-SECRET-KEY-1, which marks it as the secret key of age, the encryption that locks your notes",
		"Use my recovery key"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the kit does not say %q:\n%s", want, text)
		}
	}
	// The key as printed: the line AGE-SECRET-KEY-1 and the groups under it.
	lines := strings.Split(text, "\n")
	var typed []string
	for i, l := range lines {
		if strings.TrimSpace(l) == "AGE-SECRET-KEY-1" {
			typed = append(typed, lines[i:i+3]...)
			break
		}
	}
	if len(typed) != 3 {
		t.Fatalf("the key is not on lines of its own:\n%s", text)
	}
	for name, key := range map[string]string{"typed from the paper": strings.Join(typed, "\n"), "in lower case": strings.ToLower(strings.Join(typed, " "))} {
		ids, err := vault.ParseIdentities(strings.NewReader(normalizeKeyText(key)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		v, err := vault.Open(dir, vault.WithIdentities(ids...))
		if err != nil {
			t.Fatalf("the key %s does not open the vault: %v", name, err)
		}
		v.Close()
	}
}

// The recovery key screen says to print the kit, explains the key, and its
// button saves the one-page PDF.
func TestRecoveryKeyScreenPrintsTheKit(t *testing.T) {
	c, w := start(t, Options{Dir: t.TempDir() + "/vault", Store: newMemStore()})
	w.Resize(fyne.NewSize(900, 760))
	test.Tap(c.welcome.create)
	settle(c)
	rk := c.recoveryKey
	if rk == nil {
		t.Fatal("no recovery key screen")
	}
	requireText(t, w, "Print it now")
	requireText(t, w, "It begins with AGE-SECRET-KEY-1, which marks it as the secret key of age")
	var saved []byte
	orig := recoveryKitSave
	t.Cleanup(func() { recoveryKitSave = orig })
	recoveryKitSave = func(win fyne.Window, name string, write func(io.Writer) error, done func(fyne.URI, error)) {
		var b bytes.Buffer
		err := write(&b)
		saved = b.Bytes()
		done(storage.NewFileURI(filepath.Join(t.TempDir(), name)), err)
	}
	tapButton(t, w, "Print or save the recovery kit (PDF)…")
	if !bytes.HasPrefix(saved, []byte("%PDF")) {
		t.Fatalf("the button saved %.10q, not a PDF", saved)
	}
	requireText(t, w, "Recovery kit saved to Confide recovery kit.pdf")
}

func TestGroupKey(t *testing.T) {
	key := "AGE-SECRET-KEY-1" + strings.Repeat("ABCDEFGHIJ", 5) + "KLMNOPQR"
	got := groupKey(key)
	want := "AGE-SECRET-KEY-1\nABCDEF GHIJAB CDEFGH IJABCD EFGHIJ\nABCDEF GHIJAB CDEFGH IJKLMN OPQR"
	if got != want {
		t.Errorf("groupKey =\n%s\nwant\n%s", got, want)
	}
}
