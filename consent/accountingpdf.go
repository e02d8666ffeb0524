package consent

import (
	"fmt"
	"time"
)

// AccountingDoc prints a client's accounting of disclosures on day now: the
// accountable disclosures of the past six years (45 CFR 164.528), each with
// its date, recipient and address, what was released, and the purpose or
// basis. It checks the accounting against the event log first, and refuses
// to print one that was altered.
func (s *Store) AccountingDoc(clientID string, now time.Time) (*Doc, error) {
	if _, err := s.VerifyDisclosures(); err != nil {
		return nil, err
	}
	c, err := s.Client(clientID)
	if err != nil {
		return nil, err
	}
	entries, err := s.Accounting(clientID, now)
	if err != nil {
		return nil, err
	}
	from, to := Day(now.AddDate(-AccountingYears, 0, 0)), Day(now)
	doc, err := s.NewDoc("Accounting of Disclosures", c.Name)
	if err != nil {
		return nil, err
	}
	doc.Title("Accounting of Disclosures")
	doc.Fields([][2]string{
		{"Client", c.Name},
		{"Date of birth", c.DOB},
		{"Period", fmt.Sprintf("%s to %s", from, to)},
		{"Prepared on", to},
		{"Disclosures listed", fmt.Sprint(len(entries))},
	})
	doc.Paragraph("This accounting lists the disclosures of your health information made during the period above " +
		"that the law requires to be accounted for (45 CFR 164.528). It does not list disclosures made to you, " +
		"under your written authorization, or for treatment, payment or health care operations.")
	if len(entries) == 0 {
		doc.Heading("Disclosures")
		doc.Paragraph("No accountable disclosures were made during this period.")
		return doc, nil
	}
	for i, d := range entries {
		doc.Heading(fmt.Sprintf("%d. %s", i+1, d.Date))
		purpose := d.Purpose
		if d.Authorization != "" {
			purpose += " (authorization " + d.Authorization + ")"
		}
		rows := [][2]string{
			{"Recipient", d.Recipient},
			{"Recipient's address", orUnknown(d.RecipientAddress)},
			{"Information disclosed", d.Description},
			{"Purpose", orUnknown(purpose)},
			{"Legal basis", d.Basis},
			{"Disclosed by", d.MadeBy},
			{"Entry", d.ID},
		}
		if d.Corrects != "" {
			rows = append(rows, [2]string{"Corrects entry", d.Corrects})
		}
		doc.Fields(rows)
	}
	return doc, nil
}

func orUnknown(s string) string {
	if blank(s) {
		return "not recorded"
	}
	return s
}
