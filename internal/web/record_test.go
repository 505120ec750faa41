package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// TestConsoleRecordsOfAnotherConference: the console serves one conference;
// a record of another one, opened by its id, is not found on any editor
// page, and posting to it changes nothing.
func TestConsoleRecordsOfAnotherConference(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	reg := seed(t, env, person{})[0]
	var other, track, room, speaker, session, mail int64
	err := env.Store.Update(ctx, func(tx *store.Tx) error {
		var err error
		if other, err = tx.CreateConference(model.Conference{Slug: "other", Name: "Another meeting", ShortName: "Other",
			TimeZone: "America/Port_of_Spain", StartDate: "2027-06-01", EndDate: "2027-06-02", Capacity: 50}); err != nil {
			return err
		}
		if track, err = tx.CreateTrack(model.Track{ConferenceID: other, Name: "Elsewhere", Slug: "elsewhere", Colour: "#1b5e20"}); err != nil {
			return err
		}
		if room, err = tx.CreateRoom(model.Room{ConferenceID: other, Name: "Hall B"}); err != nil {
			return err
		}
		if speaker, err = tx.CreateSpeaker(model.Speaker{ConferenceID: other, Name: "A. Speaker"}); err != nil {
			return err
		}
		conf, err := tx.Conference(other)
		if err != nil {
			return err
		}
		start := conf.Start().Add(9 * time.Hour)
		if session, err = tx.CreateSession(model.Session{ConferenceID: other, Title: "Elsewhere", Kind: model.KindPlenary,
			StartsAt: start, EndsAt: start.Add(time.Hour)}); err != nil {
			return err
		}
		mail, err = tx.EnqueueMail(model.OutboxMessage{ConferenceID: other, Kind: "test", ToEmail: "x@example.org", Subject: "Hello"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET conference_id = ? WHERE id = ?`, other, reg); err != nil {
		t.Fatal(err)
	}
	if env.Conference.ID == other {
		t.Fatal("the new conference became the current one")
	}
	cl := env.Login(model.UserAdmin)
	for _, path := range []string{
		"/admin/agenda/tracks/" + itoa64(track) + "/edit", "/admin/agenda/tracks/" + itoa64(track) + "/delete",
		"/admin/agenda/rooms/" + itoa64(room) + "/edit", "/admin/agenda/rooms/" + itoa64(room) + "/delete",
		"/admin/agenda/speakers/" + itoa64(speaker) + "/edit", "/admin/agenda/speakers/" + itoa64(speaker) + "/delete",
		"/admin/agenda/sessions/" + itoa64(session) + "/edit", "/admin/agenda/sessions/" + itoa64(session) + "/delete",
		"/admin/registrations/" + itoa64(reg), "/admin/registrations/" + itoa64(reg) + "/edit",
		"/admin/outbox/" + itoa64(mail),
	} {
		if res := cl.Get(path); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
		}
	}
	for _, path := range []string{
		"/admin/agenda/tracks/" + itoa64(track) + "/delete", "/admin/agenda/rooms/" + itoa64(room) + "/delete",
		"/admin/agenda/speakers/" + itoa64(speaker) + "/delete", "/admin/agenda/sessions/" + itoa64(session) + "/delete",
		"/admin/outbox/" + itoa64(mail) + "/retry",
	} {
		if res := cl.PostAdmin(path, url.Values{}); res.StatusCode != http.StatusNotFound {
			t.Errorf("POST %s = %d, want 404", path, res.StatusCode)
		}
	}
	for table, id := range map[string]int64{"tracks": track, "rooms": room, "speakers": speaker, "sessions": session} {
		if n := count(t, env, `SELECT count(*) FROM `+table+` WHERE id = ?`, id); n != 1 {
			t.Errorf("the other conference's %s row is gone", table)
		}
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE conference_id = ?`, other); n != 0 {
		t.Errorf("%d audit lines about the other conference", n)
	}
}
