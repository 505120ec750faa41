package agenda

import (
	"math"
	"strings"
	"testing"
	"time"

	"confdesk/internal/model"
)

func TestCheckColour(t *testing.T) {
	cases := []struct {
		in, want, msg string // msg: a part of the message, "" when valid
	}{
		{"#0f6b5c", "#0f6b5c", ""},
		{"  0F6B5C ", "#0f6b5c", ""},
		{"#767676", "#767676", ""}, // 4.54:1, just enough
		{"#777777", "#777777", "contrast 4.4:1"},
		{"#ffff00", "#ffff00", "Choose a darker colour, such as #"},
		{"#fff", "#fff", "six hexadecimal digits"},
		{"#12345g", "#12345g", "six hexadecimal digits"},
		{"", "", "Enter a colour"},
	}
	for _, tc := range cases {
		got, msg := CheckColour(tc.in)
		if tc.msg == "" && (msg != "" || got != tc.want) {
			t.Errorf("CheckColour(%q) = %q, %q; want %q, valid", tc.in, got, msg, tc.want)
		}
		if tc.msg != "" && !strings.Contains(msg, tc.msg) {
			t.Errorf("CheckColour(%q) message %q, want it to contain %q", tc.in, msg, tc.msg)
		}
	}
}

func TestContrastWithWhite(t *testing.T) {
	for colour, want := range map[string]float64{"#000000": 21, "#ffffff": 1, "#1d4f91": 8.14, "#0f6b5c": 6.41} {
		if got := ContrastWithWhite(colour); math.Abs(got-want) > 0.01 {
			t.Errorf("%s: %.2f, want %.2f", colour, got, want)
		}
	}
	// The suggested shade is readable, and as light as it can be.
	for _, c := range []string{"#ffff00", "#f2a900", "#00aaff", "#cccccc"} {
		d := darker(c)
		if ContrastWithWhite(d) < MinContrast {
			t.Errorf("suggestion %s for %s is not readable", d, c)
		}
		if ContrastWithWhite(d) > 5.5 {
			t.Errorf("suggestion %s for %s is darker than it needs to be (%.2f)", d, c, ContrastWithWhite(d))
		}
	}
}

func TestTrackFormValidate(t *testing.T) {
	tr, errs := TrackForm{Name: "Protección de víctimas", Colour: "#1D4F91", Position: "2"}.Validate()
	if len(errs) > 0 {
		t.Fatalf("errors %v", errs)
	}
	if tr.Slug != "proteccion-de-victimas" || tr.Colour != "#1d4f91" || tr.Position != 2 {
		t.Errorf("track %+v", tr)
	}
	_, errs = TrackForm{Name: "", Slug: "bad slug!", Colour: "#ffff00", Position: "-1"}.Validate()
	for _, f := range []string{"name", "slug", "colour", "position"} {
		if errs.Get(f) == "" {
			t.Errorf("no error for %s: %v", f, errs)
		}
	}
}

func TestLineBreaksOnlyInTextAreas(t *testing.T) {
	_, errs := TrackForm{Name: "Prevention\nX", Colour: "#1D4F91", Description: "First line.\r\nSecond line."}.Validate()
	if errs.Get("name") == "" || errs.Get("description") != "" {
		t.Errorf("track: name error %q, description error %q", errs.Get("name"), errs.Get("description"))
	}
	_, errs = SpeakerForm{Name: "Ana\tGómez", Title: "Director\n", Bio: "Line one.\nLine two."}.Validate()
	if errs.Get("name") == "" || errs.Get("bio") != "" {
		t.Errorf("speaker: name error %q, bio error %q", errs.Get("name"), errs.Get("bio"))
	}
	if _, errs = (RoomForm{Name: "Brickell\rRoom"}).Validate(); errs.Get("name") == "" {
		t.Error("room: a line break in the name was accepted")
	}
}

func TestRoomAndSpeakerFormValidate(t *testing.T) {
	r, errs := RoomForm{Name: " Coral Room ", Capacity: "35"}.Validate()
	if len(errs) > 0 || r.Name != "Coral Room" || r.Capacity != 35 {
		t.Errorf("room %+v, %v", r, errs)
	}
	for _, capacity := range []string{"-1", "many", "1.5"} {
		if _, errs := (RoomForm{Name: "X", Capacity: capacity}).Validate(); errs.Get("capacity") == "" {
			t.Errorf("capacity %q accepted", capacity)
		}
	}
	p, errs := SpeakerForm{Name: "Désirée Baptiste", Country: "ht"}.Validate()
	if len(errs) > 0 || p.Country != "HT" {
		t.Errorf("speaker %+v, %v", p, errs)
	}
	if _, errs := (SpeakerForm{Name: "X", Country: "XX"}).Validate(); errs.Get("country") == "" {
		t.Error("unknown country accepted")
	}
	if _, errs := (SpeakerForm{Country: ""}).Validate(); errs.Get("name") == "" {
		t.Error("a speaker without a name accepted")
	}
}

var (
	formTracks   = []model.Track{{ID: 1, Name: "Prevention"}}
	formRooms    = []model.Room{{ID: 1, Name: "Biscayne Ballroom", Capacity: 150}}
	formSpeakers = []model.Speaker{{ID: 10, Name: "Ana"}, {ID: 11, Name: "Kwame"}}
)

func TestSessionFormTimesInTheConferenceZone(t *testing.T) {
	conf := model.Conference{ID: 1, TimeZone: "America/New_York", StartDate: "2027-03-13", EndDate: "2027-03-15"}
	for _, tc := range []struct{ day, start, want, shown string }{
		{"2027-03-13", "09:00", "2027-03-13T14:00:00Z", "09:00"}, // EST, UTC−5
		{"2027-03-14", "09:00", "2027-03-14T13:00:00Z", "09:00"}, // EDT from 02:00 that night, UTC−4
		{"2027-03-15", "09:00", "2027-03-15T13:00:00Z", "09:00"},
		{"2027-03-14", "01:59", "2027-03-14T06:59:00Z", "01:59"}, // still EST
		{"2027-03-14", "03:00", "2027-03-14T07:00:00Z", "03:00"}, // already EDT
		{"2027-03-15", "9:05", "2027-03-15T13:05:00Z", "09:05"},
	} {
		f := SessionForm{Title: "T", Kind: model.KindPanel, Day: tc.day, Start: tc.start, End: "23:00"}
		s, errs := f.Validate(conf, formTracks, formRooms, formSpeakers)
		if len(errs) > 0 {
			t.Errorf("%s %s: %v", tc.day, tc.start, errs)
			continue
		}
		if got := s.StartsAt.Format(time.RFC3339); got != tc.want || s.StartsAt.Location() != time.UTC {
			t.Errorf("%s %s stored as %s, want %s", tc.day, tc.start, got, tc.want)
		}
		// And back into the form as the organiser typed it.
		if back := SessionFormOf(s, conf.Location()); back.Day != tc.day || back.Start != tc.shown || back.End != "23:00" {
			t.Errorf("%s %s shown again as %s %s–%s", tc.day, tc.start, back.Day, back.Start, back.End)
		}
	}
	// 02:30 on 14 March 2027 does not exist in Miami.
	f := SessionForm{Title: "T", Kind: model.KindPanel, Day: "2027-03-14", Start: "02:30", End: "04:00"}
	if _, errs := f.Validate(conf, formTracks, formRooms, formSpeakers); !strings.Contains(errs.Get(FieldStart), "does not exist") {
		t.Errorf("a skipped time accepted: %v", errs)
	}
}

func TestSessionFormValidate(t *testing.T) {
	good := SessionForm{Title: " Opening ", Kind: model.KindPlenary, TrackID: "1", RoomID: "1", Day: "2027-03-15",
		Start: "09:00", End: "10:30", Capacity: "", Published: true,
		Speakers: []SpeakerRow{{SpeakerID: "11", Role: model.RoleChair}, {SpeakerID: "10", Role: ""}}}
	s, errs := good.Validate(testConf, formTracks, formRooms, formSpeakers)
	if len(errs) > 0 {
		t.Fatalf("errors %v", errs)
	}
	if s.Title != "Opening" || s.TrackID != 1 || s.Track == nil || s.RoomID != 1 || s.Room == nil || !s.Published || s.Capacity != 0 {
		t.Errorf("session %+v", s)
	}
	if len(s.Speakers) != 2 || s.Speakers[0].Name != "Kwame" || s.Speakers[0].Role != model.RoleChair || s.Speakers[1].Role != model.RoleSpeaker {
		t.Errorf("speakers %+v", s.Speakers)
	}

	bad := SessionForm{Title: "", Kind: "dance", TrackID: "9", RoomID: "x", Day: "someday", Capacity: "-3",
		Speakers: []SpeakerRow{{SpeakerID: "10"}, {SpeakerID: "10"}, {SpeakerID: "99"}, {SpeakerID: "11", Role: "host"}}}
	_, errs = bad.Validate(testConf, formTracks, formRooms, formSpeakers)
	for field, want := range map[string]string{
		"title": "Enter the session's title", "kind": "Choose what kind", "track_id": "Choose a track",
		FieldRoom: "Choose a room", FieldDay: "Choose the day", FieldCapacity: "whole number",
		SpeakerField(1): "Ana is already listed above", SpeakerField(2): "Choose a speaker from the list",
		RoleField(3): "speaker, moderator or chair",
	} {
		if !strings.Contains(errs.Get(field), want) {
			t.Errorf("%s: %q, want %q", field, errs.Get(field), want)
		}
	}
	_, errs = SessionForm{Title: "T", Kind: model.KindBreak, Day: "2027-03-15", Start: "nine", End: "25:00"}.Validate(testConf, nil, nil, nil)
	if errs.Get(FieldStart) == "" || errs.Get(FieldEnd) == "" {
		t.Errorf("bad times accepted: %v", errs)
	}
}

func TestFieldOfPutsSpeakerClashesOnTheirRow(t *testing.T) {
	f := SessionForm{Speakers: []SpeakerRow{{SpeakerID: "10"}, {SpeakerID: "11"}}}
	if got := f.FieldOf(Problem{Field: FieldSpeakers, SpeakerID: 11}); got != "speaker_1" {
		t.Errorf("FieldOf = %q, want speaker_1", got)
	}
	if got := f.FieldOf(Problem{Field: FieldRoom}); got != FieldRoom {
		t.Errorf("FieldOf = %q", got)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Prevention": "prevention", "Child protection & care": "child-protection-care",
		"  Protección—Víctimas  ": "proteccion-victimas", "2027 Plenary": "2027-plenary", "¡¿": "",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
