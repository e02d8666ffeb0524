package vault

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
)

// EncryptTo returns a writer that encrypts what is written to it, as a
// standard age file, for one recipient's public key ("age1..."): how a
// release is sent so that only its recipient can open it. Close finishes
// the file.
func EncryptTo(w io.Writer, recipient string) (io.WriteCloser, error) {
	r, err := age.ParseX25519Recipient(strings.TrimSpace(recipient))
	if err != nil {
		return nil, errors.New("not an age public key (it starts with age1)")
	}
	return age.Encrypt(w, r)
}

// EncryptWithPassphrase is EncryptTo for a passphrase the recipient is told
// by another channel (age scrypt).
func EncryptWithPassphrase(w io.Writer, passphrase string) (io.WriteCloser, error) {
	if len(passphrase) < 8 {
		return nil, errors.New("the passphrase must be at least 8 characters")
	}
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, fmt.Errorf("passphrase: %w", err)
	}
	return age.Encrypt(w, r)
}
