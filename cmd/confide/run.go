package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"

	"github.com/confidenotes/confide/ui"
	"github.com/confidenotes/confide/vault"
)

// flags are the command line of confide.
type flags struct {
	dir            string // "" when neither --vault nor CONFIDE_VAULT is given
	identity       string
	measureStartup bool
	screenshots    string // a folder: capture the main screens there, then quit
}

// parseFlags reads the command line. It exits on a bad flag.
func parseFlags(args []string) flags {
	fs := flag.NewFlagSet("confide", flag.ExitOnError)
	var f flags
	fs.StringVar(&f.dir, "vault", os.Getenv(vault.EnvVault), "the vault `folder` (or set "+vault.EnvVault+"; else the one chosen in the settings, else "+vault.DefaultDir()+")")
	fs.StringVar(&f.identity, "identity", "", "unlock with the age identity in `file` instead of the OS keyring")
	fs.BoolVar(&f.measureStartup, "measure-startup", false, "print {\"start_to_unlocked_ms\":N,\"peak_rss_mb\":M,\"clients_listed\":K} once the unlocked main window is drawn, then quit")
	fs.StringVar(&f.screenshots, "screenshots", "", "show the main screens one by one, save each as a PNG in `folder`, then quit (make screenshots)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: confide [--vault FOLDER] [--identity FILE] [--measure-startup]")
		fs.PrintDefaults()
	}
	fs.Parse(args)
	if fs.NArg() > 0 {
		fs.Usage()
		os.Exit(2)
	}
	return f
}

// options turns the flags into ui.Options: the vault folder is --vault,
// else CONFIDE_VAULT, else the folder chosen in the settings, else the
// default.
func (f flags) options(p fyne.Preferences) ui.Options {
	dir := f.dir
	if dir == "" {
		dir = ui.PreferredVaultDir(p)
	}
	if dir == "" {
		dir = vault.DefaultDir()
	}
	return ui.Options{Dir: dir, IdentityFile: f.identity}
}

// quitOnSignal calls quit on SIGTERM or SIGINT. Fyne quits on them too;
// either way main closes the vault after the window's loop ends.
func quitOnSignal(quit func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM, syscall.SIGINT)
	<-ch
	quit()
}

// closeVault closes the vault once the app has stopped (a no-op when Quit
// already did). A failed compaction loses nothing (the journal holds every
// commit), but it is worth a line in the log.
func closeVault(c *ui.Confide) {
	if err := c.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "confide: closing the vault: %v\n", err)
	}
}
