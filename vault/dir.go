package vault

import (
	"os"
	"path/filepath"
	"runtime"
)

// EnvVault names the environment variable that overrides the vault folder.
const EnvVault = "CONFIDE_VAULT"

// DefaultDir returns the vault folder to use when none is given: the
// CONFIDE_VAULT environment variable, else "confide" in the per-user data
// folder (~/.local/share on Linux, Application Support on macOS,
// %APPDATA% on Windows).
func DefaultDir() string {
	if d := os.Getenv(EnvVault); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "Confide")
	case "windows":
		if d := os.Getenv("APPDATA"); d != "" {
			return filepath.Join(d, "Confide")
		}
		return filepath.Join(home, "AppData", "Roaming", "Confide")
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "confide")
	}
	return filepath.Join(home, ".local", "share", "confide")
}
