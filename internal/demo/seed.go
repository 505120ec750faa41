package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/store"
)

// DaysAhead is how far after the database's creation the demo conference
// starts by default, so that registration is open when someone first runs it.
const DaysAhead = 60

// Options shape the seeded conference.
type Options struct {
	// Demo seeds the Miami conference with its agenda, speakers and press
	// room; false creates an empty conference for organisers to fill in.
	Demo bool
	// Start is the first day, YYYY-MM-DD; empty means DaysAhead after Now.
	Start string
	// Now is the creation time (an injected clock in tests).
	Now time.Time
	// Travellers also turns sponsored travel on and seeds sponsored
	// government delegates with their itineraries (travellers.go), for the
	// logistics page and its documents. The running demo sets it; the
	// tests' conference leaves it off and starts without registrations.
	Travellers bool
}

// EnsureConference seeds a conference when the database has none and
// reports whether it did. An existing conference is never touched.
func EnsureConference(ctx context.Context, st *store.Store, opt Options) (bool, error) {
	if _, err := st.CurrentConference(ctx); err == nil {
		return false, nil
	} else if err != store.ErrNotFound {
		return false, err
	}
	return true, st.Update(ctx, func(tx *store.Tx) error { return seed(tx, opt) })
}

func seed(tx *store.Tx, opt Options) error {
	loc, err := time.LoadLocation(conference.TimeZone)
	if err != nil {
		return fmt.Errorf("demo: time zone: %w", err)
	}
	start, err := startDay(opt, loc)
	if err != nil {
		return err
	}
	day := func(n int) time.Time { return start.AddDate(0, 0, n-1) }
	c := model.Conference{
		Slug:                 "ctc-miami",
		Name:                 conference.Name,
		ShortName:            conference.ShortName,
		Tagline:              conference.Tagline,
		Description:          conference.Description,
		Aim:                  conference.Aim,
		Organiser:            conference.Organiser,
		Supporter:            conference.Supporter,
		Programme:            conference.Programme,
		Venue:                conference.Venue,
		VenueAddress:         conference.VenueAddress,
		City:                 conference.City,
		TimeZone:             conference.TimeZone,
		StartDate:            day(1).Format(time.DateOnly),
		EndDate:              day(3).Format(time.DateOnly),
		Capacity:             conference.Capacity,
		RegistrationOpens:    opt.Now,
		RegistrationCloses:   day(1), // online registration closes as the doors open
		LetterSignatoryName:  conference.LetterSignatoryName,
		LetterSignatoryTitle: conference.LetterSignatoryTitle,
		LetterCosts:          conference.LetterCosts,
		ContactEmail:         conference.ContactEmail,
		ContactPhone:         conference.ContactPhone,
		PostalAddress:        conference.PostalAddress,
		// Off in the demo only: it runs without a mail server, and the
		// confirmation links would wait in the outbox. The dashboard says so.
		ConfirmEmail: false,
		CreatedAt:    opt.Now,
	}
	if !opt.Demo {
		c = model.Conference{
			Slug:        "conference",
			Name:        "New conference",
			ShortName:   "Conference",
			Description: "The organisers have not described this conference yet.",
			TimeZone:    conference.TimeZone,
			StartDate:   c.StartDate,
			EndDate:     c.EndDate,
			Capacity:    100,
			// Closed until the organisers set a window in the settings.
			RegistrationOpens:  day(1),
			RegistrationCloses: day(1),
			ConfirmEmail:       true,
			CreatedAt:          opt.Now,
		}
		_, err := tx.CreateConference(c)
		return err
	}
	confID, err := tx.CreateConference(c)
	if err == nil {
		// Off in the demo only, so that a first look needs no
		// authenticator app; the dashboard says so.
		err = tx.SetRequire2FA(confID, false)
	}
	if err != nil {
		return err
	}

	for i, f := range figures {
		if _, err := tx.CreateFigure(model.Figure{ConferenceID: confID, Position: i, Value: f.Value, Label: f.Label}); err != nil {
			return err
		}
	}
	trackIDs := map[string]int64{}
	for i, t := range tracks {
		id, err := tx.CreateTrack(model.Track{ConferenceID: confID, Slug: t.Slug, Name: t.Name, Colour: strings.ToLower(t.Colour),
			Description: t.Description, Position: i})
		if err != nil {
			return err
		}
		trackIDs[t.Slug] = id
	}
	if err := seedTranslations(tx, confID, trackIDs); err != nil {
		return err
	}
	roomIDs := map[string]int64{}
	for i, r := range rooms {
		id, err := tx.CreateRoom(model.Room{ConferenceID: confID, Name: r.Name, Capacity: r.Capacity, Position: i})
		if err != nil {
			return err
		}
		roomIDs[r.Name] = id
	}
	speakerIDs := map[string]int64{}
	for _, p := range speakers {
		id, err := tx.CreateSpeaker(model.Speaker{ConferenceID: confID, Name: p.Name, Title: p.Title,
			Organisation: p.Organisation, Country: p.Country, Bio: p.Bio})
		if err != nil {
			return err
		}
		speakerIDs[p.Key] = id
	}
	for _, s := range sessions {
		m := model.Session{ConferenceID: confID, Kind: s.Kind, Title: s.Title, Description: s.Description,
			Capacity: s.Capacity, Published: true, CreatedAt: opt.Now}
		if m.StartsAt, err = clock(day(s.Day), s.Start, loc); err != nil {
			return err
		}
		if m.EndsAt, err = clock(day(s.Day), s.End, loc); err != nil {
			return err
		}
		if s.Track != "" {
			if m.TrackID = trackIDs[s.Track]; m.TrackID == 0 {
				return fmt.Errorf("demo: session %q: unknown track %q", s.Title, s.Track)
			}
		}
		if s.Room != "" {
			if m.RoomID = roomIDs[s.Room]; m.RoomID == 0 {
				return fmt.Errorf("demo: session %q: unknown room %q", s.Title, s.Room)
			}
		}
		for _, r := range s.Speakers {
			id := speakerIDs[r.Speaker]
			if id == 0 {
				return fmt.Errorf("demo: session %q: unknown speaker %q", s.Title, r.Speaker)
			}
			m.Speakers = append(m.Speakers, model.SessionSpeaker{Speaker: model.Speaker{ID: id}, Role: r.Role})
		}
		if _, err := tx.CreateSession(m); err != nil {
			return err
		}
	}
	for i, m := range contacts {
		if _, err := tx.CreateMediaContact(model.MediaContact{ConferenceID: confID, Name: m.Name, Role: m.Role,
			Organisation: m.Organisation, Phone: m.Phone, Mobile: m.Mobile, Email: m.Email, Languages: m.Languages,
			Position: i}); err != nil {
			return err
		}
	}
	for _, r := range releases {
		if _, err := tx.CreatePressRelease(model.PressRelease{ConferenceID: confID, Slug: r.Slug, Title: r.Title,
			Dateline: r.Dateline, ReleaseDate: c.StartDate, Summary: r.Summary, Body: r.Body, Published: true,
			CreatedAt: opt.Now}); err != nil {
			return err
		}
	}
	if opt.Travellers {
		return seedTravellers(tx, confID, day, opt.Now)
	}
	return nil
}

// startDay is the conference's first day at midnight in loc.
func startDay(opt Options, loc *time.Location) (time.Time, error) {
	if opt.Start != "" {
		t, err := time.ParseInLocation(time.DateOnly, opt.Start, loc)
		if err != nil {
			return t, fmt.Errorf("demo: start %q: want YYYY-MM-DD", opt.Start)
		}
		return t, nil
	}
	y, m, d := opt.Now.In(loc).AddDate(0, 0, DaysAhead).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc), nil
}

// clock returns the instant at hh:mm local time on day.
func clock(day time.Time, hhmm string, loc *time.Location) (time.Time, error) {
	t, err := time.Parse("15:04", hhmm)
	if err != nil {
		return t, fmt.Errorf("demo: time %q: want HH:MM", hhmm)
	}
	y, m, d := day.Date()
	return time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, loc), nil
}
