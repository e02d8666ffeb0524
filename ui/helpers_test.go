package ui

import (
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/vault"
)

// memStore is an in-memory vault.KeyStore standing in for the OS keyring.
type memStore struct {
	mu   sync.Mutex
	keys map[string]string
	err  error // when set, every call fails with it (a missing keyring)
}

func newMemStore() *memStore { return &memStore{keys: map[string]string{}} }

func (m *memStore) Get(id string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return "", m.err
	}
	k, ok := m.keys[id]
	if !ok {
		return "", vault.ErrNoKey
	}
	return k, nil
}

func (m *memStore) Set(id, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return m.err
	}
	m.keys[id] = key
	return nil
}

func (m *memStore) Delete(id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.keys, id)
	return nil
}

func (m *memStore) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.keys)
}

// start builds Confide in a test window and waits for its first work.
func start(t *testing.T, opts Options) (*Confide, fyne.Window) {
	t.Helper()
	opts.manualTick = true
	a := test.NewTempApp(t)
	a.Preferences().SetBool(prefPINOffered, true) // the PIN offer is tested on its own
	w := test.NewTempWindow(t, nil)
	c := Create(a, w, opts)
	t.Cleanup(func() {
		c.work.Wait()
		if err := c.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	c.work.Wait()
	return c, w
}

// settle waits for background work started by the last action.
func settle(c *Confide) { c.work.Wait() }

// newVault makes a vault in a fresh folder, its device key in store (or
// behind passphrase), and returns the folder and the recovery key.
func newVault(t *testing.T, store vault.KeyStore, passphrase string) (dir, recovery string) {
	t.Helper()
	dir = t.TempDir()
	copts := vault.CreateOptions{Store: store, Passphrase: passphrase, Label: "test"}
	if passphrase != "" {
		copts.Store = nil
	}
	v, created, err := vault.Create(dir, copts)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, created.RecoveryKey
}

// texts collects the text of every visible label, button and entry on the
// window, so tests can check what the user sees.
func texts(w fyne.Window) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch o := plain(o).(type) {
		case *widget.Label:
			b.WriteString(o.Text + "\n")
		case *widget.Button:
			b.WriteString("[" + o.Text + "]\n")
		case *widget.Entry:
			b.WriteString("<" + o.Text + ">\n")
		case *sectionEntry:
			b.WriteString("<" + o.Text + ">\n")
		case *widget.Check:
			b.WriteString("[x] " + o.Text + "\n")
		case *widget.RichText:
			b.WriteString(o.String() + "\n")
		case *container.Split:
			walk(o.Leading)
			walk(o.Trailing)
		case *container.AppTabs:
			if sel := o.Selected(); sel != nil {
				walk(sel.Content)
			}
		case *widget.Card:
			walk(o.Content)
		case *activityArea:
			walk(o.content)
		case *container.Scroll:
			walk(o.Content)
		case *fyne.Container:
			for _, child := range o.Objects {
				walk(child)
			}
		}
	}
	walk(w.Content())
	return b.String()
}

func requireText(t *testing.T, w fyne.Window, want string) {
	t.Helper()
	if got := texts(w); !strings.Contains(got, want) {
		t.Fatalf("the window does not show %q; it shows:\n%s", want, got)
	}
}

func requireNoText(t *testing.T, w fyne.Window, unwanted string) {
	t.Helper()
	if got := texts(w); strings.Contains(got, unwanted) {
		t.Fatalf("the window still shows %q:\n%s", unwanted, got)
	}
}
