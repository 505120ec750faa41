package agenda_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"confdesk/internal/agenda"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

// TestEditorRoomTranslations: a room's translations are saved with it,
// checked to the original's limit, audited when they change, and a save
// that changes none of them writes no audit line.
func TestEditorRoomTranslations(t *testing.T) {
	ctx := context.Background()
	e, changed := newEditor(t)
	conf := model.Conference{ID: 1}
	form := agenda.RoomForm{Name: "Coral Room", Capacity: "40", Position: "0",
		Translations: model.Translations{"name": {"es": "Sala Coral", "de": "Korallensaal"}}}
	r, errs, err := e.CreateRoom(ctx, conf, form, organiser)
	if err != nil || len(errs) > 0 {
		t.Fatalf("create: %v %v", errs, err)
	}
	got, err := e.Store.Translations(ctx, i18n.KindRoom, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Get("name", "es") != "Sala Coral" || got.Get("name", "de") != "" {
		t.Errorf("stored %v: want the Spanish name only, not a language the site does not offer", got)
	}

	// Too long, or on two lines: refused beside the translation's own field.
	form.Translations = model.Translations{"name": {"fr": strings.Repeat("é", 81), "nl": "Koraal\nzaal"}}
	if _, errs, err = e.UpdateRoom(ctx, r, form, organiser); err != nil || len(errs) != 2 ||
		errs.Get("tr-fr-name") == "" || errs.Get("tr-nl-name") == "" {
		t.Fatalf("bad translations: %v %v", errs, err)
	}
	if got, _ := e.Store.Translations(ctx, i18n.KindRoom, r.ID); got.Get("name", "es") != "Sala Coral" {
		t.Error("a refused save changed the translations")
	}

	// Changed: audited; the same again: not.
	form.Translations = model.Translations{"name": {"es": "Salón Coral", "fr": "Salle Corail"}}
	for range 2 {
		if _, errs, err = e.UpdateRoom(ctx, r, form, organiser); err != nil || len(errs) > 0 {
			t.Fatalf("update: %v %v", errs, err)
		}
	}
	lines := auditOf(t, e, "room", r.ID)
	if len(lines) != 2 || lines[0].Changes["name (es)"] != [2]string{"Sala Coral", "Salón Coral"} ||
		lines[0].Changes["name (fr)"] != [2]string{"", "Salle Corail"} || len(lines[0].Changes) != 2 {
		t.Errorf("audit %+v", lines)
	}
	if *changed != 3 {
		t.Errorf("Changed called %d times, want 3", *changed)
	}
}

// TestProgrammeIn: the exports' programme takes the translations where
// there are, keeps English elsewhere, and leaves the original untouched.
func TestProgrammeIn(t *testing.T) {
	track := model.Track{ID: 1, Name: "Prevention", Slug: "prevention"}
	room := model.Room{ID: 2, Name: "Coral Room"}
	p := agenda.Programme{
		Conference: model.Conference{ID: 9, Name: "Caribbean Conference", StartDate: "2027-03-15", EndDate: "2027-03-17", TimeZone: "UTC"},
		Tracks:     []model.Track{track}, Rooms: []model.Room{room},
		Sessions: []model.Session{
			{ID: 3, Title: "Opening", Description: "Words of welcome.", Track: &track, Room: &room, Kind: model.KindPlenary,
				StartsAt: time.Date(2027, 3, 15, 9, 0, 0, 0, time.UTC), EndsAt: time.Date(2027, 3, 15, 10, 0, 0, 0, time.UTC)},
			{ID: 4, Title: "Closing", Kind: model.KindPlenary,
				StartsAt: time.Date(2027, 3, 17, 9, 0, 0, 0, time.UTC), EndsAt: time.Date(2027, 3, 17, 10, 0, 0, 0, time.UTC)},
		},
	}
	es := i18n.Lookup("es")
	content := i18n.Content{
		{Kind: i18n.KindSession, ID: 3, Name: "title"}:   "Apertura",
		{Kind: i18n.KindTrack, ID: 1, Name: "name"}:      "Prevención",
		{Kind: i18n.KindRoom, ID: 2, Name: "name"}:       "Sala Coral",
		{Kind: i18n.KindConference, ID: 9, Name: "name"}: "Conferencia del Caribe",
	}
	q := p.In(es, content)
	s := q.Sessions[0]
	if s.Title != "Apertura" || s.Description != "Words of welcome." || s.Track.Name != "Prevención" || s.Room.Name != "Sala Coral" ||
		q.Tracks[0].Name != "Prevención" || q.Rooms[0].Name != "Sala Coral" || q.Conference.Name != "Conferencia del Caribe" ||
		q.Sessions[1].Title != "Closing" {
		t.Errorf("translated programme %+v", q)
	}
	if p.Sessions[0].Title != "Opening" || track.Name != "Prevention" || p.Tracks[0].Name != "Prevention" || room.Name != "Coral Room" {
		t.Error("In changed the original programme")
	}
	feed := q.Feed()
	if feed.Conference.Language != "es" || feed.Sessions[0].Language != "es" || feed.Sessions[1].Language != "en" {
		t.Errorf("feed languages %q %q %q", feed.Conference.Language, feed.Sessions[0].Language, feed.Sessions[1].Language)
	}
	if en := p.Feed(); en.Conference.Language != "en" || en.Sessions[0].Title != "Opening" {
		t.Error("the programme without In is not English")
	}
}
