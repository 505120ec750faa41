package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// sqlPayloads are the characters that break a query built by hand.
var sqlPayloads = []string{`'`, `"`, `%`, `_`, `\`, `; DROP TABLE registrations; --`, `1 OR 1=1`, `)`,
	`' OR '1'='1`, `1); DELETE FROM users; --`, "\x00", `%00`, `-1`, `99999999999999999999`}

// sqlSharpest are the payloads tried in each parameter alone.
var sqlSharpest = []string{`'`, `; DROP TABLE registrations; --`, "\x00"}

// queryParams are every query parameter a GET route reads, and a few more.
var queryParams = []string{"q", "status", "country", "org_type", "category", "sort", "page", "by", "day", "track",
	"layout", "session", "state", "entity", "actor", "from", "to", "unprinted", "code", "result", "out", "r", "c", "v",
	"next", "id", "order", "dir", "limit", "offset"}

// tableCounts counts the rows of the main tables.
func tableCounts(t *testing.T, env *webtest.Env) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"conference", "users", "registrations", "tracks", "rooms", "speakers", "sessions",
		"session_speakers", "session_signups", "checkins", "press_releases", "press_files", "media_contacts", "outbox", "audit_log"} {
		out[table] = count(t, env, `SELECT count(*) FROM `+table)
	}
	return out
}

// TestAttackSQLMetacharacters sends SQL metacharacters in every query
// parameter of every GET route, and in every path parameter: never a 5xx,
// every table intact.
func TestAttackSQLMetacharacters(t *testing.T) {
	t.Parallel()
	fx := newAttackFixture(t)
	env := fx.env
	before := tableCounts(t, env)
	payloads := sqlPayloads
	if testing.Short() {
		payloads = sqlSharpest // every route still, with the sharpest values; make test sends them all
	}
	for _, pattern := range fx.routes(http.MethodGet) {
		cl := fx.client(http.MethodGet, pattern)
		path := fx.fill(pattern)
		for _, p := range payloads {
			q := url.Values{}
			for _, name := range queryParams {
				q.Set(name, p)
			}
			if res := cl.Get(path + "?" + q.Encode()); !statusOK(res) {
				t.Errorf("%s with every parameter %q: %d", pattern, p, res.StatusCode)
			}
			// Each parameter alone, so that one refused value does not hide
			// another; with the sharpest payloads, and not on the slow PDFs.
			if !slices.Contains(sqlSharpest, p) || strings.HasSuffix(pattern, ".pdf") || strings.HasSuffix(pattern, ".zip") {
				continue
			}
			for _, name := range queryParams {
				if res := cl.Get(path + "?" + url.Values{name: {p}}.Encode()); !statusOK(res) {
					t.Errorf("%s?%s=%q: %d", pattern, name, p, res.StatusCode)
				}
			}
		}
		if !strings.Contains(pattern, ":") {
			continue
		}
		for _, p := range payloads {
			// In the path: an id, a slug or a token that is none.
			bad := routeParam.ReplaceAllString(pattern, url.PathEscape(p))
			res := cl.Get(bad)
			if !statusOK(res) || res.StatusCode == http.StatusOK {
				t.Errorf("%s as %q: %d, want a 4xx", pattern, bad, res.StatusCode)
			}
		}
	}
	if after := tableCounts(t, env); !mapsEqual(before, after) {
		t.Errorf("row counts changed:\nbefore %v\nafter  %v", before, after)
	}
}

// TestAttackSortAndFilterWhitelists: a filter or sort the console does not
// know lists the same rows as without it, or none; never other rows.
func TestAttackSortAndFilterWhitelists(t *testing.T) {
	env := webtest.New(t)
	seed(t, env, person{Last: "Alpha", Country: "TT"}, person{Last: "Bravo", Country: "JM", Status: model.StatusPending},
		person{Last: "Charlie", Country: "BS", Category: model.CategoryPress, Status: model.StatusWaitlisted})
	cl := env.Login(model.UserOrganiser)
	base := rowRefs(mustGet(t, cl, "/admin/registrations").Doc())
	if len(base) < 3 {
		t.Fatalf("baseline lists %d rows", len(base))
	}
	for _, name := range []string{"q", "status", "country", "org_type", "category", "sort", "page", "unprinted"} {
		for _, p := range sqlPayloads {
			res := cl.Get("/admin/registrations?" + url.Values{name: {p}}.Encode())
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s=%q: %d", name, p, res.StatusCode)
				continue
			}
			got := rowRefs(res.Doc())
			if len(got) != 0 && !slices.Equal(got, base) {
				t.Errorf("%s=%q lists %v, want %v or nothing", name, p, got, base)
			}
		}
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
