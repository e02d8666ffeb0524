// Command confidectl is the scriptable face of Confide: backups from cron,
// checks, imports, and the project's own end-to-end tests. Its names,
// flags, exit codes and JSON shapes are a contract (see docs/cli.md).
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
