package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/confidenotes/confide/notes"
)

// demoPractice adds a few clients with notes and returns them.
func demoPractice(t *testing.T, s *notes.Store) []*notes.Client {
	t.Helper()
	var out []*notes.Client
	for _, c := range []notes.Client{
		{Name: "Maria Garcia", Preferred: "Mia", Pronouns: "she/her", Status: notes.Active, DOB: "1985-07-04", LastContact: "2026-11-16"},
		{Name: "Jonathan Whitfield", Status: notes.Active, LastContact: "2026-11-18"},
		{Name: "Priya Raman", Status: notes.Closed, LastContact: "2024-02-01"},
	} {
		added, err := s.AddClient(c)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, added)
	}
	n, err := s.NewDraft(notes.Draft{ClientID: out[0].ID, Kind: notes.Progress, Template: notes.SOAP,
		Session: notes.Session{Date: "2026-11-16", Start: "10:00", DurationMin: 50, ServiceCode: "90834"}})
	if err != nil {
		t.Fatal(err)
	}
	secs := notes.SOAP.Blank()
	secs[0].Text = "Maria says her sleep is better; anxiety at work persists."
	secs[3].Text = "Continue weekly CBT."
	if err := s.UpdateDraft(n.ID, secs); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Sign(n.ID); err != nil {
		t.Fatal(err)
	}
	d, err := s.NewDraft(notes.Draft{ClientID: out[0].ID, Kind: notes.Psychotherapy, Template: notes.Free,
		Session: notes.Session{Date: "2026-11-17"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateDraft(d.ID, []notes.Section{{Name: d.Sections[0].Name, Text: "Process notes about sleep and the transference."}}); err != nil {
		t.Fatal(err)
	}
	return out
}

// Privacy mode shows no full name anywhere: the client list, the header,
// the window title, the search results and their snippets. The whole
// canvas, hidden objects and dialogs included, is searched for every part
// of every name.
func TestPrivacyModeShowsNoName(t *testing.T) {
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	c, w := start(t, Options{Dir: dir, Store: store})
	w.Resize(fyne.NewSize(1100, 720))
	clients := demoPractice(t, c.main.notes)
	m := c.main
	m.clients.load()
	m.clients.filter.SetSelected(filterAll)

	// On the start pane, with the attention list.
	m.showStart()
	if !strings.Contains(allText(w), "Jonathan Whitfield") {
		t.Fatalf("the attention list names no client to hide:\n%s", allText(w))
	}
	m.setPrivacy(true)
	for _, cl := range clients {
		if strings.Contains(allText(w), cl.Name) {
			t.Errorf("privacy mode shows %q on the start pane", cl.Name)
		}
	}
	m.setPrivacy(false)

	m.clients.choose(clients[0].ID)
	requireText(t, w, "Maria Garcia (Mia)")

	test.Tap(m.privacy) // on
	if !c.privacy {
		t.Fatal("the check does not turn privacy mode on")
	}
	m.onSearch()
	test.Type(m.finder.query, "sleep")
	if len(m.finder.hits) == 0 {
		t.Fatal("the search found nothing to show")
	}
	m.pane.onEdit() // the details form is kept off the screen

	all := allText(w)
	for _, cl := range clients {
		for _, part := range append(strings.Fields(cl.Name), cl.Preferred) {
			if part != "" && strings.Contains(all, part) {
				t.Errorf("privacy mode shows %q:\n%s", part, all)
			}
		}
	}
	for _, want := range []string{"M. G.", "J. W."} {
		if !strings.Contains(all, want) {
			t.Errorf("privacy mode does not show the initials %q", want)
		}
	}
	if w.Title() != titleUnlocked {
		t.Errorf("title %q in privacy mode", w.Title())
	}

	// Off again (Ctrl+Shift+P): names come back.
	dismissDialogs(w)
	m.finder = nil
	w.Canvas().(fyne.Shortcutable).TypedShortcut(privacyShortcut)
	if c.privacy || !strings.Contains(allText(w), "Jonathan Whitfield") {
		t.Error("turning privacy mode off does not bring the names back")
	}
}

func TestInitialsAndMasking(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"initials", "Maria Garcia", "M. G."},
		{"three parts", "Ana María de la Cruz", "A. M. D. L. C."},
		{"empty", "", "?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := initials(tt.in); got != tt.want {
				t.Errorf("initials(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if got := maskName("«Maria» said garcia family", "Maria Garcia"); got != "«M.» said G. family" {
		t.Errorf("maskName = %q", got)
	}
}
