package demo

import (
	"fmt"
	"time"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

// recipients are the people the demo's clients authorize releases to:
// names made up for the demo.
var recipients = []struct{ name, address, purpose, info string }{
	{"Dr. Alan Kim, primary care physician", "Cayuga Family Medicine, 40 Hill Road, Ithaca, NY 14850", "coordination of care", "Progress notes and treatment plan"},
	{"Dr. Priya Nair, psychiatrist", "Lakeview Psychiatry, 9 Dryden Road, Ithaca, NY 14850", "medication management", "Intake assessment, treatment plan and progress notes"},
	{"Hannah Ruiz, school counselor", "", "support at school", "Treatment plan and attendance"},
	{"Empire Mutual Insurance, claims review", "PO Box 1180, Albany, NY 12201", "payment of claims", "Intake assessment and progress notes"},
}

// Furnish gives the practice Fill made the consent records of a practice
// in use: informed consent and the limits of confidentiality on file for
// most clients (a guardian signing for a minor), authorizations to release
// for most clients in treatment, two of them about to expire and one
// expired, and one request for access near its deadline. It leaves a few
// gaps, so that the start page has a short, real list. cs must be on the
// vault Fill filled, with clock as its clock.
func Furnish(cs *consent.Store, clock *Clock, res *Result, today time.Time) error {
	if today.IsZero() {
		return nil
	}
	day := func(t time.Time) string { return t.Format(consent.DateLayout) }
	for i, id := range res.ClientIDs {
		c, err := cs.Notes().GetClient(id)
		if err != nil {
			return err
		}
		intake, err := notes.ParseDate(c.IntakeDate)
		if err != nil {
			return fmt.Errorf("demo client %d: %w", i+1, err)
		}
		clock.Set(intake.Add(11 * time.Hour))
		signer, authority := "", ""
		if c.Minor && len(c.Guardians) > 0 {
			signer, authority = c.Guardians[0].Name, "parent"
		}
		// Two clients in treatment still lack a consent: one both, one the
		// limits of confidentiality.
		types := []consent.ConsentType{consent.InformedConsent, consent.LimitsOfConfidentiality}
		switch i {
		case 3:
			types = nil
		case 4:
			types = types[:1]
		}
		for _, t := range types {
			if _, err := cs.AddConsent(consent.Consent{ClientID: id, Type: t, Signed: c.IntakeDate, SignedBy: signer, Authority: authority}); err != nil {
				return fmt.Errorf("demo consent: %w", err)
			}
			res.Consents++
		}
		if c.Status != notes.Active || i%4 == 3 {
			continue
		}
		r := recipients[i%len(recipients)]
		a := consent.Authorization{ClientID: id, Info: r.info, Discloser: Profile.SignatureName(), Recipient: r.name,
			RecipientAddress: r.address, Purpose: r.purpose, Signed: day(intake.AddDate(0, 0, 7)), Signer: "the client"}
		if signer != "" {
			a.Signer, a.SignerAuthority, a.Representative = signer, authority, true
		}
		signed := intake.AddDate(0, 0, 7)
		switch i {
		case 1, 6: // about to expire: a year from signing, ending within the month
			expires := today.AddDate(0, 0, 9+i*2)
			signed = expires.AddDate(-1, 0, 0)
			if signed.Before(intake) {
				signed = intake
			}
			a.Expires = day(expires)
		case 9: // lapsed two months ago
			a.Expires = day(today.AddDate(0, -2, 0))
			signed = today.AddDate(-1, -2, 0)
		default:
			a.Expires = day(today.AddDate(1, 0, 0).AddDate(0, 0, -i))
		}
		if signed.After(today) {
			signed = today.AddDate(0, 0, -1)
		}
		a.Signed = day(signed)
		clock.Set(signed.Add(10 * time.Hour))
		if _, err := cs.AddAuthorization(a); err != nil {
			return fmt.Errorf("demo authorization: %w", err)
		}
		res.Authorizations++
	}
	// One client asked for their records 25 days ago: due in five days.
	if len(res.ClientIDs) > 0 {
		received := today.AddDate(0, 0, -25)
		clock.Set(received.Add(14 * time.Hour))
		if _, err := cs.AddRequest(consent.Request{ClientID: res.ClientIDs[0], Kind: consent.AccessRequest, Received: day(received),
			What: "a copy of the notes of the past year"}); err != nil {
			return fmt.Errorf("demo request: %w", err)
		}
		res.Requests++
	}
	return nil
}
