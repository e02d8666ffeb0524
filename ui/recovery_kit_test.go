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

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/practice"
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

// "Open the recovery kit file…" reads the key out of the kit PDF (from its
// properties, also after another program saved the PDF again) or a key
// saved as text, and that key opens the vault; another PDF is refused
// with a way forward.
func TestRecoveryFromTheKitPDFOpensTheVault(t *testing.T) {
	dir, recovery := newVault(t, newMemStore(), "") // its device key is elsewhere
	kits := t.TempDir()
	kit := filepath.Join(kits, "Confide recovery kit.pdf")
	if err := recoveryKitPDF("cf-0123456789abcdef", recovery, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), practice.A4).WriteFile(kit); err != nil {
		t.Fatal(err)
	}
	// The same kit written again by another program (pdfcpu rewrites every
	// object), a key saved as text by an earlier Confide, and a PDF that
	// is no kit.
	resaved := filepath.Join(kits, "resaved.pdf")
	in, err := os.Open(kit)
	if err != nil {
		t.Fatal(err)
	}
	var rewritten bytes.Buffer
	model.ConfigPath = "disable"
	conf := model.NewDefaultConfiguration()
	conf.WriteObjectStream, conf.WriteXRefStream = true, true
	if err := api.Optimize(in, &rewritten, conf); err != nil {
		t.Fatal(err)
	}
	in.Close()
	if !bytes.Contains(rewritten.Bytes(), []byte("/XRef")) {
		t.Fatal("the rewritten kit has no cross-reference stream, as the kit had none: it tests nothing new")
	}
	if err := os.WriteFile(resaved, rewritten.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	text := filepath.Join(kits, "recovery-key.txt")
	if err := os.WriteFile(text, []byte("# Confide recovery kit\n# Keep it safe.\n"+groupKey(recovery)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(kits, "consent.pdf")
	if err := consent.NewDoc("Informed consent", "").WriteFile(other); err != nil {
		t.Fatal(err)
	}

	opened := ""
	orig := recoveryKitOpen
	t.Cleanup(func() { recoveryKitOpen = orig })
	recoveryKitOpen = func(_ fyne.Window, done func(fyne.URIReadCloser, error)) {
		r, err := storage.Reader(storage.NewFileURI(opened))
		done(r, err)
	}
	for _, file := range []string{kit, resaved, text} {
		c, w := start(t, Options{Dir: dir, Store: newMemStore()})
		test.Tap(c.unlock.recover)
		r := c.recover
		opened = other
		tapButton(t, w, "Open the recovery kit file…")
		requireText(t, w, "This PDF is not a recovery kit Confide can read the key from")
		if r.key.Text != "" {
			t.Fatalf("a PDF that is no kit gave the key %q", r.key.Text)
		}
		opened = file
		tapButton(t, w, "Open the recovery kit file…")
		if normalizeKeyText(r.key.Text) != recovery {
			t.Fatalf("%s: the key read is %q", filepath.Base(file), r.key.Text)
		}
		requireNoText(t, w, "This PDF is not a recovery kit")
		test.Tap(r.unlock)
		settle(c)
		if c.main == nil {
			t.Fatalf("%s: the key read from it did not open the vault; the window shows:\n%s", filepath.Base(file), texts(w))
		}
		c.Quit()
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
