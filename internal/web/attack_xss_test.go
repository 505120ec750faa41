package web_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// xssPayloads are hostile values, each with a marker that must reach the
// documents (PDF) as plain text. A line break is refused by every one-line
// field, so it reaches only what text areas feed: not the CSV exports or
// vCards, and fewer PDFs.
var xssPayloads = []struct{ name, value, marker string }{
	{"markup", `<script>alert(1)</script>"><svg onload=alert(1)>{{7*7}};,\`, "alert(1)"},
	{"url", `javascript:alert(1)`, "javascript:alert(1)"},
	{"formula", `=HYPERLINK("http://evil.example","x")`, "HYPERLINK"},
	{"linebreak", "Evil\r\nX-INJECTED:1\r\nATTENDEE:mailto:evil@example.org", "X-INJECTED"},
}

// editorForms are the console's editors: the page holding the form, and where it posts.
var editorForms = []struct{ page, action string }{
	{"/admin/agenda/sessions/:id/edit", "/admin/agenda/sessions/:id"},
	{"/admin/agenda/speakers/:id/edit", "/admin/agenda/speakers/:id"},
	{"/admin/agenda/tracks/:id/edit", "/admin/agenda/tracks/:id"},
	{"/admin/agenda/rooms/:id/edit", "/admin/agenda/rooms/:id"},
	{"/admin/press/releases/:id", "/admin/press/releases/:id"},
	{"/admin/press/contacts/:id", "/admin/press/contacts/:id"},
	{"/admin/press/files/:id", "/admin/press/files/:id"},
	{"/admin/settings", "/admin/settings"},
	{"/admin/registrations/:id/edit", "/admin/registrations/:id/edit"},
	{"/admin/users/:id", "/admin/users/:id"},
}

// textFields names a form's free-text fields: text-like inputs and textareas.
func textFields(t *testing.T, page *webtest.Response, action string) []string {
	t.Helper()
	var out []string
	page.Doc().Find("form").Each(func(_ int, f *goquery.Selection) {
		if a, _ := f.Attr("action"); a != action {
			return
		}
		f.Find("input[name], textarea[name]").Each(func(_ int, in *goquery.Selection) {
			name, _ := in.Attr("name")
			typ, _ := in.Attr("type")
			switch {
			case name == "_csrf" || strings.Contains(name, "password"):
			case goquery.NodeName(in) == "textarea", typ == "", typ == "text", typ == "search", typ == "tel", typ == "url", typ == "email":
				out = append(out, name)
			}
		})
	})
	return out
}

var rowSuffix = regexp.MustCompile(`_[0-9]+$`)

// fieldErrors names the fields a re-rendered form marks as wrong.
func fieldErrors(res *webtest.Response) []string {
	var out []string
	res.Doc().Find(`[id$="-error"]`).Each(func(_ int, s *goquery.Selection) {
		id, _ := s.Attr("id")
		out = append(out, strings.TrimSuffix(id, "-error"))
	})
	return out
}

// postHostile sets every free-text field of a form to payload and posts it
// (multipart when the form is), putting back the original value of each
// field the app refuses, until it saves. Every re-rendered form is checked.
// It returns the fields that kept the payload.
func postHostile(t *testing.T, send func(url.Values) *webtest.Response, page *webtest.Response, base url.Values, action, payload string) []string {
	t.Helper()
	fields := textFields(t, page, action)
	form := url.Values{}
	for k, v := range base {
		form[k] = v
	}
	kept := map[string]bool{}
	for _, f := range fields {
		form.Set(f, payload)
		kept[f] = true
	}
	for range len(fields) + 1 {
		res := send(form)
		if res.StatusCode == http.StatusSeeOther {
			var out []string
			for _, f := range fields {
				if kept[f] {
					out = append(out, f)
				}
			}
			return out
		}
		checkHTML(t, "POST "+action+" (re-rendered)", res.Body)
		bad := fieldErrors(res)
		if res.StatusCode != http.StatusUnprocessableEntity || len(bad) == 0 {
			t.Fatalf("POST %s: %d, errors %v\n%s", action, res.StatusCode, bad, res.Body)
		}
		for _, f := range bad {
			if !kept[f] {
				// Refused for a neighbour's value (a figure's label without
				// its value, say): put back the fields of the same row.
				row := rowSuffix.FindString(f)
				restored := false
				for _, g := range fields {
					if row != "" && kept[g] && strings.HasSuffix(g, row) {
						kept[g], form[g], restored = false, base[g], true
					}
				}
				if !restored {
					t.Fatalf("POST %s: %q refused but it was not changed", action, f)
				}
				continue
			}
			kept[f] = false
			form[f] = base[f]
		}
	}
	t.Fatalf("POST %s never saved", action)
	return nil
}

// TestAttackXSSEverywhere puts hostile values into every registration and
// editor field, then reads every page, console page and export that shows
// them: no script, event handler or javascript: URL comes from the data;
// PDFs show the text as typed; CSV cells never start a formula; ICS and
// vCard escape it and gain no property; JSON and XML decode to it exactly.
func TestAttackXSSEverywhere(t *testing.T) {
	t.Parallel()
	payloads := xssPayloads
	if testing.Short() {
		payloads = payloads[:1] // markup, the widest; make test tries every payload
	}
	for _, p := range payloads {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel() // each payload has its own fixture
			fx := newAttackFixture(t)
			env := fx.env
			var extra []string

			// The public forms.
			part := withVisa(validForm("xss-" + p.name + "@example.org"))
			cl := env.Client()
			form := cl.Get("/register")
			kept := postHostile(t, func(f url.Values) *webtest.Response {
				f.Set("_csrf", webtest.FormToken(t, form, "/register"))
				res := cl.PostForm("/register", f)
				if res.StatusCode == http.StatusSeeOther {
					loc, _, _ := strings.Cut(res.Header.Get("Location"), "?")
					fx.regPath = loc
				}
				return res
			}, form, part, "/register", p.value)
			t.Logf("registration fields with the payload: %v", kept)
			if len(kept) < 5 && p.name != "linebreak" || len(kept) < 2 {
				t.Errorf("only %v took the payload", kept)
			}
			pressBase := validForm("xss-press-" + p.name + "@example.org")
			pressBase.Del("org_type")
			pressBase.Set("outlet", "Caribbean Times")
			pressBase.Set("media_type", "print")
			pressBase.Set("press_card", "PC-77")
			pcl := env.Client()
			pform := pcl.Get("/press/accreditation")
			postHostile(t, func(f url.Values) *webtest.Response {
				f.Set("_csrf", webtest.FormToken(t, pform, "/press/accreditation"))
				res := pcl.PostForm("/press/accreditation", f)
				if res.StatusCode == http.StatusSeeOther {
					loc, _, _ := strings.Cut(res.Header.Get("Location"), "?")
					extra = append(extra, loc, loc+"/edit", loc+"/badge.pdf")
				}
				return res
			}, pform, pressBase, "/press/accreditation", p.value)
			var partID, pressID string
			if err := env.DB.Read.QueryRow(`SELECT (SELECT id FROM registrations WHERE email = ?), (SELECT id FROM registrations WHERE email = ?)`,
				"xss-"+p.name+"@example.org", "xss-press-"+p.name+"@example.org").Scan(&partID, &pressID); err != nil {
				t.Fatal(err)
			}
			for _, id := range []string{partID, pressID} {
				extra = append(extra, "/admin/registrations/"+id, "/admin/registrations/"+id+"/edit",
					"/admin/registrations/"+id+"/badge.pdf", "/admin/registrations/"+id+"/letter.pdf", "/admin/registrations/"+id+"/certificate.pdf")
			}

			// The console's editors.
			for _, ed := range editorForms {
				pattern := ed.action
				cl := fx.client(http.MethodPost, pattern)
				page := cl.Get(fx.fill(ed.page))
				if page.StatusCode != http.StatusOK {
					t.Fatalf("GET %s: %d", fx.fill(ed.page), page.StatusCode)
				}
				action := fx.fill(ed.action)
				base := webtest.FormValues(t, page, action)
				multipart := page.Doc().Find(`form[action="`+action+`"][enctype="multipart/form-data"]`).Length() > 0
				kept := postHostile(t, func(f url.Values) *webtest.Response {
					if multipart {
						f.Del("_csrf")
						return pressUpload(t, cl, action, f, "", nil)
					}
					return cl.PostAdmin(action, f)
				}, page, base, action, p.value)
				t.Logf("%s: fields with the payload: %v", action, kept)
				if p.name == "linebreak" {
					// Line breaks belong in text areas only: no one-line
					// field stores one, every text area keeps them. (A
					// field the record does not use, such as a passport
					// name without a visa letter, may take it and drop it.)
					stored := webtest.FormValues(t, cl.Get(fx.fill(ed.page)), action)
					for _, f := range textFields(t, page, action) {
						area := page.Doc().Find(`form[action="`+action+`"] textarea[name="`+f+`"]`).Length() > 0
						if area && !slices.Contains(kept, f) || !area && strings.ContainsAny(stored.Get(f), "\r\n") {
							t.Errorf("%s: %s (text area: %v) holds %q", action, f, area, stored.Get(f))
						}
					}
				} else if len(kept) == 0 {
					t.Errorf("%s: no field took the payload", action)
				}
			}
			if err := env.DB.Read.QueryRow(`SELECT slug FROM press_releases WHERE id = ?`, fx.firstID("press_releases")).Scan(&fx.slug); err != nil {
				t.Fatal(err)
			}
			var sessionTitle string
			if err := env.DB.Read.QueryRow(`SELECT title FROM sessions WHERE id = ?`, fx.firstID("sessions")).Scan(&sessionTitle); err != nil {
				t.Fatal(err)
			}

			// Everything that shows them.
			paths := fx.routes(http.MethodGet)
			pdfsWithMarker := 0
			checked, reached := map[string]int{}, map[string]int{} // by content type
			check := func(who string, cl *webtest.Client, p0 string) {
				res := cl.Get(p0)
				if res.StatusCode >= 500 {
					t.Errorf("%s %s: %d", who, p0, res.StatusCode)
				}
				if res.StatusCode != http.StatusOK {
					return
				}
				where := who + " " + p0
				ctype, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
				checked[ctype]++
				if strings.Contains(strings.ToLower(res.Body), strings.ToLower(p.marker)) {
					reached[ctype]++
				}
				switch ctype {
				case "text/html":
					checkHTML(t, where, res.Body)
				case "application/pdf":
					text := pdfText(t, []byte(res.Body))
					for _, ent := range []string{"&lt;", "&gt;", "&amp;", "&#", "&quot;"} {
						if strings.Contains(text, ent) {
							t.Errorf("%s: the PDF shows %q", where, ent)
						}
					}
					if strings.Contains(strings.ToLower(text), strings.ToLower(p.marker)) {
						pdfsWithMarker++
					}
				case "text/csv":
					checkCSV(t, where, res.Body)
				case "text/calendar":
					checkLines(t, where, res.Body, "SUMMARY", "DESCRIPTION", "LOCATION")
				case "text/vcard":
					checkLines(t, where, res.Body)
				case "application/json":
					checkJSON(t, where, res.Body, sessionTitle)
				case "application/xml", "text/xml":
					checkXML(t, where, res.Body)
				}
			}
			for _, pattern := range paths {
				p0 := fx.fill(pattern)
				check("anonymous", env.Client(), p0)
				check("signed in", fx.client(http.MethodGet, pattern), p0)
			}
			for _, p0 := range extra {
				check("organiser", fx.clients[model.UserOrganiser], p0)
				check("anonymous", env.Client(), p0)
			}
			// The mails written for them: HTML escaped, no line break in a header field.
			rows, err := env.DB.Read.Query(`SELECT id, to_name, subject, body_html FROM outbox`)
			if err != nil {
				t.Fatal(err)
			}
			mails := 0
			for rows.Next() {
				var id int64
				var toName, subject, body string
				if err := rows.Scan(&id, &toName, &subject, &body); err != nil {
					t.Fatal(err)
				}
				mails++
				checkHTML(t, "mail "+itoa64(id), body)
				if strings.ContainsAny(toName+subject, "\r\n") {
					t.Errorf("mail %d: a line break in the name %q or subject %q", id, toName, subject)
				}
			}
			rows.Close()
			if mails < 3 {
				t.Errorf("only %d mails", mails)
			}
			t.Logf("checked: %v", checked)
			for _, ctype := range []string{"text/html", "application/pdf", "text/csv", "text/calendar", "text/vcard", "application/json", "application/xml"} {
				if checked[ctype] == 0 {
					t.Errorf("no %s checked", ctype)
				}
				// The payload must have reached the text formats, or the checks prove nothing.
				oneLineOnly := ctype == "text/csv" || ctype == "text/vcard"
				if ctype != "application/pdf" && reached[ctype] == 0 && !(p.name == "linebreak" && oneLineOnly) {
					t.Errorf("no %s holds %q", ctype, p.marker)
				}
			}
			if minPDFs := map[bool]int{false: 5, true: 3}[p.name == "linebreak"]; pdfsWithMarker < minPDFs {
				t.Errorf("only %d PDFs show %q", pdfsWithMarker, p.marker)
			}
		})
	}
}

// checkHTML fails when the page has a script that is not one of ours, an
// event-handler attribute, or a javascript: URL.
func checkHTML(t *testing.T, where, body string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if !errors.Is(z.Err(), io.EOF) {
				t.Errorf("%s: HTML: %v", where, z.Err())
			}
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if tok.Data == "script" {
			src := ""
			for _, a := range tok.Attr {
				if a.Key == "src" {
					src = a.Val
				}
			}
			if !strings.HasPrefix(src, "/assets/") {
				t.Errorf("%s: a <script> not from /assets: %s", where, tok.String())
			}
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") {
				t.Errorf("%s: event handler %s", where, tok.String())
			}
			switch key {
			case "href", "src", "action", "formaction", "xlink:href", "data", "poster":
				if v := strings.ToLower(strings.Join(strings.Fields(a.Val), "")); strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:text/html") {
					t.Errorf("%s: %s", where, tok.String())
				}
			}
		}
	}
}

// checkCSV fails when the file does not parse or a cell could start a formula.
func checkCSV(t *testing.T, where, body string) {
	t.Helper()
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Errorf("%s: CSV: %v", where, err)
		return
	}
	number := regexp.MustCompile(`^-?[0-9][0-9.,:% -]*$`)
	for _, row := range rows {
		for _, cell := range row {
			if cell == "" || number.MatchString(cell) {
				continue
			}
			if strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("%s: CSV cell %q can start a formula", where, cell)
			}
		}
	}
}

// contentLine is a property line of iCalendar or vCard: NAME or group.NAME,
// parameters, a colon.
var contentLine = regexp.MustCompile(`^([A-Za-z0-9-]+\.)?[A-Z][A-Z0-9-]*[;:]`)

// checkLines fails when a calendar or card has a line that is neither a
// property nor a fold, a property that came from the data, or, in the
// text properties named, an unescaped comma or semicolon.
func checkLines(t *testing.T, where, body string, textProps ...string) {
	t.Helper()
	if !strings.HasSuffix(body, "\r\n") {
		t.Errorf("%s: does not end with CRLF", where)
	}
	var unfolded []string
	for _, line := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("%s: a bare line break in %q", where, line)
		}
		if strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
			if len(unfolded) == 0 {
				t.Errorf("%s: starts with a fold", where)
				continue
			}
			unfolded[len(unfolded)-1] += line[1:]
			continue
		}
		unfolded = append(unfolded, line)
	}
	for _, line := range unfolded {
		if !contentLine.MatchString(line) {
			t.Errorf("%s: not a property: %q", where, line)
			continue
		}
		if strings.HasPrefix(line, "X-INJECTED") {
			t.Errorf("%s: injected property %q", where, line)
		}
		if strings.HasPrefix(line, "ATTENDEE") && strings.Contains(line, "evil@") {
			t.Errorf("%s: injected property %q", where, line)
		}
		for _, prop := range textProps {
			if !strings.HasPrefix(line, prop+":") && !strings.HasPrefix(line, prop+";") {
				continue
			}
			_, value, _ := strings.Cut(line, ":")
			for i := 0; i < len(value); i++ {
				switch value[i] {
				case '\\':
					i++
				case ',', ';':
					t.Errorf("%s: unescaped %q in %q", where, value[i], line)
				}
			}
		}
	}
}

// checkJSON fails when the document is not JSON or, when want is hostile,
// does not hold it exactly.
func checkJSON(t *testing.T, where, body, want string) {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Errorf("%s: JSON: %v", where, err)
		return
	}
	found := false
	var walk func(any)
	walk = func(x any) {
		switch x := x.(type) {
		case string:
			found = found || x == want
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	if !found && path.Base(where) == "agenda.json" {
		t.Errorf("%s: the session title %q is not in the JSON as typed", where, want)
	}
}

// checkXML fails when the document is not well-formed XML.
func checkXML(t *testing.T, where, body string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader([]byte(body)))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Errorf("%s: XML: %v", where, err)
			return
		}
	}
}
