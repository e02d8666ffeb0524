package main

import (
	"path/filepath"
	"testing"

	"github.com/confidenotes/confide/vault"
)

func TestParseFlags(t *testing.T) {
	env := filepath.Join(t.TempDir(), "from-env")
	t.Setenv(vault.EnvVault, env)
	tests := []struct {
		name             string
		args             []string
		wantDir, wantKey string
	}{
		{"default is CONFIDE_VAULT", nil, env, ""},
		{"--vault wins", []string{"--vault", "/v"}, "/v", ""},
		{"identity file", []string{"--vault=/v", "--identity", "/k"}, "/v", "/k"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseFlags(tt.args)
			if got.Dir != tt.wantDir || got.IdentityFile != tt.wantKey {
				t.Errorf("parseFlags(%q) = dir %q, identity %q; want %q, %q", tt.args, got.Dir, got.IdentityFile, tt.wantDir, tt.wantKey)
			}
		})
	}
}
