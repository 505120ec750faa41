package agenda

import (
	"strings"
	"testing"
	"time"

	"confdesk/internal/model"
)

var testConf = model.Conference{ID: 1, TimeZone: "America/New_York", StartDate: "2027-03-15", EndDate: "2027-03-17"}

// at is an instant on a date at hh:mm in the conference's zone.
func at(date, hhmm string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", date+" "+hhmm, testConf.Location())
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func people(ps ...model.SessionSpeaker) []model.SessionSpeaker { return ps }

var (
	ana   = model.SessionSpeaker{Speaker: model.Speaker{ID: 10, Name: "Ana Lucía Céspedes Ortiz"}, Role: model.RoleSpeaker}
	kwame = model.SessionSpeaker{Speaker: model.Speaker{ID: 11, Name: "Kwame Thompson"}, Role: model.RoleChair}
)

var testRooms = map[int64]model.Room{
	1: {ID: 1, Name: "Biscayne Ballroom", Capacity: 150},
	2: {ID: 2, Name: "Brickell Room", Capacity: 40},
	3: {ID: 3, Name: "Coral Room", Capacity: 0}, // seats not known
}

// agendaFixture is the agenda the new sessions are checked against.
var agendaFixture = []model.Session{
	{ID: 1, Title: "Opening plenary", RoomID: 1, StartsAt: at("2027-03-15", "09:00"), EndsAt: at("2027-03-15", "10:30"), Speakers: people(ana)},
	{ID: 2, Title: "Workshop: recognising deceptive recruitment", RoomID: 2, StartsAt: at("2027-03-15", "11:00"), EndsAt: at("2027-03-15", "12:30"), Speakers: people(kwame)},
	{ID: 3, Title: "Coffee break", StartsAt: at("2027-03-15", "10:30"), EndsAt: at("2027-03-15", "11:00")},
}

func TestCheck(t *testing.T) {
	type want struct {
		field    string
		blocking bool
		contains []string
		speaker  int64
		other    int64
	}
	cases := []struct {
		name string
		s    model.Session
		want []want
	}{
		{
			name: "free slot",
			s:    model.Session{RoomID: 1, StartsAt: at("2027-03-15", "13:30"), EndsAt: at("2027-03-15", "15:00")},
		},
		{
			name: "touching end to start in the same room is no clash",
			s:    model.Session{RoomID: 1, StartsAt: at("2027-03-15", "10:30"), EndsAt: at("2027-03-15", "11:00")},
		},
		{
			name: "touching start to end in the same room is no clash",
			s:    model.Session{RoomID: 2, StartsAt: at("2027-03-15", "12:30"), EndsAt: at("2027-03-15", "13:30")},
		},
		{
			name: "the same time in another room is no clash",
			s:    model.Session{RoomID: 3, StartsAt: at("2027-03-15", "09:00"), EndsAt: at("2027-03-15", "10:30")},
		},
		{
			name: "the same time and room on another day is no clash",
			s:    model.Session{RoomID: 1, StartsAt: at("2027-03-16", "09:00"), EndsAt: at("2027-03-16", "10:30")},
		},
		{
			name: "room taken by an overlapping session",
			s:    model.Session{RoomID: 1, StartsAt: at("2027-03-15", "10:00"), EndsAt: at("2027-03-15", "11:00")},
			want: []want{{field: FieldRoom, blocking: true, other: 1,
				contains: []string{"Biscayne Ballroom", "09:00", "10:30", "“Opening plenary”"}}},
		},
		{
			name: "room taken by a session that encloses it",
			s:    model.Session{RoomID: 2, StartsAt: at("2027-03-15", "11:30"), EndsAt: at("2027-03-15", "12:00")},
			want: []want{{field: FieldRoom, blocking: true, other: 2, contains: []string{"Brickell Room", "Workshop: recognising"}}},
		},
		{
			name: "sessions without a room never clash over one",
			s:    model.Session{Title: "Lunch", StartsAt: at("2027-03-15", "10:00"), EndsAt: at("2027-03-15", "11:00")},
		},
		{
			name: "speaker elsewhere at that time",
			s: model.Session{RoomID: 3, StartsAt: at("2027-03-15", "11:30"), EndsAt: at("2027-03-15", "12:00"),
				Speakers: people(ana, kwame)},
			want: []want{{field: FieldSpeakers, blocking: true, speaker: 11, other: 2,
				contains: []string{"Kwame Thompson", "“Workshop: recognising deceptive recruitment”", "in Brickell Room", "11:00", "12:30"}}},
		},
		{
			name: "speaker in the next session right after is no clash",
			s: model.Session{RoomID: 3, StartsAt: at("2027-03-15", "10:30"), EndsAt: at("2027-03-15", "11:00"),
				Speakers: people(ana)},
		},
		{
			name: "room and speaker clash both reported",
			s: model.Session{RoomID: 1, StartsAt: at("2027-03-15", "09:30"), EndsAt: at("2027-03-15", "10:00"),
				Speakers: people(ana)},
			want: []want{
				{field: FieldRoom, blocking: true, other: 1},
				{field: FieldSpeakers, blocking: true, speaker: 10, other: 1, contains: []string{"Ana Lucía Céspedes Ortiz"}},
			},
		},
		{
			name: "a session does not clash with itself when edited",
			s: model.Session{ID: 1, Title: "Opening plenary", RoomID: 1, StartsAt: at("2027-03-15", "09:00"),
				EndsAt: at("2027-03-15", "10:45"), Speakers: people(ana)},
		},
		{
			name: "end before start",
			s:    model.Session{RoomID: 1, StartsAt: at("2027-03-15", "10:00"), EndsAt: at("2027-03-15", "09:00")},
			want: []want{{field: FieldEnd, blocking: true, contains: []string{"after it starts (10:00)"}}},
		},
		{
			name: "end equal to start",
			s:    model.Session{RoomID: 3, StartsAt: at("2027-03-15", "14:00"), EndsAt: at("2027-03-15", "14:00")},
			want: []want{{field: FieldEnd, blocking: true}},
		},
		{
			name: "the day after the conference",
			s:    model.Session{StartsAt: at("2027-03-18", "09:00"), EndsAt: at("2027-03-18", "10:00")},
			want: []want{{field: FieldDay, blocking: true, contains: []string{"15–17 March 2027"}}},
		},
		{
			name: "the evening before the conference",
			s:    model.Session{StartsAt: at("2027-03-14", "23:00"), EndsAt: at("2027-03-14", "23:30")},
			want: []want{{field: FieldDay, blocking: true}},
		},
		{
			name: "the last minutes of the last day are inside",
			s:    model.Session{StartsAt: at("2027-03-17", "23:00"), EndsAt: at("2027-03-17", "23:59")},
		},
		{
			name: "capacity above the room's seats is a warning",
			s:    model.Session{RoomID: 2, Capacity: 60, StartsAt: at("2027-03-16", "09:00"), EndsAt: at("2027-03-16", "10:00")},
			want: []want{{field: FieldCapacity, blocking: false, contains: []string{"Brickell Room seats 40", "60"}}},
		},
		{
			name: "capacity equal to the seats is fine",
			s:    model.Session{RoomID: 2, Capacity: 40, StartsAt: at("2027-03-16", "09:00"), EndsAt: at("2027-03-16", "10:00")},
		},
		{
			name: "a room whose seats are not known gives no warning",
			s:    model.Session{RoomID: 3, Capacity: 500, StartsAt: at("2027-03-16", "09:00"), EndsAt: at("2027-03-16", "10:00")},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Check(tc.s, agendaFixture, testRooms, testConf)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d problems, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				p := got[i]
				if p.Field != w.field || p.Blocking != w.blocking || p.SpeakerID != w.speaker || p.OtherID != w.other {
					t.Errorf("problem %d: %+v, want field %s blocking %v speaker %d other %d", i, p, w.field, w.blocking, w.speaker, w.other)
				}
				for _, c := range w.contains {
					if !strings.Contains(p.Message, c) {
						t.Errorf("problem %d: %q lacks %q", i, p.Message, c)
					}
				}
			}
		})
	}
}

func TestClashesMarksBothSessions(t *testing.T) {
	sessions := append([]model.Session{}, agendaFixture...)
	sessions = append(sessions, model.Session{ID: 9, Title: "Double-booked panel", RoomID: 1,
		StartsAt: at("2027-03-15", "10:00"), EndsAt: at("2027-03-15", "11:00"), Speakers: people(kwame)})
	got := Clashes(sessions, testRooms, testConf)
	if len(got) != 2 || len(got[1]) != 1 || len(got[9]) != 1 {
		t.Fatalf("clashes %+v, want sessions 1 and 9 once each", got)
	}
	if got[1][0].OtherID != 9 || got[9][0].OtherID != 1 {
		t.Errorf("each should name the other: %+v", got)
	}
	if _, ok := got[2]; ok {
		t.Error("the workshop in another room is marked")
	}
	// Warnings are not clashes.
	sessions[1].Capacity = 100
	if got := Clashes(sessions, testRooms, testConf); len(got[2]) != 0 {
		t.Errorf("a capacity warning is listed as a clash: %+v", got[2])
	}
}
