package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/confidenotes/confide/ui"
	"github.com/confidenotes/confide/vault"
)

// parseFlags reads --vault and --identity from args; the vault folder
// defaults to CONFIDE_VAULT, else vault.DefaultDir(). It exits on a bad flag.
func parseFlags(args []string) ui.Options {
	fs := flag.NewFlagSet("confide", flag.ExitOnError)
	var opts ui.Options
	fs.StringVar(&opts.Dir, "vault", vault.DefaultDir(), "the vault `folder` (or set "+vault.EnvVault+")")
	fs.StringVar(&opts.IdentityFile, "identity", "", "unlock with the age identity in `file` instead of the OS keyring")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: confide [--vault FOLDER] [--identity FILE]")
		fs.PrintDefaults()
	}
	fs.Parse(args)
	if fs.NArg() > 0 {
		fs.Usage()
		os.Exit(2)
	}
	return opts
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
