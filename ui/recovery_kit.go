package ui

import (
	"bytes"
	"strings"
	"time"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/practice"
)

// recoveryKitPDF is the one-page recovery kit to print: what the key is,
// the key itself in large type, where to keep the paper and how to use it,
// in plain words. paper is the practice's paper size ("" for US Letter).
func recoveryKitPDF(vaultID, key string, now time.Time, paper practice.Paper) *consent.Doc {
	d := consent.NewDocWith("Confide recovery kit", "", consent.DocOptions{Paper: paper})
	d.Keywords(key) // for "Open the recovery kit": read back by kitKey, not from the page's text
	d.Title("Your Confide recovery key")
	d.Paragraph("This paper opens your Confide notes if this computer is lost or replaced, or its keyring is reset. " +
		"Nobody else has a copy of the key below: it cannot be recovered for you, not even by Confide.")
	d.Fields([][2]string{{"Vault", vaultID}, {"Made on", now.Format("2 January 2006")}})
	d.Heading("The key")
	d.Large(groupKey(key), 15)
	d.Paragraph(recoveryKeyWords)
	d.Heading("Where to keep it")
	d.Bullet("Keep this paper somewhere safe and away from this computer: a locked drawer or a safe, with your other important papers.")
	d.Bullet("Do not keep it in the laptop's bag, or as a photo or a file on the computer: whoever has both this key and a copy of your notes can read them.")
	d.Bullet("If you saved this page as a file to print it, delete the file once it is printed, and empty the trash.")
	d.Heading("How to use it")
	d.Paragraph("Start Confide on the new computer, pointed at your vault folder or at a backup of it. When it says this computer " +
		"has no key for your notes, choose \"Use my recovery key\" and type the key as it is printed above. " +
		"Confide then remembers the new computer.")
	return d
}

// kitKey is the recovery key kept in a recovery kit PDF's properties
// (recoveryKitPDF puts it there, as well as on the page), or "" when the
// PDF holds none: a kit from before, or another document.
func kitKey(pdf []byte) (string, error) {
	words, err := consent.DocKeywords(bytes.NewReader(pdf))
	if err != nil {
		return "", err
	}
	for _, w := range words {
		if k := normalizeKeyText(w); strings.HasPrefix(k, "AGE-SECRET-KEY-1") && !strings.Contains(k, "\n") {
			return k, nil
		}
	}
	return "", nil
}

// recoveryKeyWords explains the key in plain words, on the screen and on
// the paper.
const recoveryKeyWords = "The key is a long code of letters and digits. It begins with AGE-SECRET-KEY-1, which marks it as the " +
	"secret key of age, the encryption that locks your notes. Type all of it, the beginning too; spaces and capital letters do not matter."

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
