package web_test

import (
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"confdesk/internal/auth"
	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// attackFixture is the demo conference with one of everything the routes
// take as a parameter: a registration and its self-service token, a press
// file, a check-in, a mail in the outbox; and a signed-in client per role.
type attackFixture struct {
	env     *webtest.Env
	clients map[string]*webtest.Client
	rules   map[string][]string // "METHOD /path" → roles, for console routes
	regPath string              // /registration/TOKEN
	slug    string              // a published press release
	fileID  int64
	// sessionDoc is a public document of the first session.
	sessionDoc int64

	// nominatePath and nomineePath are a focal point's nomination page and
	// their nominee's registration link (not used yet): /nominate/TOKEN,
	// /nominee/TOKEN.
	nominatePath, nomineePath string
	// lettersPath is a focal point's /nominate/TOKEN/documents, with a letter uploaded.
	lettersPath string
	// verifyCode is an issued visa letter's verification code, which /verify/:code takes.
	verifyCode string
}

func newAttackFixture(t *testing.T, opts ...webtest.Option) *attackFixture {
	t.Helper()
	env := webtest.New(t, opts...)
	fx := &attackFixture{env: env, clients: map[string]*webtest.Client{}, rules: map[string][]string{},
		slug: "conference-opens-in-miami"}
	for _, role := range model.UserRoles {
		fx.clients[role] = env.Login(role)
	}
	for _, r := range env.Server.AdminRoutes() {
		fx.rules[r.Method+" "+r.Path] = r.Roles
	}
	fx.regPath = mustRegister(t, env, validForm("attack@example.org"))
	// Sponsored, so that its travel form answers (to no one else).
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET sponsorship = 'granted' WHERE email = 'attack@example.org'`); err != nil {
		t.Fatal(err)
	}
	res := pressUpload(t, fx.clients[model.UserPressOfficer], "/admin/press/files", map[string][]string{
		"title": {"Opening plenary"}, "caption": {"Delegates"}, "credit": {"IOM"}, "published": {"on"}},
		"plenary.jpg", pressJPEG(t))
	fx.fileID = pressIDFrom(t, res, "/admin/press/files/")
	// A public document of the first session, which the routes under
	// /agenda/sessions/:id/documents/:docid and /registration/:token/documents/:docid take.
	fx.sessionDoc = attachDocument(t, env, fx.clients[model.UserOrganiser], fx.firstID("sessions"),
		url.Values{"document_title": {"Concept note"}, "document_language": {"en"}, "document_visibility": {"public"}}, "note.pdf", samplePDF(100))
	_, fx.lettersPath = newFocalPoint(t, env, "JM", "focal@mfa.gov.jm")
	if res := uploadLetter(t, env.Client(), fx.lettersPath, nil, "note.pdf", samplePDF(100)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("nomination letter: %d", res.StatusCode)
	}
	r := registered(t, env, "checked-in@example.org")
	scan(t, fx.clients[model.UserCheckin], r.CheckinCode, 0)
	// A focal point and their nominee, whose links the routes under
	// /nominate/:token and /nominee/:token take.
	fx.nominatePath = addFocalPoint(t, env, fx.clients[model.UserOrganiser], "JM", "attack-focal@example.org", "en")
	fx.nomineePath = mustNominate(t, env, env.Client(), fx.nominatePath, nomineeForm("Attack", "attack-nominee@example.org"))
	// An approved visa letter, downloaded once so that it has a code.
	_, _, fx.verifyCode = approvedVisa(t, env, "attack-visa@example.org")
	// A scheduled announcement, which the cancel route takes.
	if _, err := env.DB.Write.Exec(`INSERT INTO announcements (conference_id, idempotency_key, subject, body, created_at, send_at, state)
		VALUES (?, 'attack', 'Bus times', 'Dear {{first_name}}', '2027-01-01T00:00:00.000000Z', '2027-03-01T00:00:00.000000Z', 'scheduled')`, env.Conference.ID); err != nil {
		t.Fatal(err)
	}
	return fx
}

// client returns a signed-in client allowed on a console route, or a new
// anonymous visitor for a public one.
func (fx *attackFixture) client(method, pattern string) *webtest.Client {
	roles, ok := fx.rules[method+" "+pattern]
	if !ok {
		return fx.env.Client()
	}
	for _, role := range model.UserRoles {
		if auth.Allowed(role, roles) {
			return fx.clients[role]
		}
	}
	fx.env.T.Fatalf("%s %s: no role is allowed", method, pattern)
	return nil
}

// firstID is the smallest id of a table (a name from the test).
func (fx *attackFixture) firstID(table string) string {
	fx.env.T.Helper()
	var id sql.NullInt64
	if err := fx.env.DB.Read.QueryRow(`SELECT min(id) FROM ` + table).Scan(&id); err != nil {
		fx.env.T.Fatal(err)
	}
	if !id.Valid {
		fx.env.T.Fatalf("no row in %s", table)
	}
	return strconv.FormatInt(id.Int64, 10)
}

// idTables names the table whose ids a route's ":id" takes, by path prefix.
var idTables = []struct{ prefix, table string }{
	{"/admin/agenda/rooms/", "rooms"},
	{"/admin/announcements/", "announcements"},
	{"/admin/agenda/sessions/", "sessions"},
	{"/admin/agenda/speakers/", "speakers"},
	{"/admin/agenda/tracks/", "tracks"},
	{"/admin/checkin/", "checkins"},
	{"/admin/delegations/focal-points/", "focal_points"},
	{"/nominate/", "nominations"},
	{"/admin/delegations/documents/", "nomination_documents"},
	{"/admin/outbox/", "outbox"},
	{"/admin/press/accreditations/", "registrations"},
	{"/admin/press/contacts/", "media_contacts"},
	{"/admin/press/files/", "press_files"},
	{"/press/files/", "press_files"},
	{"/admin/press/releases/", "press_releases"},
	{"/admin/registrations/", "registrations"},
	{"/admin/users/", "users"},
	{"/agenda/", "sessions"},
}

var routeParam = regexp.MustCompile(`:[a-z_]+\??`)

// fill replaces a route pattern's parameters with real values.
func (fx *attackFixture) fill(pattern string) string {
	fx.env.T.Helper()
	if pattern == "/assets/*" {
		return "/assets/css/app.css"
	}
	return routeParam.ReplaceAllStringFunc(pattern, func(p string) string {
		switch p {
		case ":token":
			switch {
			case strings.HasPrefix(pattern, "/nominate/"):
				return strings.TrimPrefix(fx.nominatePath, "/nominate/")
			case strings.HasPrefix(pattern, "/nominee/"):
				return strings.TrimPrefix(fx.nomineePath, "/nominee/")
			}
			return strings.TrimPrefix(fx.regPath, "/registration/")
		case ":docid": // a session's document: the first session's
			return strconv.FormatInt(fx.sessionDoc, 10)
		case ":slug":
			return fx.slug
		case ":code": // /verify/:code
			return fx.verifyCode
		case ":kind": // a document picture (settings.ImageKinds)
			return "signature"
		case ":id":
			for _, it := range idTables {
				if strings.HasPrefix(pattern, it.prefix) {
					return fx.firstID(it.table)
				}
			}
		}
		fx.env.T.Fatalf("%s: no value for %s", pattern, p)
		return ""
	})
}

// routes lists the app's routes of a method, sorted.
func (fx *attackFixture) routes(method string) []string {
	var out []string
	for _, r := range fx.env.App.GetRoutes(true) {
		if r.Method == method && !slices.Contains(out, r.Path) {
			out = append(out, r.Path)
		}
	}
	slices.Sort(out)
	return out
}

// dbFingerprint dumps every row of every table but the web sessions
// (visiting a page may start one) and the download counts: any change an
// attack made shows as a difference.
func dbFingerprint(t *testing.T, env *webtest.Env) map[string]string {
	t.Helper()
	return fingerprint(t, env, "web_sessions", "downloads")
}

// fingerprint dumps every row of every table but those named in except.
func fingerprint(t *testing.T, env *webtest.Env, except ...string) map[string]string {
	t.Helper()
	rows, err := env.DB.Read.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(except, n) {
			tables = append(tables, n)
		}
	}
	rows.Close()
	out := map[string]string{}
	for _, table := range tables {
		rs, err := env.DB.Read.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rs.Columns()
		var b strings.Builder
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%q\n", vals)
		}
		rs.Close()
		out[table] = b.String()
	}
	return out
}

// sameDB reports every table that differs between two fingerprints.
func sameDB(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	for table, rows := range before {
		if after[table] != rows {
			t.Errorf("%s: table %s changed", what, table)
		}
	}
	if len(after) != len(before) {
		t.Errorf("%s: %d tables, was %d", what, len(after), len(before))
	}
}

func statusOK(res *webtest.Response) bool { return res.StatusCode < http.StatusInternalServerError }
