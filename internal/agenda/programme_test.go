package agenda

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

func session(id int64, date, from, to string) model.Session {
	return model.Session{ID: id, Title: "S" + date + from, StartsAt: at(date, from), EndsAt: at(date, to), Published: true}
}

func TestProgrammeDays(t *testing.T) {
	p := Programme{Conference: testConf, Sessions: []model.Session{
		session(1, "2027-03-15", "09:00", "10:00"),
		session(2, "2027-03-15", "23:30", "23:59"),
		session(3, "2027-03-17", "09:00", "10:00"),
		session(4, "2027-03-19", "09:00", "10:00"), // after the conference's dates moved
	}}
	days := p.Days()
	var got []string
	for _, d := range days {
		got = append(got, d.Date.Format("2006-01-02")+":"+strconv.Itoa(d.Number)+":"+strconv.Itoa(len(d.Sessions)))
	}
	if strings.Join(got, " ") != "2027-03-15:1:2 2027-03-16:2:0 2027-03-17:3:1 2027-03-19:4:1" {
		t.Errorf("days %v", got)
	}
	if days[0].Date.Location().String() != "America/New_York" || days[0].Date.Hour() != 0 {
		t.Errorf("a day is not midnight in Miami: %v", days[0].Date)
	}
}

func TestNowNextAndMoments(t *testing.T) {
	ss := []model.Session{
		session(1, "2027-03-15", "09:00", "10:30"),
		session(2, "2027-03-15", "10:30", "11:00"),
		session(3, "2027-03-15", "11:00", "12:30"),
		session(4, "2027-03-15", "11:00", "12:00"),
	}
	ids := func(ss []model.Session) string {
		var out []string
		for _, s := range ss {
			out = append(out, strconv.Itoa(int(s.ID)))
		}
		return strings.Join(out, ",")
	}
	cases := []struct {
		at        string
		now, next string
	}{
		{"08:00", "", "1"},
		{"09:00", "1", "2"},
		{"10:29", "1", "2"},
		{"10:30", "2", "3,4"},
		{"11:00", "3,4", ""},
		{"12:00", "3", ""},
		{"12:30", "", ""},
	}
	for _, tc := range cases {
		now, next := NowNext(ss, at("2027-03-15", tc.at))
		if ids(now) != tc.now || ids(next) != tc.next {
			t.Errorf("%s: now %s next %s, want %s and %s", tc.at, ids(now), ids(next), tc.now, tc.next)
		}
	}
	var ms []string
	for _, m := range Moments(ss) {
		ms = append(ms, m.In(testConf.Location()).Format("15:04"))
	}
	if strings.Join(ms, " ") != "09:00 10:30 11:00 12:00 12:30" {
		t.Errorf("moments %v", ms)
	}
	// Between two moments, what NowNext returns does not change.
	m := Moments(ss)
	for i := 0; i+1 < len(m); i++ {
		n1, x1 := NowNext(ss, m[i])
		n2, x2 := NowNext(ss, m[i+1].Add(-time.Second))
		if ids(n1) != ids(n2) || ids(x1) != ids(x2) {
			t.Errorf("now/next changes between %v and %v", m[i], m[i+1])
		}
	}
}

func TestSessionUUID(t *testing.T) {
	// Reference values from Python's uuid.uuid5(uuid.NAMESPACE_URL, url).
	cases := map[string]string{
		"http://confdesk.test|1":      "fef81d47-86b3-5869-9639-f0902ddbcf72",
		"https://ctc.example.org|42":  "791bee16-e584-5f41-bbb0-2607b7d09015",
		"https://ctc.example.org/|42": "791bee16-e584-5f41-bbb0-2607b7d09015", // a trailing slash changes nothing
	}
	for in, want := range cases {
		base, id, _ := strings.Cut(in, "|")
		n, _ := strconv.ParseInt(id, 10, 64)
		if got := (Programme{BaseURL: base}).SessionUUID(n); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}

func TestSpeakerLine(t *testing.T) {
	sp := model.SessionSpeaker{Speaker: model.Speaker{Name: "Désirée Baptiste", Title: "National Coordinator",
		Organisation: "National Committee against Trafficking in Persons", Country: "HT"}, Role: model.RoleChair}
	if got := SpeakerLine(i18n.English, sp); got != "Désirée Baptiste (chair), National Coordinator, National Committee against Trafficking in Persons, Haiti" {
		t.Errorf("SpeakerLine = %q", got)
	}
	// In French: the role and the country in French, the rest as the speaker gave it.
	if got := SpeakerLine(i18n.Lookup("fr"), sp); got != "Désirée Baptiste (présidence), National Coordinator, National Committee against Trafficking in Persons, Haïti" {
		t.Errorf("SpeakerLine in French = %q", got)
	}
}
