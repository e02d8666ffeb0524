package vault

import (
	"bytes"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"filippo.io/age"
	"golang.org/x/crypto/chacha20poly1305"
)

// Authentication of the vault's files (see doc.go, "Authentication").
//
// Every age file the vault writes (the snapshot, and each journal's key
// frame) carries, beside its X25519 stanzas, stanzas that stock age
// ignores:
//
//	-> confide-auth KIND VAULT-ID GENERATION EPOCH WRITER
//	HMAC-SHA256 under the authentication key A of EPOCH over those fields
//	and the file key
//
//	-> confide-wrap EPOCH RECIPIENT
//	A of EPOCH sealed (XChaCha20-Poly1305) under a key derived from that
//	recipient's own secret identity
//
//	-> confide-link EPOCH
//	A of EPOCH+1 sealed under A of EPOCH
//
// The age header's MAC binds every stanza to the file key, and the payload
// is sealed under the file key, so a file whose confide-auth tag checks
// out was written by someone who knew A. A is random, and reaches a key
// holder only through its wrap, which only the holder of that recipient's
// secret key could have made: the recipient list being public, anyone can
// encrypt a file to the vault, but no one without a key can make one that
// authenticates.
const (
	stanzaAuth = "confide-auth"
	stanzaWrap = "confide-wrap"
	stanzaLink = "confide-link"

	kindSnapshot = "snapshot"
	kindJournal  = "journal"

	authKeyLen = 32
)

// authKeys is the authentication state of a vault: the key of the current
// epoch, and the wraps and links that let every recipient reach it.
type authKeys struct {
	epoch uint64
	key   []byte
	wraps map[string]wrap   // by recipient public key
	links map[uint64][]byte // epoch -> A of epoch+1 sealed under A of epoch
}

type wrap struct {
	epoch uint64
	body  []byte
}

// newAuthKeys returns the keys of a new vault: epoch 1, a fresh A.
func newAuthKeys() *authKeys {
	a := &authKeys{epoch: 1, key: randomKey(), wraps: map[string]wrap{}, links: map[uint64][]byte{}}
	return a
}

func randomKey() []byte {
	k := make([]byte, authKeyLen)
	if _, err := rand.Read(k); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return k
}

// clone returns a copy that rotate and wrapFor do not touch.
func (a *authKeys) clone() *authKeys {
	if a == nil {
		return nil
	}
	c := &authKeys{epoch: a.epoch, key: append([]byte(nil), a.key...), wraps: map[string]wrap{}, links: map[uint64][]byte{}}
	for k, w := range a.wraps {
		c.wraps[k] = w
	}
	for e, l := range a.links {
		c.links[e] = l
	}
	return c
}

// rotate starts a new epoch with a fresh A, linked from the old one, so
// that a key that knew only the old A (a removed device's, an old
// recovery key's) cannot authenticate anything this device accepts.
func (a *authKeys) rotate(vaultID string) {
	next := randomKey()
	a.links[a.epoch] = seal(a.key, next, linkAD(vaultID, a.epoch))
	a.epoch++
	a.key = next
}

// keyID identifies A without revealing it, for the device state.
func (a *authKeys) keyID() []byte {
	h := sha256.Sum256(append([]byte("confide-auth-key-id\x00"), a.key...))
	return h[:]
}

// wrapFor (re)wraps the current A for a recipient whose identity is at
// hand.
func (a *authKeys) wrapFor(vaultID string, id *age.X25519Identity) {
	pk := id.Recipient().String()
	a.wraps[pk] = wrap{epoch: a.epoch, body: seal(recipientKey(id), a.key, wrapAD(vaultID, a.epoch, pk))}
}

// keep drops the wraps of keys no longer among the recipients, and the
// links no remaining wrap needs.
func (a *authKeys) keep(recipients []Recipient) {
	current := map[string]bool{}
	for _, r := range recipients {
		current[r.PublicKey] = true
	}
	oldest := a.epoch
	for pk, w := range a.wraps {
		if !current[pk] {
			delete(a.wraps, pk)
			continue
		}
		oldest = min(oldest, w.epoch)
	}
	for e := range a.links {
		if e < oldest || e >= a.epoch {
			delete(a.links, e)
		}
	}
}

// recipientKey derives the key that wraps A for one recipient from that
// recipient's secret identity: only its holder can make or open the wrap.
func recipientKey(id *age.X25519Identity) []byte {
	k, err := hkdf.Key(sha256.New, []byte(id.String()), []byte("confide"), "confide recipient key v1", chacha20poly1305.KeySize)
	if err != nil {
		panic(err) // cannot happen: HKDF-SHA256 gives up to 8160 bytes
	}
	return k
}

func wrapAD(vaultID string, epoch uint64, pk string) []byte {
	return lengthPrefixed("confide-wrap-v1", vaultID, strconv.FormatUint(epoch, 10), pk)
}

func linkAD(vaultID string, epoch uint64) []byte {
	return lengthPrefixed("confide-link-v1", vaultID, strconv.FormatUint(epoch, 10))
}

func lengthPrefixed(fields ...string) []byte {
	var b []byte
	for _, f := range fields {
		b = appendString(b, f)
	}
	return b
}

func seal(key, plaintext, ad []byte) []byte {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		panic(err) // keys here are always 32 bytes
	}
	out := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plaintext)+aead.Overhead())
	if _, err := rand.Read(out); err != nil {
		panic(err)
	}
	return aead.Seal(out, out, plaintext, ad)
}

func unseal(key, sealed, ad []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil || len(sealed) < aead.NonceSize()+aead.Overhead() {
		return nil, errors.New("bad sealed key")
	}
	return aead.Open(nil, sealed[:aead.NonceSize()], sealed[aead.NonceSize():], ad)
}

// authFields are the public fields of a confide-auth stanza.
type authFields struct {
	kind    string
	vaultID string
	gen     uint64
	epoch   uint64
	writer  string
}

func (f authFields) args() []string {
	return []string{f.kind, f.vaultID, strconv.FormatUint(f.gen, 10), strconv.FormatUint(f.epoch, 10), f.writer}
}

func authTag(key []byte, f authFields, fileKey []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(lengthPrefixed(append([]string{"confide-auth-v1"}, f.args()...)...))
	m.Write(fileKey)
	return m.Sum(nil)
}

// authRecipient is the age.Recipient that adds the confide stanzas to a
// file encrypted to the vault's recipients.
type authRecipient struct {
	keys   *authKeys
	fields authFields
	tag    []byte // set by Wrap: the file's tag, which identifies it
}

func (r *authRecipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	r.tag = authTag(r.keys.key, r.fields, fileKey)
	out := []*age.Stanza{{Type: stanzaAuth, Args: r.fields.args(), Body: r.tag}}
	pks := make([]string, 0, len(r.keys.wraps))
	for pk := range r.keys.wraps {
		pks = append(pks, pk)
	}
	sort.Strings(pks)
	for _, pk := range pks {
		w := r.keys.wraps[pk]
		out = append(out, &age.Stanza{Type: stanzaWrap, Args: []string{strconv.FormatUint(w.epoch, 10), pk}, Body: w.body})
	}
	epochs := make([]uint64, 0, len(r.keys.links))
	for e := range r.keys.links {
		epochs = append(epochs, e)
	}
	sort.Slice(epochs, func(i, j int) bool { return epochs[i] < epochs[j] })
	for _, e := range epochs {
		out = append(out, &age.Stanza{Type: stanzaLink, Args: []string{strconv.FormatUint(e, 10)}, Body: r.keys.links[e]})
	}
	return out, nil
}

// capture is an age.Identity that unwraps with an inner identity and
// keeps what the authentication check needs: which identity matched, the
// file key and the header's stanzas. The check runs after age.Decrypt
// returns, that is after age has verified the header MAC, and before a
// byte of the payload is used.
type capture struct {
	inner   age.Identity
	used    bool
	fileKey []byte
	stanzas []*age.Stanza
}

func (c *capture) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	fk, err := c.inner.Unwrap(stanzas)
	if err == nil {
		c.used = true
		c.fileKey = append([]byte(nil), fk...)
		c.stanzas = stanzas
	}
	return fk, err
}

func captures(ids []age.Identity) ([]*capture, []age.Identity) {
	cs := make([]*capture, len(ids))
	wrapped := make([]age.Identity, len(ids))
	for i, id := range ids {
		cs[i] = &capture{inner: id}
		wrapped[i] = cs[i]
	}
	return cs, wrapped
}

func matched(cs []*capture) *capture {
	for _, c := range cs {
		if c.used {
			return c
		}
	}
	return nil
}

// errNoAuth means a file carries no confide-auth stanza: written by a
// version of Confide from before authentication, or by someone else.
var errNoAuth = errors.New("not authenticated")

// readAuthFields returns the one confide-auth stanza's fields and tag.
func readAuthFields(stanzas []*age.Stanza) (authFields, []byte, error) {
	var found *age.Stanza
	for _, s := range stanzas {
		if s.Type == stanzaAuth {
			if found != nil {
				return authFields{}, nil, errors.New("two authentication stanzas")
			}
			found = s
		}
	}
	if found == nil {
		return authFields{}, nil, errNoAuth
	}
	if len(found.Args) != 5 || len(found.Body) != sha256.Size {
		return authFields{}, nil, errors.New("bad authentication stanza")
	}
	gen, err1 := strconv.ParseUint(found.Args[2], 10, 64)
	epoch, err2 := strconv.ParseUint(found.Args[3], 10, 64)
	if err1 != nil || err2 != nil || gen == 0 || epoch == 0 {
		return authFields{}, nil, errors.New("bad authentication stanza")
	}
	return authFields{kind: found.Args[0], vaultID: found.Args[1], gen: gen, epoch: epoch, writer: found.Args[4]}, found.Body, nil
}

// openSnapshotAuth authenticates a snapshot's header for the identity that
// opened it: it unwraps A from that identity's wrap, follows the links to
// the file's epoch, and checks the tag. It returns the keys (with every
// wrap and link, to carry into the next snapshot) and the fields.
func openSnapshotAuth(c *capture) (*authKeys, authFields, []byte, error) {
	f, tag, err := readAuthFields(c.stanzas)
	if err != nil {
		return nil, f, nil, err
	}
	if f.kind != kindSnapshot {
		return nil, f, nil, errors.New("not a snapshot")
	}
	a := &authKeys{epoch: f.epoch, wraps: map[string]wrap{}, links: map[uint64][]byte{}}
	for _, s := range c.stanzas {
		switch s.Type {
		case stanzaWrap:
			if len(s.Args) != 2 {
				return nil, f, nil, errors.New("bad key stanza")
			}
			e, err := strconv.ParseUint(s.Args[0], 10, 64)
			if err != nil || e == 0 || e > f.epoch {
				return nil, f, nil, errors.New("bad key stanza")
			}
			a.wraps[s.Args[1]] = wrap{epoch: e, body: s.Body}
		case stanzaLink:
			e, err := strconv.ParseUint(firstArg(s), 10, 64)
			if err != nil || e == 0 || e >= f.epoch {
				return nil, f, nil, errors.New("bad key stanza")
			}
			a.links[e] = s.Body
		}
	}
	id, ok := c.inner.(*age.X25519Identity)
	if !ok {
		return nil, f, nil, errors.New("not an X25519 key")
	}
	w, ok := a.wraps[id.Recipient().String()]
	if !ok {
		return nil, f, nil, errNoWrap
	}
	key, err := unseal(recipientKey(id), w.body, wrapAD(f.vaultID, w.epoch, id.Recipient().String()))
	if err != nil {
		return nil, f, nil, errors.New("the key stanza for this key does not open")
	}
	for e := w.epoch; e < f.epoch; e++ {
		link, ok := a.links[e]
		if !ok {
			return nil, f, nil, fmt.Errorf("no link from key epoch %d", e)
		}
		if key, err = unseal(key, link, linkAD(f.vaultID, e)); err != nil {
			return nil, f, nil, fmt.Errorf("the link from key epoch %d does not open", e)
		}
	}
	if !hmac.Equal(tag, authTag(key, f, c.fileKey)) {
		return nil, f, nil, errors.New("not authenticated")
	}
	a.key = key
	return a, f, tag, nil
}

// errNoWrap means the file names no wrap for the key that opened it.
var errNoWrap = errors.New("this key cannot authenticate it (it holds no key stanza for it)")

func firstArg(s *age.Stanza) string {
	if len(s.Args) != 1 {
		return ""
	}
	return s.Args[0]
}

// checkAuth checks a file's confide-auth stanza against known keys and
// the fields expected (any writer), and returns its tag.
func checkAuth(a *authKeys, c *capture, want authFields) ([]byte, error) {
	if c == nil {
		return nil, errors.New("does not decrypt")
	}
	f, tag, err := readAuthFields(c.stanzas)
	if err != nil {
		return nil, err
	}
	if f.kind != want.kind || f.vaultID != want.vaultID || f.gen != want.gen || f.epoch != want.epoch {
		return nil, fmt.Errorf("authenticated as %s of generation %d, key epoch %d, not as this %s", f.kind, f.gen, f.epoch, want.kind)
	}
	if !hmac.Equal(tag, authTag(a.key, f, c.fileKey)) {
		return nil, errors.New("not authenticated")
	}
	return tag, nil
}

// headStart is the first link of the chain that identifies what a device
// has seen: the snapshot, by its tag.
func headStart(tag []byte) []byte {
	h := sha256.Sum256(append([]byte("confide-head-v1\x00"), tag...))
	return h[:]
}

// headNext extends the chain with one journal frame (the key frame, then
// each record frame).
func headNext(head, frame []byte) []byte {
	f := sha256.Sum256(frame)
	h := sha256.Sum256(append(append([]byte(nil), head...), f[:]...))
	return h[:]
}

// snapshotVaultID reads the vault id from a snapshot's age header without
// decrypting anything: how a vault whose vault.json is missing is found.
func snapshotVaultID(header []byte) string {
	id, _ := snapshotAuthFields(header)
	return id
}

// snapshotAuthFields reads the vault id and generation a snapshot's header
// claims (unauthenticated until the file is decrypted), or "" and 0.
func snapshotAuthFields(header []byte) (string, uint64) {
	for _, line := range bytes.Split(header, []byte("\n")) {
		if bytes.Equal(line, []byte("---")) || bytes.HasPrefix(line, []byte("--- ")) {
			break
		}
		fields := bytes.Fields(line)
		if len(fields) == 7 && string(fields[0]) == "->" && string(fields[1]) == stanzaAuth && string(fields[2]) == kindSnapshot {
			gen, err := strconv.ParseUint(string(fields[4]), 10, 64)
			if id := string(fields[3]); validID(id) && err == nil {
				return id, gen
			}
		}
	}
	return "", 0
}
