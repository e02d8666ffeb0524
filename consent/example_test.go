package consent_test

import (
	"fmt"
	"time"

	"github.com/confidenotes/confide/consent"
)

func ExampleAuthorization_StatusOn() {
	a := consent.Authorization{Info: "treatment summary", Discloser: "Dr. Lee", Recipient: "Dr. Smith",
		RecipientAddress: "2 Clinic Rd", Purpose: "continuity of care", Expires: "2027-06-30",
		Signed: "2026-11-01", Signer: "the client", Revoked: "2027-06-15"}
	for _, day := range []string{"2026-10-31", "2026-11-01", "2027-05-31", "2027-06-15"} {
		fmt.Println(day, a.StatusOn(day))
	}
	// Output:
	// 2026-10-31 not-signed
	// 2026-11-01 valid
	// 2027-05-31 expiring
	// 2027-06-15 revoked
}

func ExampleAuthorization_ValidFor() {
	a := consent.Authorization{ID: "au-1", Info: "treatment summary", Discloser: "Dr. Lee", Recipient: "Dr. Smith",
		RecipientAddress: "2 Clinic Rd", Purpose: "continuity of care", Expires: "2027-06-30",
		Signed: "2026-11-01", Signer: "the client"}
	when := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	fmt.Println(a.ValidFor("Dr. Smith", consent.Scope{Records: true}, when))
	fmt.Println(a.ValidFor("Dr. Smith", consent.Scope{PsychotherapyNotes: true}, when))
	// Output:
	// <nil>
	// not authorized: psychotherapy notes need a separate psychotherapy-notes authorization; au-1 is not one
}

func ExampleDueDate() {
	fmt.Println(consent.DueDate(consent.AccessRequest, "2026-11-01", false))
	fmt.Println(consent.DueDate(consent.AccessRequest, "2026-11-01", true))
	fmt.Println(consent.DueDate(consent.AmendmentRequest, "2026-11-01", false))
	// Output:
	// 2026-12-01
	// 2026-12-31
	// 2026-12-31
}
