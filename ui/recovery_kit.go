package ui

import (
	"fmt"
	"strings"
	"time"
)

// recoveryKit is the printable text of a recovery kit. Every line but the
// key is a comment, so the file itself can be loaded to recover.
func recoveryKit(vaultID, key string, now time.Time) string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, "# "+format+"\n", args...) }
	line("CONFIDE RECOVERY KIT")
	line("")
	line("This is the recovery key of your Confide vault. If this computer is lost,")
	line("replaced or its keyring is reset, this key is the only way back into your")
	line("notes. Nobody else has a copy: it cannot be recovered for you.")
	line("")
	line("Vault:   %s", vaultID)
	line("Made on: %s", now.Format("2 January 2006"))
	line("")
	line("WHAT TO DO NOW")
	line("1. Print this page (or write the key down by hand).")
	line("2. Keep the paper somewhere safe, away from this computer:")
	line("   a locked drawer or a safe, where you keep other important papers.")
	line("3. Delete this file from the computer once it is printed, and empty the trash.")
	line("   Anyone who has both this key and a copy of your vault can read your notes.")
	line("")
	line("HOW TO USE IT")
	line("Start Confide on the new computer, pointed at your vault folder (or a backup")
	line("of it). When it says this computer has no key for the vault, choose")
	line("\"Use my recovery key\" and type the key below, or open this file.")
	line("Confide then remembers the new computer. From the command line:")
	line("    confidectl --vault FOLDER recover --recovery-key-file THIS-FILE")
	line("")
	line("YOUR RECOVERY KEY")
	b.WriteString(key + "\n")
	line("")
	line("The same key in groups, for reading and typing (spaces do not matter):")
	for _, l := range strings.Split(groupKey(key), "\n") {
		line("    %s", l)
	}
	return b.String()
}

// groupKey lays a key out for reading: the AGE-SECRET-KEY-1 prefix on its
// own line, then groups of six characters, five groups to a line.
func groupKey(key string) string {
	const prefix = "AGE-SECRET-KEY-1"
	rest, ok := strings.CutPrefix(key, prefix)
	if !ok {
		rest = key
	}
	var lines []string
	if ok {
		lines = append(lines, prefix)
	}
	var groups []string
	for len(rest) > 0 {
		n := min(6, len(rest))
		groups = append(groups, rest[:n])
		rest = rest[n:]
		if len(groups) == 5 {
			lines = append(lines, strings.Join(groups, " "))
			groups = nil
		}
	}
	if len(groups) > 0 {
		lines = append(lines, strings.Join(groups, " "))
	}
	return strings.Join(lines, "\n")
}

// normalizeKeyText turns what a user pasted or loaded (a key, grouped or
// not, in any case, or a whole recovery kit) into identity lines that
// vault.ParseIdentities reads: comments dropped, spaces removed.
func normalizeKeyText(text string) string {
	const prefix = "AGE-SECRET-KEY-1"
	var joined strings.Builder
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		joined.WriteString(strings.Join(strings.Fields(l), ""))
	}
	all := strings.ToUpper(joined.String())
	parts := strings.Split(all, prefix)
	if len(parts) == 1 {
		return all // no key at all: let the parser say so
	}
	var keys []string
	for _, part := range parts[1:] { // parts[0] is whatever came before the first key
		if part != "" {
			keys = append(keys, prefix+part)
		}
	}
	return strings.Join(keys, "\n")
}
