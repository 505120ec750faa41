package registration_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/registration"
)

// TestTransitionTable checks every action from every status, for a
// participant and for press: where it leads and which e-mail it sends, or
// that it is refused with a sentence.
func TestTransitionTable(t *testing.T) {
	const (
		P = model.StatusPending
		C = model.StatusConfirmed
		W = model.StatusWaitlisted
		R = model.StatusRejected
		X = model.StatusCancelled
	)
	type want struct{ to, mail string } // to == "" means refused
	no := want{}
	participant := map[string]map[string]want{
		registration.ActionConfirm: {P: {C, mail.KindConfirmed}, C: no, W: {C, mail.KindPromoted},
			R: {C, mail.KindConfirmed}, X: {C, mail.KindConfirmed}},
		registration.ActionPromote:  {P: no, C: no, W: {C, mail.KindPromoted}, R: no, X: no},
		registration.ActionAccredit: {P: no, C: no, W: no, R: no, X: no},
		registration.ActionWaitlist: {P: {W, mail.KindWaitlisted}, C: {W, mail.KindWaitlisted}, W: no, R: no, X: no},
		registration.ActionReject: {P: {R, mail.KindRejected}, C: {R, mail.KindRejected}, W: {R, mail.KindRejected},
			R: no, X: no},
		registration.ActionCancel: {P: {X, mail.KindCancelled}, C: {X, mail.KindCancelled}, W: {X, mail.KindCancelled},
			R: no, X: no},
		"delete": {P: no, C: no, W: no, R: no, X: no},
	}
	press := map[string]map[string]want{
		registration.ActionConfirm: {P: no, C: no, W: no, R: no, X: no},
		registration.ActionPromote: {P: no, C: no, W: no, R: no, X: no},
		registration.ActionAccredit: {P: {C, mail.KindAccredited}, C: no, W: {C, mail.KindAccredited},
			R: {C, mail.KindAccredited}, X: {C, mail.KindAccredited}},
		registration.ActionWaitlist: {P: no, C: no, W: no, R: no, X: no},
		registration.ActionReject:   {P: {R, mail.KindRejected}, C: {R, mail.KindRejected}, W: {R, mail.KindRejected}, R: no, X: no},
		registration.ActionCancel:   {P: {X, mail.KindCancelled}, C: {X, mail.KindCancelled}, W: {X, mail.KindCancelled}, R: no, X: no},
	}
	for category, table := range map[string]map[string]map[string]want{model.CategoryParticipant: participant, model.CategoryPress: press} {
		for action, byStatus := range table {
			if len(byStatus) != len(model.Statuses) {
				t.Fatalf("%s %s: the table misses a status", category, action)
			}
			for from, w := range byStatus {
				t.Run(fmt.Sprintf("%s/%s/from-%s", category, action, from), func(t *testing.T) {
					r := model.Registration{Status: from, Category: category}
					to, kind, err := registration.Transition(r, action)
					if w.to == "" {
						var ref *registration.Refusal
						if !errors.As(err, &ref) || !errors.Is(err, registration.ErrNotAllowed) || !strings.HasSuffix(ref.Message, ".") {
							t.Fatalf("= %q, %q, %v; want a refusal with a sentence", to, kind, err)
						}
						return
					}
					if err != nil || to != w.to || kind != w.mail {
						t.Fatalf("= %q, %q, %v; want %q with a %q e-mail", to, kind, err, w.to, w.mail)
					}
				})
			}
		}
	}
	// The other categories follow the participant's rules.
	for _, category := range []string{model.CategorySpeaker, model.CategoryOrganiser, model.CategoryStaff} {
		for _, action := range registration.Actions {
			for _, from := range model.Statuses {
				a, b, errA := registration.Transition(model.Registration{Status: from, Category: category}, action)
				c, d, errB := registration.Transition(model.Registration{Status: from, Category: model.CategoryParticipant}, action)
				if a != c || b != d || (errA == nil) != (errB == nil) {
					t.Errorf("%s %s from %s differs from a participant's", category, action, from)
				}
			}
		}
	}
}

func TestAvailableMatchesTransition(t *testing.T) {
	for _, category := range model.Categories {
		for _, from := range model.Statuses {
			r := model.Registration{Status: from, Category: category}
			avail := registration.Available(r)
			for _, a := range registration.Actions {
				_, _, err := registration.Transition(r, a)
				if (err == nil) != slices.Contains(avail, a) {
					t.Errorf("%s %s: Available says %v for %s, Transition %v", category, from, avail, a, err)
				}
			}
		}
	}
	// Every registration that is still open can at least be cancelled or reinstated.
	if got := registration.Available(model.Registration{Status: model.StatusCancelled, Category: model.CategoryParticipant}); !slices.Equal(got, []string{registration.ActionConfirm}) {
		t.Errorf("cancelled participant: %v", got)
	}
}

func TestTakesPlace(t *testing.T) {
	for _, tc := range []struct {
		status, category, action string
		want                     bool
	}{
		{model.StatusPending, model.CategoryParticipant, registration.ActionConfirm, false}, // holds its place already
		{model.StatusWaitlisted, model.CategoryParticipant, registration.ActionConfirm, true},
		{model.StatusWaitlisted, model.CategorySpeaker, registration.ActionPromote, true},
		{model.StatusRejected, model.CategoryParticipant, registration.ActionConfirm, true},
		{model.StatusCancelled, model.CategoryStaff, registration.ActionConfirm, true},
		{model.StatusPending, model.CategoryPress, registration.ActionAccredit, false}, // press takes no place
		{model.StatusCancelled, model.CategoryPress, registration.ActionAccredit, false},
		{model.StatusConfirmed, model.CategoryParticipant, registration.ActionReject, false},
		{model.StatusConfirmed, model.CategoryParticipant, registration.ActionConfirm, false}, // refused anyway
	} {
		r := model.Registration{Status: tc.status, Category: tc.category}
		if got := registration.TakesPlace(r, tc.action); got != tc.want {
			t.Errorf("%s %s, %s: TakesPlace = %v, want %v", tc.category, tc.status, tc.action, got, tc.want)
		}
	}
}

func TestGroupDelegations(t *testing.T) {
	reg := func(id int64, first, last, countryCode, org, status string, head bool) model.Registration {
		return model.Registration{ID: id, FirstName: first, LastName: last, Country: countryCode, Organisation: org,
			Status: status, HeadOfDelegation: head, Category: model.CategoryParticipant}
	}
	rs := []model.Registration{
		reg(1, "Ana", "Zeta", "US", "Department of State", model.StatusConfirmed, false),
		reg(2, "Łukasz", "Żółć", "PL", "Border Guard", model.StatusPending, false),
		reg(3, "Kim", "Baptiste", "TT", "Ministry of National Security", model.StatusConfirmed, false),
		reg(4, "Désirée", "Piñeiro-Nguyễn", "TT", "ministry of  national security", model.StatusWaitlisted, true),
		reg(5, "Marcus", "Campbell", "JM", "Ministry of National Security", model.StatusConfirmed, true),
		reg(6, "Alicia", "Abel", "TT", "UNHCR", model.StatusConfirmed, false),
		reg(7, "Ben", "Adams", "BS", "Royal Bahamas Police Force", model.StatusPending, false),
	}
	byCountry := registration.GroupDelegations(rs, registration.ByCountry)
	var order []string
	for _, d := range byCountry {
		order = append(order, d.Country)
	}
	// The Caribbean first (Bahamas, Jamaica, Trinidad and Tobago by name), then the rest by name.
	if want := []string{"BS", "JM", "TT", "PL", "US"}; !slices.Equal(order, want) {
		t.Errorf("country order %v, want %v", order, want)
	}
	tt := byCountry[2]
	if tt.Name() != "Trinidad and Tobago" || len(tt.Members) != 3 {
		t.Fatalf("TT group: %q with %d members", tt.Name(), len(tt.Members))
	}
	if tt.Members[0].ID != 4 || tt.Members[1].ID != 6 || tt.Members[2].ID != 3 {
		t.Errorf("TT members %d %d %d: want the head first, then Abel, Baptiste", tt.Members[0].ID, tt.Members[1].ID, tt.Members[2].ID)
	}
	if tt.Counts[model.StatusConfirmed] != 2 || tt.Counts[model.StatusWaitlisted] != 1 {
		t.Errorf("TT counts %v", tt.Counts)
	}
	if h := tt.Heads(); len(h) != 1 || h[0].ID != 4 {
		t.Errorf("TT heads %v", h)
	}

	byOrg := registration.GroupDelegations(rs, registration.ByOrganisation)
	var names []string
	for _, d := range byOrg {
		names = append(names, d.Name()+"/"+d.Country)
	}
	// One ministry per country; spelling differences of case and spaces are one institution.
	want := []string{"Border Guard/PL", "Department of State/US", "Ministry of National Security/JM",
		"Ministry of National Security/TT", "Royal Bahamas Police Force/BS", "UNHCR/TT"}
	if !slices.Equal(names, want) {
		t.Errorf("institutions %v, want %v", names, want)
	}
	if len(byOrg[3].Members) != 2 || byOrg[3].Members[0].ID != 4 {
		t.Errorf("TT ministry: %d members, first %d", len(byOrg[3].Members), byOrg[3].Members[0].ID)
	}
}
