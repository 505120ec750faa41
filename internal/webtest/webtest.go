// Package webtest builds the real application on a fresh SQLite file for
// tests: the same migrations, the demo conference, an injected clock, and a
// client with a cookie jar that can fill forms the way a browser does.
//
//	env := webtest.New(t)
//	page := env.Client().Get("/register")
//	res := env.Client().Submit("/register", "/register", url.Values{...})
package webtest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gofiber/fiber/v2"
	"golang.org/x/crypto/bcrypt"

	"confdesk/internal/config"
	"confdesk/internal/database"
	"confdesk/internal/demo"
	"confdesk/internal/metrics"
	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/internal/web"
)

// DefaultNow is the tests' "now": about two months before DefaultStart, with
// registration open.
var DefaultNow = time.Date(2027, 1, 15, 15, 0, 0, 0, time.UTC)

// DefaultStart is the first day of the test conference (three days, America/New_York).
const DefaultStart = "2027-03-15"

// Clock is a settable clock for tests.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

// Env is one application on its own database.
type Env struct {
	T      testing.TB
	Config config.Config
	DB     *database.DB
	Store  *store.Store
	Clock  *Clock
	Server *web.Server
	App    *fiber.App
	// Conference is the seeded conference.
	Conference model.Conference
	// Metrics counts the requests when WithMetrics is given, else nil.
	Metrics *metrics.Metrics
}

// Option changes the environment before the app is built.
type Option func(*options)

type options struct {
	cfg          config.Config
	demo         demo.Options
	log          io.Writer
	confirmEmail bool
	require2FA   bool
	seed2FA      bool
	pseudo       bool
	metrics      bool
	jsonLog      bool
}

// WithConfig edits the configuration.
func WithConfig(f func(*config.Config)) Option { return func(o *options) { f(&o.cfg) } }

// WithLog sends every line the app logs, requests included, to w as well
// as warnings and errors to the test log.
func WithLog(w io.Writer) Option { return func(o *options) { o.log = w } }

// WithConfirmEmail turns the conference's confirm_email setting on. The
// harness turns it off otherwise, in the empty conference too: most tests
// register through the form and expect the registration at once, as
// organisers registering a trusted list do. Tests of the confirmation flow
// ask for it.
func WithConfirmEmail() Option { return func(o *options) { o.confirmEmail = true } }

// WithRequire2FA turns the conference's require_2fa setting on. The
// harness turns it off otherwise, in the empty conference too (where it
// starts on): Login signs in through the password form alone, as every
// test of another feature expects, rather than enrol each admin and
// organiser in 2FA first. Tests of two-factor login ask for it.
func WithRequire2FA() Option { return func(o *options) { o.require2FA = true } }

// WithSeedDefaults leaves require_2fa as the seed set it, for tests of
// the seed's defaults.
func WithSeedDefaults() Option { return func(o *options) { o.seed2FA = true } }

// WithPseudoLanguage offers the test-only language i18n.Pseudo as
// ?lang=en-XA (web.Options.PseudoLanguage), for the test that finds text
// which escaped the catalogues.
func WithPseudoLanguage() Option { return func(o *options) { o.pseudo = true } }

// WithoutDemo seeds an empty conference instead of the Miami one.
// WithMetrics counts the requests in Env.Metrics, as --metrics-addr does.
func WithMetrics() Option { return func(o *options) { o.metrics = true } }

// WithJSONLog writes every log line at Info and above to w as JSON, as
// --log-format json does.
func WithJSONLog(w io.Writer) Option {
	return func(o *options) { o.log, o.jsonLog = w, true }
}

func WithoutDemo() Option { return func(o *options) { o.demo.Demo = false } }

// checkWaitlistLengths fails t when the waiting-list lengths kept by
// triggers (migration 0002) differ from a count of the list: every test
// that changes registrations, by any path, checks the triggers.
func checkWaitlistLengths(t testing.TB, db *database.DB) {
	t.Helper()
	if db.Ping(context.Background()) != nil {
		return // closed by the test on purpose
	}
	var wrong int
	err := db.Read.QueryRow(`SELECT count(*) FROM conference c
		LEFT JOIN waitlist_lengths l ON l.conference_id = c.id
		WHERE coalesce(l.waitlisted, 0) <> (SELECT count(*) FROM registrations r WHERE r.conference_id = c.id AND r.status = 'waitlisted')`).Scan(&wrong)
	if err != nil || wrong > 0 {
		t.Errorf("waitlist_lengths disagrees with the registrations in %d conferences (%v)", wrong, err)
	}
}

// New builds the application on a new database in t.TempDir().
func New(t testing.TB, opts ...Option) *Env {
	t.Helper()
	o := options{cfg: config.Default, demo: demo.Options{Demo: true, Start: DefaultStart, Now: DefaultNow}}
	o.cfg.DBPath = filepath.Join(t.TempDir(), "confdesk.db")
	o.cfg.BaseURL = "http://confdesk.test"
	o.cfg.RegisterLimit = 0
	for _, opt := range opts {
		opt(&o)
	}
	ctx := context.Background()
	db, err := database.Open(o.cfg.DBPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		checkWaitlistLengths(t, db)
		db.Close()
	})
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	st := store.New(db)
	if _, err := demo.EnsureConference(ctx, st, o.demo); err != nil {
		t.Fatal(err)
	}
	conf, err := st.CurrentConference(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if conf.ConfirmEmail != o.confirmEmail {
		conf.ConfirmEmail = o.confirmEmail
		if err := st.Update(ctx, func(tx *store.Tx) error { return tx.UpdateConference(conf, conf.UpdatedAt) }); err != nil {
			t.Fatal(err)
		}
	}
	if !o.seed2FA {
		if err := st.Update(ctx, func(tx *store.Tx) error { return tx.SetRequire2FA(conf.ID, o.require2FA) }); err != nil {
			t.Fatal(err)
		}
	}
	clock := &Clock{t: DefaultNow}
	logger := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if o.log != nil {
		logger = slog.New(slog.NewTextHandler(io.MultiWriter(o.log, testWriter{t}), &slog.HandlerOptions{Level: slog.LevelInfo}))
		if o.jsonLog {
			logger = slog.New(slog.NewJSONHandler(io.MultiWriter(o.log, testWriter{t}), &slog.HandlerOptions{Level: slog.LevelInfo}))
		}
	}
	wo := web.Options{Config: o.cfg, Store: st, Logger: logger, Now: clock.Now, PseudoLanguage: o.pseudo}
	var m *metrics.Metrics
	if o.metrics {
		m = metrics.New(db)
		wo.Metrics = m
	}
	srv, err := web.New(wo)
	if err != nil {
		t.Fatal(err)
	}
	return &Env{T: t, Config: o.cfg, DB: db, Store: st, Clock: clock, Server: srv, App: srv.App(), Conference: conf, Metrics: m}
}

// testWriter sends the app's warnings and errors to the test log.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// Response is a finished request with its body read.
type Response struct {
	*http.Response
	Body string
	t    testing.TB
}

// Doc parses the body as HTML.
func (r *Response) Doc() *goquery.Document {
	r.t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(r.Body))
	if err != nil {
		r.t.Fatalf("parse HTML: %v", err)
	}
	return doc
}

// Do sends req through the app (no network) and reads the whole response.
func (e *Env) Do(req *http.Request) *Response {
	e.T.Helper()
	res, err := e.App.Test(req, -1)
	if err != nil {
		e.T.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		e.T.Fatalf("%s %s: read body: %v", req.Method, req.URL, err)
	}
	return &Response{Response: res, Body: string(body), t: e.T}
}

// Get requests path without cookies.
func (e *Env) Get(path string) *Response {
	e.T.Helper()
	return e.Do(httptest.NewRequest(http.MethodGet, path, nil))
}

// Client is a visitor with a cookie jar.
type Client struct {
	env     *Env
	cookies map[string]*http.Cookie
	// Header is added to every request (e.g. X-Forwarded-For, Accept).
	Header http.Header
}

// Client returns a new visitor with no cookies.
func (e *Env) Client() *Client {
	return &Client{env: e, cookies: map[string]*http.Cookie{}, Header: http.Header{}}
}

// Do sends req with the jar's cookies and keeps the cookies the response sets.
func (c *Client) Do(req *http.Request) *Response {
	c.env.T.Helper()
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	for k, vs := range c.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	res := c.env.Do(req)
	for _, ck := range res.Cookies() {
		if ck.MaxAge < 0 || ck.Value == "" || (!ck.Expires.IsZero() && ck.Expires.Before(time.Now())) {
			delete(c.cookies, ck.Name)
			continue
		}
		c.cookies[ck.Name] = ck
	}
	return res
}

// Cookie returns the jar's cookie of that name, or nil.
func (c *Client) Cookie(name string) *http.Cookie { return c.cookies[name] }

// Cookies returns every cookie in the jar.
func (c *Client) Cookies() []*http.Cookie {
	out := make([]*http.Cookie, 0, len(c.cookies))
	for _, ck := range c.cookies {
		out = append(out, ck)
	}
	return out
}

// SetCookie puts ck in the jar, replacing one of the same name.
func (c *Client) SetCookie(ck *http.Cookie) { c.cookies[ck.Name] = ck }

// Get requests path.
func (c *Client) Get(path string) *Response {
	c.env.T.Helper()
	return c.Do(httptest.NewRequest(http.MethodGet, path, nil))
}

// PostForm posts form to path as application/x-www-form-urlencoded, as is:
// no token is added.
func (c *Client) PostForm(path string, form url.Values) *Response {
	c.env.T.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.Do(req)
}

// Submit does what a browser does with a form: it GETs formPage, takes the
// _csrf token from the form whose action is action, and POSTs values with
// it, together with the form's other hidden inputs (such as an edit form's
// version) that values does not set.
func (c *Client) Submit(formPage, action string, values url.Values) *Response {
	c.env.T.Helper()
	page := c.Get(formPage)
	if page.StatusCode != http.StatusOK {
		c.env.T.Fatalf("GET %s: status %d", formPage, page.StatusCode)
	}
	token := FormToken(c.env.T, page, action)
	form := url.Values{}
	page.Doc().Find("form").EachWithBreak(func(_ int, f *goquery.Selection) bool {
		if a, _ := f.Attr("action"); a != action {
			return true
		}
		f.Find(`input[type="hidden"][name]`).Each(func(_ int, in *goquery.Selection) {
			name, _ := in.Attr("name")
			v, _ := in.Attr("value")
			form.Set(name, v)
		})
		return false
	})
	for k, v := range values {
		form[k] = v
	}
	form.Set("_csrf", token)
	return c.PostForm(action, form)
}

// FormToken returns the _csrf value of the form posting to action on page
// (of the first form with a token when action is "").
func FormToken(t testing.TB, page *Response, action string) string {
	t.Helper()
	var token string
	page.Doc().Find("form").EachWithBreak(func(_ int, f *goquery.Selection) bool {
		if a, _ := f.Attr("action"); a == action || action == "" {
			token, _ = f.Find(`input[name="_csrf"]`).Attr("value")
			return false
		}
		return true
	})
	if token == "" {
		t.Fatalf("no form with action %q and a _csrf field on the page", action)
	}
	return token
}

// TestPassword is the password of the accounts CreateUser makes.
const TestPassword = "correct horse battery staple"

// testPasswordHash is computed once per test binary, at bcrypt's lowest
// cost: logging in checks a hash at the cost it was made with, so test
// logins stay fast. The passwords the app itself hashes in a test binary
// use that cost too (auth.hashCost); the real server's use cost 12.
var testPasswordHash = sync.OnceValue(func() string {
	h, err := bcrypt.GenerateFromPassword([]byte(TestPassword), bcrypt.MinCost)
	if err != nil {
		panic(err)
	}
	return string(h)
})

// CreateUser adds an active account with role, e-mail ROLE@example.org (or
// the given e-mail) and TestPassword.
func (e *Env) CreateUser(role string, email ...string) model.User {
	e.T.Helper()
	u := model.User{Email: role + "@example.org", Name: "Test " + role, Role: role, PasswordHash: testPasswordHash(),
		Active: true, CreatedAt: e.Clock.Now()}
	if len(email) > 0 {
		u.Email = email[0]
	}
	err := e.Store.Update(context.Background(), func(tx *store.Tx) error {
		var err error
		u.ID, err = tx.CreateUser(u)
		return err
	})
	if err != nil {
		e.T.Fatal(err)
	}
	return u
}

// Login returns a client signed in as a new account with role, through the login form.
func (e *Env) Login(role string) *Client {
	e.T.Helper()
	u := e.CreateUser(role)
	c := e.Client()
	res := c.Submit("/admin/login", "/admin/login", url.Values{"email": {u.Email}, "password": {TestPassword}})
	if res.StatusCode != http.StatusSeeOther {
		e.T.Fatalf("login as %s: status %d", role, res.StatusCode)
	}
	return c
}

// AdminToken returns the CSRF token of a signed-in client, read from a console page.
func (c *Client) AdminToken() string {
	c.env.T.Helper()
	page := c.Get("/admin/account")
	var token string
	page.Doc().Find(`input[name="_csrf"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		token, _ = s.Attr("value")
		return token == ""
	})
	if token == "" {
		c.env.T.Fatalf("no form token on /admin/account (status %d)", page.StatusCode)
	}
	return token
}

// PostAdmin posts form to a console path with the client's form token added.
func (c *Client) PostAdmin(path string, form url.Values) *Response {
	c.env.T.Helper()
	f := url.Values{}
	for k, v := range form {
		f[k] = v
	}
	f.Set("_csrf", c.AdminToken())
	return c.PostForm(path, f)
}

// FormValues returns what a browser would send for the form posting to
// action on page, untouched: inputs with their values, ticked boxes, the
// selected options and textareas.
func FormValues(t testing.TB, page *Response, action string) url.Values {
	t.Helper()
	vals := url.Values{}
	found := false
	page.Doc().Find("form").EachWithBreak(func(_ int, f *goquery.Selection) bool {
		if a, _ := f.Attr("action"); a != action {
			return true
		}
		found = true
		f.Find("input[name]").Each(func(_ int, in *goquery.Selection) {
			name, _ := in.Attr("name")
			typ, _ := in.Attr("type")
			v, _ := in.Attr("value")
			switch typ {
			case "checkbox", "radio":
				if _, on := in.Attr("checked"); on {
					vals.Add(name, v)
				}
			case "submit", "button", "file":
			default:
				vals.Add(name, v)
			}
		})
		f.Find("textarea[name]").Each(func(_ int, ta *goquery.Selection) {
			name, _ := ta.Attr("name")
			vals.Add(name, ta.Text())
		})
		f.Find("select[name]").Each(func(_ int, sel *goquery.Selection) {
			name, _ := sel.Attr("name")
			v, _ := sel.Find("option[selected]").Attr("value")
			vals.Add(name, v)
		})
		return false
	})
	if !found {
		t.Fatalf("no form with action %q on the page", action)
	}
	return vals
}
