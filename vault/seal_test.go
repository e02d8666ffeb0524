package vault_test

import (
	"bytes"
	"io"
	"testing"

	"filippo.io/age"

	"github.com/confidenotes/confide/vault"
)

func TestEncryptToAndWithPassphrase(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	pass, _ := age.NewScryptIdentity("a shared passphrase")
	msg := []byte("%PDF-1.7 a release")
	tests := []struct {
		name  string
		seal  func(io.Writer) (io.WriteCloser, error)
		ident age.Identity
	}{
		{"recipient", func(w io.Writer) (io.WriteCloser, error) { return vault.EncryptTo(w, " "+id.Recipient().String()+"\n") }, id},
		{"passphrase", func(w io.Writer) (io.WriteCloser, error) {
			return vault.EncryptWithPassphrase(w, "a shared passphrase")
		}, pass},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := tt.seal(&buf)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(msg)
			w.Close()
			r, err := age.Decrypt(&buf, tt.ident)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := io.ReadAll(r); !bytes.Equal(got, msg) {
				t.Fatalf("got %q", got)
			}
		})
	}
	if _, err := vault.EncryptTo(io.Discard, "age1notakey"); err == nil {
		t.Fatal("a bad recipient was accepted")
	}
	if _, err := vault.EncryptWithPassphrase(io.Discard, "short"); err == nil {
		t.Fatal("a short passphrase was accepted")
	}
}
