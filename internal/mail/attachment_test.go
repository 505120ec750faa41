package mail

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"confdesk/internal/model"
)

// A confirmation reaches the SMTP server with the conference as an .ics
// file that a calendar reader parses: one all-day event over the
// conference's days, named after it, at its venue.
func TestConfirmationCarriesCalendar(t *testing.T) {
	f := newFixture(t)
	srv := startSMTP(t, smtpOptions{})
	s := f.sender(t, "smtp://"+srv.addr)
	m := f.enqueue(t, "Désirée", "Piñeiro-Nguyễn", "desiree@example.org")
	if n, err := s.SendDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("SendDue = %d, %v", n, err)
	}
	got := srv.got()
	if len(got) != 1 {
		t.Fatalf("server received %d messages", len(got))
	}
	p := parse(t, got[0].data)
	if !strings.Contains(p.text, "Désirée") || !strings.Contains(p.html, "Désirée") {
		t.Errorf("the text did not survive the attachment:\n%s", p.text)
	}
	if len(p.files) != 1 {
		t.Fatalf("%d attachments, want 1", len(p.files))
	}
	file := p.files[0]
	if file.filename != CalendarFilename || !strings.HasPrefix(file.contentType, "text/calendar") || !strings.Contains(file.contentType, "method=PUBLISH") {
		t.Errorf("attachment %q of type %q", file.filename, file.contentType)
	}
	if !bytes.Equal(file.data, m.Attachments[0].Data) {
		t.Error("the attachment arrived changed")
	}
	cal, err := goical.NewDecoder(bytes.NewReader(file.data)).Decode()
	if err != nil {
		t.Fatalf("the .ics does not parse: %v\n%s", err, file.data)
	}
	if v := cal.Props.Get(goical.PropMethod); v == nil || v.Value != "PUBLISH" {
		t.Errorf("METHOD %v", v)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want 1", len(events))
	}
	ev := events[0]
	if v := ev.Props.Get(goical.PropSummary); v == nil || v.Value != f.conf.Name {
		t.Errorf("SUMMARY %v, want %q", v, f.conf.Name)
	}
	start, err := ev.Props.Get(goical.PropDateTimeStart).DateTime(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	end, err := ev.Props.Get(goical.PropDateTimeEnd).DateTime(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Props.Get(goical.PropDateTimeStart).ValueType() != goical.ValueDate {
		t.Error("DTSTART is not an all-day date")
	}
	wantEnd, _ := time.Parse(time.DateOnly, f.conf.EndDate)
	if start.Format(time.DateOnly) != f.conf.StartDate || !end.Equal(wantEnd.AddDate(0, 0, 1)) {
		t.Errorf("event from %s to %s; want %s to the day after %s", start, end, f.conf.StartDate, f.conf.EndDate)
	}
	if loc := ev.Props.Get(goical.PropLocation); f.conf.Venue != "" && (loc == nil || !strings.Contains(loc.Value, f.conf.Venue)) {
		t.Errorf("LOCATION %v, want the venue %q", loc, f.conf.Venue)
	}
}

// Only the confirmation and the promotion carry the calendar; every other
// kind of message is the text alone.
func TestCalendarOnlyWithConfirmation(t *testing.T) {
	f := newFixture(t)
	r := model.Registration{Reference: "CTC-ABC234", FirstName: "Ana", LastName: "Lima", Email: "ana@example.org"}
	for _, kind := range Kinds {
		m, err := Compose(kind, Data{Conference: f.conf, Registration: r, ManageURL: manageURL, SiteURL: "https://ctc.example"})
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		want := kind == KindConfirmed || kind == KindPromoted
		if got := len(m.Attachments) == 1; got != want {
			t.Errorf("%s: %d attachments", kind, len(m.Attachments))
		}
		if want && !strings.Contains(string(m.Attachments[0].Data), "UID:conference-") {
			t.Errorf("%s: calendar without the conference's UID:\n%s", kind, m.Attachments[0].Data)
		}
	}
}
