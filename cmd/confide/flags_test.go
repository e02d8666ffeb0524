package main

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/confidenotes/confide/vault"
)

func TestParseFlags(t *testing.T) {
	env := filepath.Join(t.TempDir(), "from-env")
	tests := []struct {
		name             string
		env              string
		pref             string
		args             []string
		wantDir, wantKey string
		wantMeasure      bool
	}{
		{"CONFIDE_VAULT", env, "/chosen", nil, env, "", false},
		{"--vault wins", env, "/chosen", []string{"--vault", "/v"}, "/v", "", false},
		{"the settings' folder", "", "/chosen", nil, "/chosen", "", false},
		{"default", "", "", nil, vault.DefaultDir(), "", false},
		{"identity file", "", "", []string{"--vault=/v", "--identity", "/k"}, "/v", "/k", false},
		{"measure", "", "", []string{"--vault=/v", "--measure-startup"}, "/v", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(vault.EnvVault, tt.env)
			a := test.NewTempApp(t)
			a.Preferences().SetString("vault.folder", tt.pref)
			f := parseFlags(tt.args)
			got := f.options(a.Preferences())
			if got.Dir != tt.wantDir || got.IdentityFile != tt.wantKey || f.measureStartup != tt.wantMeasure {
				t.Errorf("parseFlags(%q) = dir %q, identity %q, measure %v; want %q, %q, %v",
					tt.args, got.Dir, got.IdentityFile, f.measureStartup, tt.wantDir, tt.wantKey, tt.wantMeasure)
			}
		})
	}
}

func TestPeakRSS(t *testing.T) {
	if got := peakRSSMB(); got < 1 || got > 4096 {
		t.Errorf("peakRSSMB() = %d, want a plausible size in MB", got)
	}
}
