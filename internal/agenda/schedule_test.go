package agenda

import (
	"regexp"
	"strings"
	"testing"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

// The patterns the schemas hold acronyms and event slugs to: the JSON
// Schema's acronym, the XSD's acronym and voc-slug-new, the JSON Schema's slug.
var (
	jsonAcronym = regexp.MustCompile(`^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$`)
	xsdAcronym  = regexp.MustCompile(`^[a-z0-9_-]{4,}$`)
	xsdSlug     = regexp.MustCompile(`^[a-z0-9_]{4,}-[a-z0-9\-_]{4,}$`)
	jsonSlug    = regexp.MustCompile(`^[a-z0-9_-]+[a-z0-9]$`)
)

func TestAcronym(t *testing.T) {
	for _, tc := range []struct{ short, slug, start, want string }{
		{"CTC Miami", "ctc-miami", "2027-03-15", "ctc_miami"},
		{"CT", "ct", "2027-03-15", "ct_2027"},
		{"C3", "", "2026-12-27", "c3_2026"},
		{"Protección Niñez", "", "2027-01-01", "proteccion_ninez"},
		{"Åbo", "", "2027-01-01", "abo_2027"},
		{"  ¡Sí!  ", "", "2027-01-01", "si_2027"},
		{"", "forum-regional", "2027-01-01", "forum_regional"},
		{"会议", "wm-2027", "2027-05-01", "wm_2027"},
		{"会议", "", "2027-05-01", "conf2027"},
		{"X", "", "", "x___"},
		{"ctc-miami-21", "", "2027-03-15", "ctc_miami_21"},
		{strings.Repeat("Long name ", 10), "", "2027-01-01", "long_name_long_name_long_name_lo"},
	} {
		c := model.Conference{ShortName: tc.short, Slug: tc.slug, StartDate: tc.start}
		got := Acronym(c)
		if got != tc.want {
			t.Errorf("Acronym(%q, %q) = %q, want %q", tc.short, tc.slug, got, tc.want)
		}
		if !jsonAcronym.MatchString(got) || !xsdAcronym.MatchString(got) {
			t.Errorf("Acronym(%q) = %q: refused by the schemas", tc.short, got)
		}
	}
}

func TestEventSlug(t *testing.T) {
	p := Programme{Conference: model.Conference{ShortName: "CT", StartDate: "2027-03-15"}}
	for _, tc := range []struct {
		id    int64
		title string
		want  string
	}{
		{12, "Opening plenary", "ct_2027-12-opening-plenary"},
		{7, "AI", "ct_2027-7-ai"},
		{7, "A", "ct_2027-7-session-a"},
		{7, "Ñu", "ct_2027-7-nu"},
		{40, "É", "ct_2027-40-e"},
		{3, "—", "ct_2027-3-session"},
		{3, "حلقة نقاش", "ct_2027-3-session"},
		{1234567, strings.Repeat("word ", 30), "ct_2027-1234567-" + strings.TrimSuffix(strings.Repeat("word-", 12), "-")},
	} {
		got := p.EventSlug(model.Session{ID: tc.id, Title: tc.title})
		if got != tc.want {
			t.Errorf("EventSlug(%d, %q) = %q, want %q", tc.id, tc.title, got, tc.want)
		}
		if !xsdSlug.MatchString(got) || !jsonSlug.MatchString(got) {
			t.Errorf("EventSlug(%d, %q) = %q: refused by the schemas", tc.id, tc.title, got)
		}
	}
}

func TestScheduleGUIDs(t *testing.T) {
	p := Programme{BaseURL: "https://ctc.example.org"}
	q := Programme{BaseURL: "https://other.example.org"}
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	a, b := p.PersonUUID(3), p.PersonUUID(4)
	if !uuid.MatchString(a) || a == b || a != p.PersonUUID(3) || a == q.PersonUUID(3) || a == p.SessionUUID(3) {
		t.Errorf("person GUIDs %s %s %s", a, b, q.PersonUUID(3))
	}
	// Version-5 UUIDs as any uuid5 tool makes them (Python's uuid.uuid5(uuid.NAMESPACE_URL, name)).
	if got := p.SessionUUID(1); got != "e7af7277-6122-5c37-a3f6-2eb2842b8f2c" {
		t.Errorf("SessionUUID(1) = %s", got)
	}
	if got := p.PersonUUID(3); got != "73373384-6041-538c-8cab-60ef81f69b55" {
		t.Errorf("PersonUUID(3) = %s", got)
	}
}

func TestAttachments(t *testing.T) {
	p := Programme{BaseURL: "https://ctc.example.org"}
	docs := []model.SessionDocument{
		{ID: 5, SessionID: 9, Title: "Concept note", Visibility: model.DocumentPublic, StoredName: "x.pdf"},
		{ID: 6, SessionID: 9, Title: "Recording", Visibility: model.DocumentPublic, URL: "https://video.example.org/1"},
		{ID: 7, SessionID: 9, Title: "Internal", Visibility: model.DocumentParticipants, StoredName: "y.pdf"},
		{ID: 8, SessionID: 9, Title: "Odd link", Visibility: model.DocumentPublic, URL: "javascript:alert(1)"},
	}
	got := p.Attachments(docs)
	want := []Attachment{{"Concept note", "https://ctc.example.org/agenda/sessions/9/documents/5"},
		{"Recording", "https://video.example.org/1"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Attachments = %+v, want %+v", got, want)
	}
}

// A session's slug is made of its English title in every language.
func TestEventSlugInEveryLanguage(t *testing.T) {
	p := Programme{Conference: model.Conference{ID: 9, ShortName: "CTC Miami", StartDate: "2027-03-15"},
		Sessions: []model.Session{{ID: 3, Title: "Opening"}, {ID: 4, Title: "Closing"}}}
	q := p.In(i18n.Lookup("es"), i18n.Content{{Kind: i18n.KindSession, ID: 3, Name: "title"}: "Apertura"})
	if q.Sessions[0].Title != "Apertura" {
		t.Fatalf("not translated: %+v", q.Sessions[0])
	}
	for i, want := range []string{"ctc_miami-3-opening", "ctc_miami-4-closing"} {
		if got := q.EventSlug(q.Sessions[i]); got != want || p.EventSlug(p.Sessions[i]) != want {
			t.Errorf("slug %q in Spanish, %q in English, want %q", got, p.EventSlug(p.Sessions[i]), want)
		}
	}
}
