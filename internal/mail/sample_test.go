package mail

import "confdesk/internal/model"

// Sample is a Data from which every kind in Kinds composes, for
// conference c and a registration made in lang ("es"; "" is English):
// a tool that shows or checks every message starts from it, setting
// Data.Lang to choose another language (the pseudo-language test).
func Sample(c model.Conference, lang string) Data {
	return Data{
		Conference: c,
		Registration: model.Registration{ID: 1, ConferenceID: c.ID, Reference: "CTC-SAMPLE", Status: model.StatusConfirmed,
			Category: model.CategoryParticipant, FirstName: "Ana", LastName: "Pérez", Email: "ana@example.org", Language: lang},
		ManageURL:        "https://confdesk.example/registration/sample-token",
		WaitlistPosition: 3,
		Reason:           "Sample reason.",
		NewEmail:         "new@example.org",
		LostSessions:     []string{"Sample session"},
		SiteURL:          "https://confdesk.example",
	}
}
