package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/confidenotes/confide/vault"
)

func TestRecoveryKitOpensTheVault(t *testing.T) {
	dir, recovery := newVault(t, newMemStore(), "")
	kit := recoveryKit("cf-0123456789abcdef", recovery, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	for _, want := range []string{"CONFIDE RECOVERY KIT", "cf-0123456789abcdef", "23 November 2026", "Print this page", "away from this computer", "confidectl --vault FOLDER recover"} {
		if !strings.Contains(kit, want) {
			t.Errorf("the kit does not say %q:\n%s", want, kit)
		}
	}
	// The kit file as saved, and the key as grouped on paper, both open the vault.
	for name, text := range map[string]string{"kit file": kit, "grouped": groupKey(recovery), "lower case": strings.ToLower(recovery)} {
		ids, err := vault.ParseIdentities(strings.NewReader(normalizeKeyText(text)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		v, err := vault.Open(dir, vault.WithIdentities(ids...))
		if err != nil {
			t.Fatalf("%s does not open the vault: %v", name, err)
		}
		v.Close()
	}
}

func TestGroupKey(t *testing.T) {
	key := "AGE-SECRET-KEY-1" + strings.Repeat("ABCDEFGHIJ", 5) + "KLMNOPQR"
	got := groupKey(key)
	want := "AGE-SECRET-KEY-1\nABCDEF GHIJAB CDEFGH IJABCD EFGHIJ\nABCDEF GHIJAB CDEFGH IJKLMN OPQR"
	if got != want {
		t.Errorf("groupKey =\n%s\nwant\n%s", got, want)
	}
}
