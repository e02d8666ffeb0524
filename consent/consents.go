package consent

import (
	"fmt"
	"strings"

	"github.com/confidenotes/confide/vault"
)

// ConsentType is what a client agreed to. The values are the names
// confidectl uses.
type ConsentType string

// Consent types.
const (
	InformedConsent         ConsentType = "informed-consent"
	LimitsOfConfidentiality ConsentType = "limits-of-confidentiality" // the date the limits were explained
	Telehealth              ConsentType = "telehealth"
	Recording               ConsentType = "recording"
	ElectronicCommunication ConsentType = "electronic-communication"
	GroupAgreement          ConsentType = "group-agreement" // group confidentiality agreement
	NoSecretsPolicy         ConsentType = "no-secrets-policy"
	OtherConsent            ConsentType = "other"
)

// ConsentTypes lists the consent types, in menu order.
var ConsentTypes = []ConsentType{InformedConsent, LimitsOfConfidentiality, Telehealth, Recording,
	ElectronicCommunication, GroupAgreement, NoSecretsPolicy, OtherConsent}

// ParseConsentType checks a consent type name.
func ParseConsentType(s string) (ConsentType, error) {
	for _, t := range ConsentTypes {
		if string(t) == s {
			return t, nil
		}
	}
	names := make([]string, len(ConsentTypes))
	for i, t := range ConsentTypes {
		names[i] = string(t)
	}
	return "", fmt.Errorf("%w: consent type must be one of %s", ErrInvalid, strings.Join(names, ", "))
}

// Consent is a client's signed agreement to one aspect of treatment.
// For a minor, or a client with a personal representative, SignedBy names
// who signed and Authority the basis of their authority (parent, legal
// guardian, health care power of attorney, court order...).
type Consent struct {
	ID        string      `json:"id"`
	ClientID  string      `json:"client_id"`
	Type      ConsentType `json:"type"`
	Signed    string      `json:"signed"`            // YYYY-MM-DD
	Version   string      `json:"version,omitempty"` // the document version signed
	SignedBy  string      `json:"signed_by,omitempty"`
	Authority string      `json:"authority,omitempty"` // the representative's basis of authority
	Form      string      `json:"form,omitempty"`      // the printed form the signature is on, e.g. "informed-consent/1"
	Recorded  string      `json:"recorded"`
}

type consentDetails struct {
	Version   string `json:"version,omitempty"`
	SignedBy  string `json:"signed_by,omitempty"`
	Authority string `json:"authority,omitempty"`
	Form      string `json:"form,omitempty"`
}

// AddConsent records a signed consent and returns it with its id. When the
// client is a minor, who signed and the basis of their authority are
// required. A consent of a type that has a shipped form, recorded without
// naming a form, is linked to the current version of that form.
func (s *Store) AddConsent(c Consent) (*Consent, error) {
	if _, err := ParseConsentType(string(c.Type)); err != nil {
		return nil, err
	}
	if err := checkDate("the signature date", c.Signed); err != nil {
		return nil, err
	}
	client, err := s.Client(c.ClientID)
	if err != nil {
		return nil, err
	}
	if client.Minor {
		var missing []string
		if blank(c.SignedBy) {
			missing = append(missing, "who signed (the guardian or personal representative)")
		}
		if blank(c.Authority) {
			missing = append(missing, "the basis of their authority")
		}
		if missing != nil {
			return nil, missingError("consent of a minor", missing)
		}
	}
	if c.Form == "" {
		if f, ok := formFor(c.Type); ok {
			var err error
			if c.Form, err = s.formRef(f); err != nil {
				return nil, err
			}
		}
	}
	c.ID = newID("co-")
	c.Recorded = stamp(s.now())
	d := consentDetails{Version: c.Version, SignedBy: c.SignedBy, Authority: c.Authority, Form: c.Form}
	err = s.v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec(`INSERT INTO consent_consents(id, client_id, type, signed_on, details, recorded_at)
			VALUES(?, ?, ?, ?, ?, ?)`, c.ID, c.ClientID, string(c.Type), c.Signed, mustJSON(d), c.Recorded)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("add consent: %w", err)
	}
	return &c, nil
}

// Consents returns a client's consents, oldest signature first.
func (s *Store) Consents(clientID string) ([]Consent, error) {
	var out []Consent
	err := s.v.Read(func(q vault.Querier) error {
		rows, err := q.Query(`SELECT id, client_id, type, signed_on, details, recorded_at
			FROM consent_consents WHERE client_id = ? ORDER BY signed_on, recorded_at`, clientID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c Consent
			var raw string
			if err := rows.Scan(&c.ID, &c.ClientID, &c.Type, &c.Signed, &raw, &c.Recorded); err != nil {
				return err
			}
			var d consentDetails
			if err := scanDetails(raw, &d); err != nil {
				return err
			}
			c.Version, c.SignedBy, c.Authority, c.Form = d.Version, d.SignedBy, d.Authority, d.Form
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}
