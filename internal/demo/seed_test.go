package demo

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"confdesk/internal/country"
	"confdesk/internal/database"
	"confdesk/internal/model"
	"confdesk/internal/store"
)

var now = time.Date(2027, 1, 15, 15, 0, 0, 0, time.UTC)

func newStore(t *testing.T) *store.Store {
	t.Helper()
	db, err := database.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return store.New(db)
}

func TestSeedTheMiamiConference(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	seeded, err := EnsureConference(ctx, st, Options{Demo: true, Now: now})
	if err != nil || !seeded {
		t.Fatalf("EnsureConference = %v, %v", seeded, err)
	}
	c, err := st.CurrentConference(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The demo runs without a mail server, so addresses are not confirmed:
	// a first look must not need one.
	if c.ConfirmEmail {
		t.Error("the demo conference confirms e-mail addresses")
	}
	// Default dates: three consecutive days starting DaysAhead after creation.
	if c.StartDate != "2027-03-16" || c.EndDate != "2027-03-18" {
		t.Errorf("dates %s..%s, want 2027-03-16..2027-03-18", c.StartDate, c.EndDate)
	}
	if c.TimeZone != "America/New_York" || c.Capacity != 120 || c.Moderation {
		t.Errorf("zone %s, capacity %d, moderation %v", c.TimeZone, c.Capacity, c.Moderation)
	}
	if !c.RegistrationOpens.Equal(now) || !c.RegistrationCloses.Equal(c.Start()) {
		t.Errorf("window %v..%v", c.RegistrationOpens, c.RegistrationCloses)
	}

	tracks, _ := st.Tracks(ctx, c.ID)
	var slugs []string
	for _, tr := range tracks {
		slugs = append(slugs, tr.Slug)
		if r := contrastWithWhite(tr.Colour); r < 4.5 {
			t.Errorf("track %s: white on %s has contrast %.2f, below WCAG AA", tr.Slug, tr.Colour, r)
		}
	}
	if want := "[prevention protection prosecution plenary]"; fmt.Sprint(slugs) != want {
		t.Errorf("tracks %v, want %s", slugs, want)
	}
	rooms, _ := st.Rooms(ctx, c.ID)
	if len(rooms) != 3 {
		t.Errorf("%d rooms, want 3", len(rooms))
	}
	speakers, _ := st.Speakers(ctx, c.ID)
	if len(speakers) < 10 || len(speakers) > 14 {
		t.Errorf("%d speakers, want about a dozen", len(speakers))
	}
	for _, p := range speakers {
		if p.Country != "" && !country.Valid(p.Country) {
			t.Errorf("speaker %s: country %q is not an ISO code", p.Name, p.Country)
		}
	}

	sessions, err := st.Sessions(ctx, c.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(sessions) < 18 || len(sessions) > 24 {
		t.Errorf("%d sessions, want 18 to 24", len(sessions))
	}
	kinds := map[string]int{}
	days := map[string]bool{}
	for i, s := range sessions {
		kinds[s.Kind]++
		local := s.StartsAt.In(c.Location())
		days[local.Format(time.DateOnly)] = true
		if s.StartsAt.Before(c.Start()) || s.EndsAt.After(c.End()) {
			t.Errorf("%q lies outside the conference days", s.Title)
		}
		if s.Room != nil && s.Capacity > s.Room.Capacity {
			t.Errorf("%q: capacity %d above its room's %d", s.Title, s.Capacity, s.Room.Capacity)
		}
		for _, o := range sessions[i+1:] {
			if !(o.StartsAt.Before(s.EndsAt) && s.StartsAt.Before(o.EndsAt)) {
				continue
			}
			if s.RoomID != 0 && s.RoomID == o.RoomID {
				t.Errorf("%q and %q share a room at the same time", s.Title, o.Title)
			}
			for _, a := range s.Speakers {
				for _, b := range o.Speakers {
					if a.ID == b.ID {
						t.Errorf("%s speaks in %q and %q at once", a.Name, s.Title, o.Title)
					}
				}
			}
		}
	}
	if len(days) != 3 {
		t.Errorf("sessions on %d days, want 3", len(days))
	}
	if kinds[model.KindBreak] == 0 || kinds[model.KindReception] == 0 || kinds[model.KindWorkshop] == 0 || kinds[model.KindPlenary] == 0 {
		t.Errorf("kinds %v: want breaks, a reception, workshops and plenaries", kinds)
	}

	releases, _ := st.PressReleases(ctx, c.ID, true)
	contacts, _ := st.MediaContacts(ctx, c.ID)
	figures, _ := st.Figures(ctx, c.ID)
	if len(releases) != 1 || releases[0].ReleaseDate != c.StartDate {
		t.Errorf("releases %d (dated %v), want one dated day one", len(releases), releases)
	}
	if len(contacts) != 2 || contacts[1].Name != "Niurka Piñeiro" {
		t.Errorf("contacts %v, want the release's two", contacts)
	}
	if len(figures) != 6 {
		t.Errorf("%d figures, want 6", len(figures))
	}

	// A second start does not seed again.
	if again, err := EnsureConference(ctx, st, Options{Demo: true, Now: now.Add(time.Hour)}); err != nil || again {
		t.Errorf("second EnsureConference = %v, %v; want false, nil", again, err)
	}
	if s2, _ := st.Sessions(ctx, c.ID, false); len(s2) != len(sessions) {
		t.Errorf("sessions doubled: %d", len(s2))
	}
}

func TestSeedStartIsSettable(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	if _, err := EnsureConference(ctx, st, Options{Demo: true, Start: "2027-11-02", Now: now}); err != nil {
		t.Fatal(err)
	}
	c, _ := st.CurrentConference(ctx)
	if c.StartDate != "2027-11-02" || c.EndDate != "2027-11-04" {
		t.Errorf("dates %s..%s", c.StartDate, c.EndDate)
	}
	sessions, _ := st.Sessions(ctx, c.ID, true)
	// 2027-11-07 ends daylight saving; 2 November is still EDT (UTC-4).
	first := sessions[0].StartsAt.In(c.Location())
	if first.Format("2006-01-02") != "2027-11-02" {
		t.Errorf("first session on %s", first)
	}
	if _, off := first.Zone(); off != -4*3600 {
		t.Errorf("first session's offset %d, want EDT", off)
	}
}

func TestSeedEmptyConference(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	if _, err := EnsureConference(ctx, st, Options{Demo: false, Now: now}); err != nil {
		t.Fatal(err)
	}
	c, err := st.CurrentConference(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sessions, _ := st.Sessions(ctx, c.ID, false)
	tracks, _ := st.Tracks(ctx, c.ID)
	if len(sessions) != 0 || len(tracks) != 0 {
		t.Errorf("empty conference has %d sessions, %d tracks", len(sessions), len(tracks))
	}
	if !c.ConfirmEmail {
		t.Error("a new conference does not confirm e-mail addresses")
	}
}

// contrastWithWhite is the WCAG contrast ratio of white text on colour #rrggbb.
func contrastWithWhite(colour string) float64 {
	lum := 0.0
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(colour[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		lum += w * c
	}
	return 1.05 / (lum + 0.05)
}
