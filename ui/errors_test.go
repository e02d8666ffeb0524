package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/confidenotes/confide/vault"
)

func TestUserMessage(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		wantTitle string
		wantInMsg string
	}{
		{"damaged", fmt.Errorf("open: %w", &vault.DamageError{File: "journal", Record: 3, Offset: -1, Reason: "bad tag"}),
			"Your vault could not be read", "“journal”"},
		{"stale", fmt.Errorf("open: %w", &vault.DamageError{File: "journal", Record: 3, Offset: -1, Stale: true, Reason: "records were lost"}),
			"Your vault is older than this computer last saw it", "confidectl restore"},
		{"read-only", fmt.Errorf("add client: %w", vault.ErrReadOnly), "The vault cannot be changed here", "writable"},
		{"in use", fmt.Errorf("lock: %w", vault.ErrInUse), "Confide is already open in another window", "Retry"},
		{"wrong key", vault.ErrWrongKey, "That key does not open this vault", "recovery key"},
		{"no key", vault.ErrNoKey, "This computer has no key for your vault", "recovery key"},
		{"no keyring", fmt.Errorf("%w: dbus", vault.ErrNoKeyring), "The keyring is not available", "Retry"},
		{"newer", vault.ErrNewerFormat, "A newer Confide wrote this vault", "Nothing was changed"},
		{"not found", vault.ErrNotFound, "There is no vault here", "--vault"},
		{"other", errors.New("disk on fire"), "Something went wrong", "disk on fire"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, msg := userMessage(tt.err)
			if title != tt.wantTitle {
				t.Errorf("title = %q, want %q", title, tt.wantTitle)
			}
			if !strings.Contains(msg, tt.wantInMsg) {
				t.Errorf("message %q does not contain %q", msg, tt.wantInMsg)
			}
			if strings.Contains(msg, "goroutine") || strings.Contains(msg, ".go:") {
				t.Errorf("message looks like a stack trace: %q", msg)
			}
		})
	}
}
