package consent

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"text/template"

	"github.com/confidenotes/confide/notes"
)

//go:embed forms/*.txt
var formFiles embed.FS

// Form is a document Confide prints for the client to sign. Its text is a
// template that ships with Confide (see Source) and that a practice may
// edit; recording the signed date (AddConsent, AddAuthorization, Revoke)
// links the signed paper to its record through Ref.
type Form struct {
	Name    string // the name confidectl form takes
	Version int    // raised whenever the shipped text changes in substance
	file    string
	psych   bool
}

// The shipped forms.
var (
	InformedConsentForm      = Form{Name: "informed-consent", Version: 1, file: "forms/informed-consent.txt"}
	ReleaseForm              = Form{Name: "release", Version: 1, file: "forms/release.txt"}
	PsychotherapyReleaseForm = Form{Name: "psychotherapy-release", Version: 1, file: "forms/release.txt", psych: true}
	RevocationForm           = Form{Name: "revocation", Version: 1, file: "forms/revocation.txt"}
)

// Forms lists the shipped forms.
var Forms = []Form{InformedConsentForm, ReleaseForm, PsychotherapyReleaseForm, RevocationForm}

// ParseForm finds a shipped form by name.
func ParseForm(name string) (Form, error) {
	names := make([]string, len(Forms))
	for i, f := range Forms {
		if f.Name == name {
			return f, nil
		}
		names[i] = f.Name
	}
	return Form{}, fmt.Errorf("%w: form must be one of %s", ErrInvalid, strings.Join(names, ", "))
}

// Ref names the form and its version, as records store it: "release/1".
func (f Form) Ref() string { return fmt.Sprintf("%s/%d", f.Name, f.Version) }

// Source returns the shipped template text, the starting point of an
// edited copy. Lines starting "# " are the title, "## " headings, "- "
// bullets, ": Label | value" table rows, "[sign] Label" signature lines;
// other lines are paragraphs. Values come from FormData fields with
// text/template syntax, e.g. {{.ClientName}}.
func (f Form) Source() string {
	b, err := formFiles.ReadFile(f.file)
	if err != nil {
		panic(err) // the forms are embedded: a missing one is a build mistake
	}
	return string(b)
}

// formFor returns the form that a consent of type t is signed on.
func formFor(t ConsentType) (Form, bool) {
	switch t {
	case InformedConsent, LimitsOfConfidentiality:
		return InformedConsentForm, true
	}
	return Form{}, false
}

// FormData is what a form is prefilled with. Empty fields print as lines
// to fill in by hand.
type FormData struct {
	Ref                string
	ClientName         string
	DOB                string
	Address            string
	Minor              bool
	Guardian           string
	AuthorizationID    string
	AuthSigned         string
	Info               string
	Discloser          string
	Recipient          string
	RecipientAddress   string
	Purpose            string
	Expires            string
	ExpiryEvent        string
	Signer             string
	PsychotherapyNotes bool
}

// NewFormData prefills a form with the client's details and, when a is not
// nil, the authorization's.
func NewFormData(c *notes.Client, a *Authorization) FormData {
	d := FormData{ClientName: c.Name, DOB: c.DOB, Minor: c.Minor}
	if len(c.Addresses) > 0 {
		d.Address = c.Addresses[0]
	}
	if len(c.Guardians) > 0 {
		d.Guardian = c.Guardians[0].Name
	}
	if a != nil {
		d.AuthorizationID, d.AuthSigned, d.Info, d.Discloser = a.ID, a.Signed, a.Info, a.Discloser
		d.Recipient, d.RecipientAddress, d.Purpose = a.Recipient, a.RecipientAddress, a.Purpose
		d.Expires, d.ExpiryEvent, d.Signer, d.PsychotherapyNotes = a.Expires, a.ExpiryEvent, a.Signer, a.PsychotherapyNotes
	}
	return d
}

// Render prints the form with data into a new Doc on US Letter, with no
// letterhead (Store.RenderForm lays it out for the practice). src is the
// template text: "" for the shipped one, or an edited copy of Source.
func (f Form) Render(src string, data FormData) (*Doc, error) {
	return f.RenderWith(src, data, DocOptions{})
}

// RenderWith prints the form as Render does, laid out as o says.
func (f Form) RenderWith(src string, data FormData, o DocOptions) (*Doc, error) {
	if src == "" {
		src = f.Source()
	}
	data.Ref = f.RefFor(src)
	if f.psych {
		data.PsychotherapyNotes = true
	}
	t, err := template.New(f.Name).Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, fmt.Errorf("%w: form template: %v", ErrInvalid, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("%w: form template: %v", ErrInvalid, err)
	}
	title := strings.TrimPrefix(strings.SplitN(b.String(), "\n", 2)[0], "# ")
	doc := NewDocWith(title, data.ClientName, o)
	writeMarkup(doc, b.String())
	return doc, nil
}

// writeMarkup lays out the small markup of Source.
func writeMarkup(doc *Doc, text string) {
	var para []string
	var rows [][2]string
	flush := func() {
		if para != nil {
			doc.Paragraph(strings.Join(para, " "))
			para = nil
		}
		if rows != nil {
			doc.Fields(rows)
			rows = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, " \t\r")
		if strings.HasPrefix(line, ": ") {
			if para != nil {
				flush()
			}
			label, value, _ := strings.Cut(strings.TrimPrefix(line, ": "), "|")
			rows = append(rows, [2]string{strings.TrimSpace(label), strings.TrimSpace(value)})
			continue
		}
		if rows != nil {
			flush()
		}
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "# "):
			flush()
			doc.Title(strings.TrimPrefix(line, "# "))
		case strings.HasPrefix(line, "## "):
			flush()
			doc.Heading(strings.TrimPrefix(line, "## "))
		case strings.HasPrefix(line, "- "):
			flush()
			doc.Bullet(strings.TrimPrefix(line, "- "))
		case strings.HasPrefix(line, "[sign] "):
			flush()
			doc.SignatureLine(strings.TrimPrefix(line, "[sign] "))
		default:
			para = append(para, line)
		}
	}
	flush()
}
