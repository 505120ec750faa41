package web_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"confdesk/internal/config"
	"confdesk/internal/country"
	"confdesk/internal/i18n"
	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/web"
	"confdesk/internal/webtest"
)

// The pseudo-language test: every public page and every e-mail, rendered
// in i18n.Pseudo (?lang=en-XA), where each catalogue message comes out
// wrapped in ⟦ ⟧. Visible text outside the marks is text that escaped the
// catalogues — a hard-coded English word — unless it is the conference's
// own content or a person's data (a value stored in the database), a
// country name (CLDR data), an element marked as another language, or
// digits, punctuation, an e-mail address or a URL.

// pseudoLang is the pseudo-language's code, as ?lang= names it.
var pseudoLang = i18n.Pseudo.Code

// pseudoUnmarked is one visible text outside the marks, and where it stands.
type pseudoUnmarked struct {
	where string // "text", "<title>", "aria-label", …
	text  string
}

func (u pseudoUnmarked) String() string { return fmt.Sprintf("%s %q", u.where, u.text) }

// pseudoExempt says which unmarked texts are not the site's own words.
type pseudoExempt struct {
	values []string // whitespace-collapsed, longest first
	whole  map[string]bool
}

// newPseudoExempt collects every text stored in the database: every TEXT
// column of every table, found through sqlite_master and PRAGMA
// table_info so that a new table is covered without a change here. Two
// tables are left out because the application writes English prose into
// them itself: the outbox (e-mails as composed) and the audit log. Country
// names are added, the table's and CLDR's: they come from that data, not
// the catalogues. extra
// are other values the test itself supplied (an organiser's reason).
func newPseudoExempt(t *testing.T, env *webtest.Env, extra ...string) *pseudoExempt {
	t.Helper()
	db := env.DB.Read
	var tables []string
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		if name != "outbox" && name != "audit_log" {
			tables = append(tables, name)
		}
	}
	rows.Close()
	seen := map[string]bool{}
	add := func(v string) {
		v = pseudoCollapse(v)
		if pseudoHasLetter(v) && !pseudoCodeRe.MatchString(v) {
			seen[v] = true
		}
	}
	for _, table := range tables {
		var cols []string
		info, err := db.Query(`SELECT name, type FROM pragma_table_info(?)`, table)
		if err != nil {
			t.Fatal(err)
		}
		for info.Next() {
			var name, typ string
			if err := info.Scan(&name, &typ); err != nil {
				t.Fatal(err)
			}
			if typ == "" || strings.Contains(strings.ToUpper(typ), "TEXT") {
				cols = append(cols, `"`+name+`"`)
			}
		}
		info.Close()
		if len(cols) == 0 {
			continue
		}
		vals, err := db.Query(`SELECT ` + strings.Join(cols, ", ") + ` FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		for vals.Next() {
			row := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range row {
				ptrs[i] = &row[i]
			}
			if err := vals.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range row {
				switch v := v.(type) {
				case string:
					add(v)
				case []byte:
					add(string(v))
				}
			}
		}
		vals.Close()
	}
	for _, c := range country.All() {
		add(c.Name)
		if r, err := language.ParseRegion(c.Code); err == nil {
			for _, tag := range []language.Tag{language.English, i18n.Pseudo.Tag} {
				add(display.Regions(tag).Name(r))
			}
		}
	}
	for _, v := range extra {
		add(v)
	}
	e := &pseudoExempt{whole: seen}
	for v := range seen {
		e.values = append(e.values, v)
	}
	sort.Slice(e.values, func(i, j int) bool {
		if len(e.values[i]) != len(e.values[j]) {
			return len(e.values[i]) > len(e.values[j])
		}
		return e.values[i] < e.values[j]
	})
	return e
}

var (
	pseudoEmailRe = regexp.MustCompile(`[^\s<>()"]+@[^\s<>()"]+\.[A-Za-z]{2,}`)
	pseudoURLRe   = regexp.MustCompile(`(?:^|[\s(])(?:https?://|mailto:|tel:|/)[^\s<>"]*[A-Za-z0-9/]`)
	// pseudoCodeRe matches a stored value that is a code, not words for people
	// ("confirmed", "government", "plenary", "replaced"): a page must put
	// it into words through the catalogue, so it exempts nothing.
	pseudoCodeRe = regexp.MustCompile(`^[a-z0-9_-]+$`)
)

// leftover is what of s remains the site's own unmarked words: nothing
// when s is (part of) one stored value; else s without the e-mail
// addresses, URLs and stored values (as whole words) it holds.
func (e *pseudoExempt) leftover(s string) string {
	s = pseudoCollapse(s)
	if !pseudoHasLetter(s) || e.whole[s] {
		return ""
	}
	for _, v := range e.values {
		if strings.Contains(v, s) {
			return ""
		}
	}
	for _, v := range e.values {
		s = pseudoRemoveWords(s, v)
	}
	s = pseudoEmailRe.ReplaceAllString(s, " ")
	s = pseudoURLRe.ReplaceAllString(s, " ")
	s = pseudoCollapse(s)
	if !pseudoHasLetter(s) {
		return ""
	}
	return s
}

// pseudoRemoveWords removes each occurrence of v in s that stands as whole
// words: "Jamaica" goes from "Kingston, Jamaica" but "en" stays in "Sent".
func pseudoRemoveWords(s, v string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, v)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(v)
		if pseudoBoundary(s, i, end) {
			b.WriteString(s[:i])
			b.WriteByte(' ')
		} else {
			b.WriteString(s[:end])
		}
		s = s[end:]
	}
}

func pseudoBoundary(s string, i, end int) bool {
	before, after := ' ', ' '
	if i > 0 {
		before = pseudoLastRune(s[:i])
	}
	if end < len(s) {
		after = []rune(s[end:])[0]
	}
	return !pseudoWordRune(before) && !pseudoWordRune(after)
}

func pseudoLastRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}

func pseudoWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func pseudoHasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

func pseudoCollapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// pseudoMarks follows the ⟦ ⟧ of a stream of texts in document order: a
// message holding a link is split over several nodes, and a message may
// hold another (a date inside a sentence).
type pseudoMarks struct{ depth int }

// outside returns the parts of s outside every mark, each a separate
// string, and moves the depth past s.
func (m *pseudoMarks) outside(s string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == '⟦':
			flush()
			m.depth++
		case r == '⟧':
			if m.depth > 0 {
				m.depth--
			}
		case m.depth == 0:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

// pseudoCheckedAttrs are the attributes whose text people see or hear.
var pseudoCheckedAttrs = []string{"aria-label", "title", "alt", "placeholder"}

// pseudoCheckHTML walks an HTML document (a page or an e-mail) and returns
// each visible text outside the marks that e does not exempt: text nodes
// but those of script and style, the <title>, the attributes people see
// or hear, and the value of a submit or button input. Elements whose lang
// differs from the document's are another language's (the switcher's
// language names, content in English standing in for a translation) and
// are passed by.
func pseudoCheckHTML(body string, e *pseudoExempt) ([]pseudoUnmarked, error) {
	doc, err := html.ParseWithOptions(strings.NewReader(body), html.ParseOptionEnableScripting(false))
	if err != nil {
		return nil, err
	}
	pageLang := pseudoLangOf(doc)

	var found []pseudoUnmarked
	report := func(where, s string) {
		if left := e.leftover(s); left != "" {
			found = append(found, pseudoUnmarked{where, left})
		}
	}
	text := &pseudoMarks{}
	var walk func(n *html.Node, foreign bool, where string)
	walk = func(n *html.Node, foreign bool, where string) {
		switch n.Type {
		case html.TextNode:
			for _, s := range text.outside(n.Data) {
				if !foreign {
					report(where, s)
				}
			}
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Template:
				return
			case atom.Title:
				where = "<title>"
			}
			if lang, ok := pseudoAttrOK(n, "lang"); ok && n.DataAtom != atom.Html && lang != pageLang {
				foreign = true
			}
			if !foreign {
				for _, a := range pseudoCheckedAttrs {
					if v, ok := pseudoAttrOK(n, a); ok {
						for _, s := range (&pseudoMarks{}).outside(v) {
							report(a+" of <"+n.Data+">", s)
						}
					}
				}
				if n.DataAtom == atom.Input {
					switch strings.ToLower(pseudoAttr(n, "type")) {
					case "submit", "button", "reset":
						for _, s := range (&pseudoMarks{}).outside(pseudoAttr(n, "value")) {
							report("value of <input type="+pseudoAttr(n, "type")+">", s)
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, foreign, where)
		}
	}
	walk(doc, false, "text")
	return found, nil
}

// pseudoCheckText is pseudoCheckHTML for plain text (an e-mail's text body,
// its subject): the marks are followed through the whole text, and each
// paragraph's text outside them is checked, its lines joined again where
// the message was wrapped.
func pseudoCheckText(where, body string, e *pseudoExempt) []pseudoUnmarked {
	var found []pseudoUnmarked
	m := &pseudoMarks{}
	for _, para := range regexp.MustCompile(`\n\s*\n`).Split(body, -1) {
		for _, s := range m.outside(strings.ReplaceAll(para, "\n", " ")) {
			if left := e.leftover(s); left != "" {
				found = append(found, pseudoUnmarked{where, left})
			}
		}
	}
	return found
}

// pseudoLangOf is the lang attribute of the document's <html>.
func pseudoLangOf(doc *html.Node) string {
	for n := doc.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.DataAtom == atom.Html {
			return pseudoAttr(n, "lang")
		}
	}
	return ""
}

// pseudoHTMLLang is the lang attribute of body's <html>.
func pseudoHTMLLang(body string) string {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return ""
	}
	return pseudoLangOf(doc)
}

// pseudoPostTooLarge posts to path a body one byte over web.BodyLimit, over an
// in-memory connection as a browser would (app.Test refuses to send it),
// with the lang cookie, and returns the status and the page.
func pseudoPostTooLarge(t *testing.T, env *webtest.Env, path string, lang *http.Cookie) (int, string) {
	t.Helper()
	server, client := net.Pipe()
	served := make(chan error, 1)
	go func() { served <- env.App.Server().ServeConn(server) }()
	defer func() {
		client.Close()
		<-served
	}()
	client.SetDeadline(time.Now().Add(time.Minute))
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: confdesk.test\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n", path, web.BodyLimit+1)
	if lang != nil {
		head += "Cookie: " + lang.Name + "=" + lang.Value + "\r\n"
	}
	go client.Write([]byte(head + "\r\nx"))
	res, err := http.ReadResponse(bufio.NewReader(client), nil)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func pseudoAttr(n *html.Node, name string) string {
	v, _ := pseudoAttrOK(n, name)
	return v
}

func pseudoAttrOK(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// pseudoPage is one response rendered in the pseudo-language.
type pseudoPage struct {
	name   string
	status int
	body   string
}

// pseudoVisitor is a visitor who chose the pseudo-language, and the pages it saw.
type pseudoVisitor struct {
	t     *testing.T
	env   *webtest.Env
	c     *webtest.Client
	pages []pseudoPage
}

func newPseudoVisitor(t *testing.T, env *webtest.Env) *pseudoVisitor {
	return &pseudoVisitor{t: t, env: env, c: env.Client()}
}

// pseudoURL is path asking for the pseudo-language.
func pseudoURL(path string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "lang=" + pseudoLang
}

// keep records res as the page name, which should have answered want.
func (v *pseudoVisitor) keep(name string, res *webtest.Response, want int) *webtest.Response {
	v.t.Helper()
	if res.StatusCode != want {
		v.t.Errorf("%s: status %d, want %d", name, res.StatusCode, want)
	}
	if ct := res.Header.Get("Content-Type"); strings.HasPrefix(ct, "text/html") {
		// A token differs in every run; the list of pages should not.
		name = pseudoTokenRe.ReplaceAllString(name, "{token}")
		v.pages = append(v.pages, pseudoPage{name, res.StatusCode, res.Body})
	}
	return res
}

// get opens path in the pseudo-language (?lang= also sets the cookie
// that later requests follow).
func (v *pseudoVisitor) get(path string, want int) *webtest.Response {
	v.t.Helper()
	return v.keep("GET "+path, v.c.Get(pseudoURL(path)), want)
}

// submit fills the form posting to action on formPage with values and
// sends it; a redirect is followed and that page kept too.
func (v *pseudoVisitor) submit(name, formPage, action string, values url.Values, want int) *webtest.Response {
	v.t.Helper()
	res := v.c.Submit(pseudoURL(formPage), action, values)
	if res.StatusCode == http.StatusSeeOther && want == http.StatusSeeOther {
		loc := res.Header.Get("Location")
		v.keep(name+" → GET "+loc, v.c.Get(loc), http.StatusOK)
		return res
	}
	return v.keep(name, res, want)
}

// label adds a word on the last page kept to its name.
func (v *pseudoVisitor) label(s string) {
	v.pages[len(v.pages)-1].name += " (" + s + ")"
}

// pseudoTokenRe matches the secret of a personal or e-mailed link.
var pseudoTokenRe = regexp.MustCompile(`[A-Za-z0-9_-]{43}`)

// pseudoMailedPath is the path of the first link to the site in the newest
// message of kind to address.
func pseudoMailedPath(t *testing.T, env *webtest.Env, kind, address, prefix string) string {
	t.Helper()
	bodies := mailTo(t, env, kind, address)
	if len(bodies) == 0 {
		t.Fatalf("no %s message to %s", kind, address)
	}
	m := regexp.MustCompile(`http://confdesk\.test(` + prefix + pseudoTokenRe.String() + `)`).FindStringSubmatch(bodies[len(bodies)-1])
	if m == nil {
		t.Fatalf("no %s link in the %s message", prefix, kind)
	}
	return m[1]
}

// pseudoVisitEveryPage walks the public site in the pseudo-language, as
// visitors do: reading, registering (well and badly), using the personal
// links, finding a lost registration, and reaching the error pages.
func pseudoVisitEveryPage(t *testing.T, env *webtest.Env) []pseudoPage {
	v := newPseudoVisitor(t, env)
	var sessionID int64
	var slug string
	db := env.DB.Read
	if err := db.QueryRow(`SELECT id FROM sessions WHERE published = 1 ORDER BY id LIMIT 1`).Scan(&sessionID); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT slug FROM press_releases WHERE published = 1 ORDER BY id LIMIT 1`).Scan(&slug); err != nil {
		t.Fatal(err)
	}

	// Reading.
	v.get("/", http.StatusOK)
	v.get("/agenda", http.StatusOK)
	v.get("/agenda?day=1", http.StatusOK)
	v.get("/agenda?day=2&track=protection", http.StatusOK)
	v.get("/agenda?track=no-such-track", http.StatusOK)
	v.get(fmt.Sprintf("/agenda/%d", sessionID), http.StatusOK)
	v.get("/privacy", http.StatusOK)
	v.get("/press", http.StatusOK)
	v.get("/press/releases/"+slug, http.StatusOK)

	// The forms, empty, sent badly and sent well.
	v.get("/register", http.StatusOK)
	v.get("/press/accreditation", http.StatusOK)
	v.submit("POST /register (invalid)", "/register", "/register",
		url.Values{"email": {"not-an-address"}, "visa_letter": {"yes"}}, http.StatusUnprocessableEntity)
	v.submit("POST /press/accreditation (invalid)", "/press/accreditation", "/press/accreditation",
		url.Values{"email": {"not-an-address"}}, http.StatusUnprocessableEntity)
	v.get("/register/sent", http.StatusOK)
	v.get("/press/accreditation/sent", http.StatusOK)
	res := v.submit("POST /register", "/register", "/register", withVisa(validForm("pseudo@example.org")), http.StatusSeeOther)
	self, _, _ := strings.Cut(res.Header.Get("Location"), "?")
	if !strings.HasPrefix(self, "/registration/") {
		t.Fatalf("registering led to %q", res.Header.Get("Location"))
	}
	v.submit("POST /press/accreditation", "/press/accreditation", "/press/accreditation", pseudoPressForm("press@example.org"), http.StatusSeeOther)
	// The same address again: the link is sent again, the page says so.
	v.submit("POST /register (known address)", "/register", "/register", validForm("pseudo@example.org"), http.StatusSeeOther)
	self = mailedManageLink(t, env, mail.KindLink, "pseudo@example.org")

	// The personal pages.
	v.get(self, http.StatusOK)
	v.get(self+"/edit", http.StatusOK)
	v.get(self+"/cancel", http.StatusOK)
	v.get(self+"/agenda", http.StatusOK)
	v.submit("POST "+self+"/edit (invalid)", self+"/edit", self+"/edit", url.Values{"first_name": {""}, "email": {"bad"}}, http.StatusUnprocessableEntity)
	edited := webtest.FormValues(t, v.c.Get(pseudoURL(self+"/edit")), self+"/edit")
	edited.Set("job_title", "Senior Analyst")
	v.submit("POST "+self+"/edit", self+"/edit", self+"/edit", edited, http.StatusSeeOther)
	agenda := webtest.FormValues(t, v.c.Get(pseudoURL(self+"/agenda")), self+"/agenda")
	v.submit("POST "+self+"/agenda", self+"/agenda", self+"/agenda", agenda, http.StatusSeeOther)
	// A sponsored participant's travel page, empty, sent badly and sent well.
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET sponsorship = 'granted' WHERE email = 'pseudo@example.org'`); err != nil {
		t.Fatal(err)
	}
	setConference(t, env, `hotel_name = 'Hotel Biscayne', hotel_address = '1 Biscayne Blvd'`)
	v.get(self+"/travel", http.StatusOK)
	v.submit("POST "+self+"/travel (invalid)", self+"/travel", self+"/travel", url.Values{"arrival_time": {"25:00"},
		"arrival_flight": {"x"}, "check_in": {"2020-01-01"}, "check_out": {"2020-01-02"}}, http.StatusUnprocessableEntity)
	v.submit("POST "+self+"/travel", self+"/travel", self+"/travel", itineraryForm(), http.StatusSeeOther)

	// A focal point's nomination page and a nominee's form (issue 16).
	org := env.Login(model.UserOrganiser)
	setQuota(t, env, org, "JM", 1)
	nom := addFocalPoint(t, env, org, "JM", "focal@example.org", "en")
	v.get(nom, http.StatusOK)
	v.submit("POST "+nom+"/nominees (invalid)", nom, nom+"/nominees", url.Values{"email": {"bad"}}, http.StatusUnprocessableEntity)
	v.submit("POST "+nom+"/nominees", nom, nom+"/nominees", nomineeForm("Ana", "nominee@example.org"), http.StatusSeeOther)
	v.submit("POST "+nom+"/nominees (quota used up)", nom, nom+"/nominees", nomineeForm("Bea", "second@example.org"), http.StatusConflict)
	nominee := pseudoMailedPath(t, env, mail.KindNomination, "nominee@example.org", "/nominee/")
	v.get(nominee, http.StatusOK)
	v.submit("POST "+nominee+" (invalid)", nominee, nominee, url.Values{"first_name": {""}}, http.StatusUnprocessableEntity)
	v.submit("POST "+nominee, nominee, nominee, validForm("nominee@example.org"), http.StatusSeeOther)
	v.get(nominee, http.StatusOK)
	v.label("used already")
	v.get(nom, http.StatusOK)
	v.label("a nominee registered")

	// Finding a lost registration, and the sign-in link it mails.
	v.get("/registration/lost", http.StatusOK)
	v.submit("POST /registration/lost (invalid)", "/registration/lost", "/registration/lost", url.Values{"email": {"nope"}}, http.StatusUnprocessableEntity)
	v.submit("POST /registration/lost", "/registration/lost", "/registration/lost", url.Values{"email": {"pseudo@example.org"}}, http.StatusSeeOther)
	signIn := pseudoMailedPath(t, env, mail.KindFindLink, "pseudo@example.org", "/confirm/")
	v.get(signIn, http.StatusOK)
	v.label("sign-in link")
	v.submit("POST "+signIn, signIn, signIn, nil, http.StatusSeeOther)
	v.get(signIn, http.StatusGone)
	v.label("used already")
	v.get(self, http.StatusGone)
	v.label("replaced by a newer link")
	v.get("/registration/no-such-link", http.StatusNotFound)
	v.get("/confirm/no-such-link", http.StatusNotFound)
	v.get("/no-such-page", http.StatusNotFound)

	// Registering with the address to confirm first, then cancelling.
	setConference(t, env, `confirm_email = 1`)
	v.submit("POST /register (to confirm)", "/register", "/register", validForm("confirm@example.org"), http.StatusSeeOther)
	confirm := pseudoMailedPath(t, env, mail.KindConfirmEmail, "confirm@example.org", "/confirm/")
	v.get(confirm, http.StatusOK)
	v.label("address to confirm")
	res = v.submit("POST "+confirm, confirm, confirm, nil, http.StatusSeeOther)
	setConference(t, env, `confirm_email = 0`)
	other, _, _ := strings.Cut(res.Header.Get("Location"), "?")
	if strings.HasPrefix(other, "/registration/") {
		v.submit("POST "+other+"/cancel", other+"/cancel", other+"/cancel", nil, http.StatusSeeOther)
	} else {
		t.Errorf("confirming led to %q, not a personal page", other)
	}

	// A body too large for any form: the 413 page, answered from the headers.
	status, body := pseudoPostTooLarge(t, env, "/register", v.c.Cookie("lang"))
	if status != http.StatusRequestEntityTooLarge {
		t.Errorf("POST /register with %d bytes: status %d, want 413", web.BodyLimit+1, status)
	}
	v.pages = append(v.pages, pseudoPage{"POST /register (body too large)", status, body})

	// Registration by nomination: the page standing for the form, a post
	// refused, the home page's call.
	setConference(t, env, `registration_mode = 'invitation'`)
	v.get("/register", http.StatusOK)
	v.label("by nomination")
	v.keep("POST /register (by nomination)", v.c.PostForm("/register", validForm("uninvited@example.org")), http.StatusForbidden)
	v.get("/", http.StatusOK)
	v.label("by nomination")
	setConference(t, env, `registration_mode = 'open'`)

	// A focal point's nomination letters: the page, a letter received, one refused.
	fp, letters := newFocalPoint(t, env, "JM", "focal-pseudo@example.org")
	newNomination(t, env, fp, "JM", "Marcia", "Grant", "marcia-pseudo@example.org")
	v.get(letters, http.StatusOK)
	if res := uploadLetter(t, v.c, letters, url.Values{"covers": {"delegation"}}, "note.pdf", samplePDF(100)); res.StatusCode != http.StatusSeeOther {
		t.Errorf("uploading a letter: %d", res.StatusCode)
	}
	v.get(letters+"?uploaded=1", http.StatusOK)
	v.keep("POST "+letters+" (not a PDF)", uploadLetter(t, v.c, letters, url.Values{"covers": {"nominee"}}, "note.png", []byte("not a letter")),
		http.StatusUnprocessableEntity)

	// Before the window opens and after it closes.
	env.Clock.Set(env.Conference.RegistrationOpens.Add(-time.Hour))
	v.get("/register", http.StatusOK)
	v.label("not open yet")
	env.Clock.Set(env.Conference.RegistrationCloses.Add(time.Minute))
	v.get("/register", http.StatusOK)
	v.label("closed")
	v.get("/", http.StatusOK)
	v.label("closed")
	env.Clock.Set(webtest.DefaultNow)
	return v.pages
}

// TestPseudoLanguagePages renders every public page in the
// pseudo-language and fails on each visible text that escaped the
// catalogues, naming the page and the text.
func TestPseudoLanguagePages(t *testing.T) {
	env := webtest.New(t, webtest.WithPseudoLanguage())
	pages := pseudoVisitEveryPage(t, env)

	// A second site with the registration limit on, for the 429 page.
	limited := webtest.New(t, webtest.WithPseudoLanguage(), webtest.WithConfig(func(c *config.Config) { c.RegisterLimit = 1 }))
	lv := newPseudoVisitor(t, limited)
	lv.submit("POST /register", "/register", "/register", validForm("first@example.org"), http.StatusSeeOther)
	lv.submit("POST /register (over the limit)", "/register", "/register", validForm("second@example.org"), http.StatusTooManyRequests)
	limitedPages := lv.pages[len(lv.pages)-1:]

	pseudoReport(t, []pseudoSite{{env, pages}, {limited, limitedPages}})
}

// pseudoSite is one application and the pages seen on it.
type pseudoSite struct {
	env   *webtest.Env
	pages []pseudoPage
}

// pseudoReport checks each page of each site, and fails with one list:
// per page, the count and each unmarked text.
func pseudoReport(t *testing.T, sites []pseudoSite) {
	t.Helper()
	var b, summary strings.Builder
	total, bad, pages := 0, 0, 0
	for _, site := range sites {
		pages += len(site.pages)
		ex := newPseudoExempt(t, site.env)
		for _, p := range site.pages {
			if lang := pseudoHTMLLang(p.body); lang != pseudoLang {
				t.Errorf("%s: <html lang=%q>, want %q: the page is not in the pseudo-language", p.name, lang, pseudoLang)
			}
			found, err := pseudoCheckHTML(p.body, ex)
			if err != nil {
				t.Errorf("%s: %v", p.name, err)
				continue
			}
			found = pseudoDedupe(found)
			if len(found) == 0 {
				continue
			}
			bad++
			total += len(found)
			fmt.Fprintf(&summary, "%4d  %s (status %d)\n", len(found), p.name, p.status)
			fmt.Fprintf(&b, "\n%s (status %d): %d unmarked\n", p.name, p.status, len(found))
			for _, u := range found {
				fmt.Fprintf(&b, "\t%s\n", u)
			}
		}
	}
	if total > 0 {
		t.Errorf("%d texts on %d of %d pages are not catalogue messages (a text counts once a page):\n%s%s", total, bad, pages, summary.String(), b.String())
	}
}

func pseudoDedupe(us []pseudoUnmarked) []pseudoUnmarked {
	seen := map[pseudoUnmarked]bool{}
	var out []pseudoUnmarked
	for _, u := range us {
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out
}

// TestPseudoLanguageMails composes every kind of e-mail in the
// pseudo-language, for a participant and for a journalist, and fails on
// each text of the subject, the plain text or the HTML that escaped the
// catalogues.
func TestPseudoLanguageMails(t *testing.T) {
	env := webtest.New(t, webtest.WithPseudoLanguage())
	mustRegister(t, env, withVisa(validForm("mail@example.org")))
	press := env.Client().Submit("/press/accreditation", "/press/accreditation", pseudoPressForm("journalist@example.org"))
	if press.StatusCode != http.StatusSeeOther {
		t.Fatalf("press accreditation: %d\n%s", press.StatusCode, press.Doc().Find("main").Text())
	}
	var titles []string
	rows, err := env.DB.Read.Query(`SELECT title FROM sessions WHERE published = 1 ORDER BY id LIMIT 2`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		titles = append(titles, s)
	}
	rows.Close()
	const reason = "Accreditation is limited to working journalists."
	ex := newPseudoExempt(t, env, reason)

	var b strings.Builder
	total := 0
	for _, address := range []string{"mail@example.org", "journalist@example.org"} {
		var ref string
		if err := env.DB.Read.QueryRow(`SELECT reference FROM registrations WHERE email = ?`, address).Scan(&ref); err != nil {
			t.Fatal(err)
		}
		reg, err := env.Store.RegistrationByReference(context.Background(), env.Conference.ID, ref)
		if err != nil {
			t.Fatal(err)
		}
		for _, kind := range mail.Kinds {
			d := mail.Data{Conference: env.Conference, Registration: reg,
				ManageURL: "http://confdesk.test/registration/" + strings.Repeat("A", 43), WaitlistPosition: 3,
				Reason: reason, NewEmail: "new@example.org", LostSessions: titles, SiteURL: "http://confdesk.test",
				Itinerary: &model.Itinerary{ArrivalAt: "2027-03-14T16:45", ArrivalFlight: "AA1234", ArrivalAirport: "MIA",
					DepartureAt: "2027-03-18T11:05", DepartureAirport: "FLL", CheckIn: "2027-03-14", CheckOut: "2027-03-18", Transfer: true},
				Travel: model.TravelSettings{HotelName: reason, HotelAddress: reason}}
			d.Lang = i18n.Pseudo
			msg, err := mail.Compose(kind, d)
			if err != nil {
				t.Errorf("compose %s for %s: %v", kind, reg.Category, err)
				continue
			}
			found := pseudoCheckText("subject", msg.Subject, ex)
			found = append(found, pseudoCheckText("text", msg.BodyText, ex)...)
			inHTML, err := pseudoCheckHTML(msg.BodyHTML, ex)
			if err != nil {
				t.Errorf("compose %s: HTML: %v", kind, err)
			}
			for _, u := range inHTML {
				u.where = "HTML " + u.where
				found = append(found, u)
			}
			found = pseudoDedupe(found)
			if len(found) == 0 {
				continue
			}
			total += len(found)
			fmt.Fprintf(&b, "\n%s e-mail, %s registration: %d unmarked\n", kind, reg.Category, len(found))
			for _, u := range found {
				fmt.Fprintf(&b, "\t%s\n", u)
			}
		}
	}
	if total > 0 {
		t.Errorf("%d texts in e-mails are not catalogue messages:%s", total, b.String())
	}
}

// pseudoPressForm is a complete press accreditation request.
func pseudoPressForm(email string) url.Values {
	return url.Values{"first_name": {"Marisol"}, "last_name": {"Baptiste"}, "email": {email}, "country": {"HT"},
		"organisation": {"Le Nouvelliste"}, "outlet": {"Le Nouvelliste"}, "media_type": {"print"},
		"job_title": {"Correspondent"}, "consent": {"yes"}}
}

// The checker itself: marks followed across nodes and nested, each kind
// of exemption, and each place an unmarked text can hide.
func TestPseudoCheckerFindsWhatItShould(t *testing.T) {
	ex := &pseudoExempt{whole: map[string]bool{"Caribbean Counter-Trafficking Conference": true, "Jamaica": true},
		values: []string{"Caribbean Counter-Trafficking Conference", "Jamaica"}}
	page := func(body string) string {
		return `<!DOCTYPE html><html lang="en-XA"><head><title>⟦Home⟧</title></head><body>` + body + `</body></html>`
	}
	for _, c := range []struct {
		body string
		want []string
	}{
		{`<p>⟦Read the <a href="/privacy">privacy notice</a> first.⟧</p>`, nil},
		{`<p>⟦On ⟦15 ⟦March⟧ 2027⟧ at 09:30⟧</p>`, nil},
		{`<h1>Caribbean Counter-Trafficking Conference</h1><p>Counter-Trafficking</p>`, nil},
		{`<p>⟦Country⟧: Jamaica, 12 · 3</p><p>write to info@example.org or https://example.org/x</p>`, []string{"write to or"}},
		{`<ul><li lang="es">Español</li><li lang="en">English original</li></ul>`, nil},
		{`<script>var english = "yes";</script><style>p::after{content:"x"}</style>`, nil},
		{`<p>Register now ⟦Home⟧</p>`, []string{"Register now"}},
		{`<p>⟦Home⟧ and</p>`, []string{"and"}},
		{`<a aria-label="Close" title="⟦Help⟧" href="/">⟦x⟧</a><img alt="Logo" src="/l.png">`, []string{"Close", "Logo"}},
		{`<input placeholder="Type here"><input type="submit" value="Send"><input type="hidden" value="secret">`, []string{"Type here", "Send"}},
		{`<p>Jamaican</p>`, []string{"Jamaican"}},
	} {
		found, err := pseudoCheckHTML(page(c.body), ex)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range found {
			got = append(got, u.text)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s\n\tfound %q, want %q", c.body, got, c.want)
		}
	}
	found, _ := pseudoCheckHTML(`<html lang="en-XA"><head><title>Check your e-mail</title></head><body></body></html>`, ex)
	if len(found) != 1 || found[0].where != "<title>" {
		t.Errorf("an unmarked <title>: found %v", found)
	}
	if got := pseudoCheckText("text", "⟦Dear ⟦Name⟧,\n\nsee you⟧\n\nCaribbean Counter-Trafficking\nConference\n\nThe team\n", ex); len(got) != 1 || got[0].text != "The team" {
		t.Errorf("plain text: found %v, want only %q", got, "The team")
	}
}

// A page known to be all catalogue messages passes: the 404 page, whose
// layout and sentences the foundation translated. A hard-coded word put
// into it is found.
func TestPseudoCheckerPassesA404Page(t *testing.T) {
	env := webtest.New(t, webtest.WithPseudoLanguage())
	res := env.Get(pseudoURL("/no-such-page"))
	if res.StatusCode != http.StatusNotFound {
		t.Fatalf("status %d", res.StatusCode)
	}
	if lang := pseudoHTMLLang(res.Body); lang != pseudoLang {
		t.Fatalf("<html lang=%q>: the server did not offer the pseudo-language", lang)
	}
	ex := newPseudoExempt(t, env)
	found, err := pseudoCheckHTML(res.Body, ex)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) > 0 {
		t.Errorf("the 404 page has unmarked text: %v", found)
	}
	planted := strings.Replace(res.Body, "</main>", "<p>Page not found</p></main>", 1)
	if found, _ := pseudoCheckHTML(planted, ex); len(found) != 1 || found[0].text != "Page not found" {
		t.Errorf("a hard-coded sentence planted in the page: found %v", found)
	}
	// Without the option the server does not speak the pseudo-language.
	plain := webtest.New(t)
	if lang := plain.Get(pseudoURL("/no-such-page")).Doc().Find("html").AttrOr("lang", ""); lang != "en" {
		t.Errorf("a server built without PseudoLanguage answers ?lang=%s with lang=%q", pseudoLang, lang)
	}
}
