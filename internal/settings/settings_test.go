package settings

import (
	"strings"
	"testing"
	"time"

	"confdesk/internal/model"
)

func current() model.Conference {
	return model.Conference{ID: 1, Name: "CTC", ShortName: "CTC", Venue: "Centre", City: "Miami, Florida",
		TimeZone: "America/New_York", StartDate: "2027-03-15", EndDate: "2027-03-17", Capacity: 120}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*Form)
		taken int
		field string // "" means valid
	}{
		{"unchanged", func(*Form) {}, 0, ""},
		{"no name", func(f *Form) { f.Name = "  " }, 0, "name"},
		{"long short name", func(f *Form) { f.ShortName = strings.Repeat("x", 41) }, 0, "short_name"},
		{"bad zone", func(f *Form) { f.TimeZone = "Mars/Olympus" }, 0, "timezone"},
		{"end before start", func(f *Form) { f.EndDate = "2027-03-14" }, 0, "end_date"},
		{"bad start", func(f *Form) { f.StartDate = "15/03/2027" }, 0, "start_date"},
		{"capacity below taken", func(f *Form) { f.Capacity = "40" }, 41, "capacity"},
		{"capacity equal to taken", func(f *Form) { f.Capacity = "41" }, 41, ""},
		{"capacity not a number", func(f *Form) { f.Capacity = "lots" }, 0, "capacity"},
		{"closes before opens", func(f *Form) { f.RegistrationOpens, f.RegistrationCloses = "2027-02-01T09:00", "2027-01-01T09:00" }, 0, "registration_closes"},
		{"bad opening", func(f *Form) { f.RegistrationOpens = "soon" }, 0, "registration_opens"},
		{"half a figure", func(f *Form) { f.FigureValues[2] = "19" }, 0, "figure_value_2"},
		{"contact address with a name", func(f *Form) { f.ContactEmail = "Desk <desk@example.org>" }, 0, "contact_email"},
		{"contact address without a domain", func(f *Form) { f.ContactEmail = "desk@localhost" }, 0, "contact_email"},
		{"contact phone in words", func(f *Form) { f.ContactPhone = "call the desk" }, 0, "contact_phone"},
		{"contact details", func(f *Form) {
			f.ContactEmail, f.ContactPhone, f.PostalAddress = "desk@example.org", "+1 305 555 0100", "1 Main St\nMiami, FL"
		}, 0, ""},
		{"postal address with a tab-free control", func(f *Form) { f.PostalAddress = "1 Main St\x00" }, 0, "postal_address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := FormOf(current(), []model.Figure{{Value: "75+", Label: "participants"}})
			tc.edit(&f)
			_, _, errs := f.Validate(current(), tc.taken)
			switch {
			case tc.field == "" && len(errs) > 0:
				t.Errorf("unexpected errors %v", errs)
			case tc.field != "" && (len(errs) != 1 || errs[0].Field != tc.field):
				t.Errorf("errors %v, want one on %s", errs, tc.field)
			}
		})
	}
}

func TestWindowIsReadInTheConferenceZone(t *testing.T) {
	f := FormOf(current(), nil)
	f.RegistrationOpens = "2027-01-10T09:00"
	c, _, errs := f.Validate(current(), 0)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if want := time.Date(2027, 1, 10, 14, 0, 0, 0, time.UTC); !c.RegistrationOpens.Equal(want) {
		t.Errorf("opens %v, want %v (09:00 EST)", c.RegistrationOpens, want)
	}
	if back := FormOf(c, nil).RegistrationOpens; back != "2027-01-10T09:00" {
		t.Errorf("shown back as %q", back)
	}
}

func TestValidateRefusesLineBreaksInOneLineFields(t *testing.T) {
	cur := model.Conference{TimeZone: "America/New_York", StartDate: "2027-03-15", EndDate: "2027-03-17", Capacity: 300}
	f := FormOf(cur, nil)
	f.Name, f.ShortName, f.Venue, f.City = "CTC\r\nBcc: x@example.org", "CTC", "Hyatt", "Miami"
	f.Description = "Two lines\r\nare fine here."
	_, _, errs := f.Validate(cur, 0)
	if len(errs) != 1 || errs[0].Field != "name" {
		t.Errorf("errors %v, want one on name", errs)
	}
}
