package web_test

import (
	"context"
	"errors"
	"io"
	"log"
	"log/slog"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/http"
	netmail "net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	gosmtp "github.com/emersion/go-smtp"

	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// smtpGot is one message the test SMTP server accepted, decoded.
type smtpGot struct {
	to      []string
	subject string
	text    string // the text/plain part
	html    string // the text/html part
}

// announceSMTP is a real SMTP server (go-smtp) on 127.0.0.1 that records
// every message it accepts; it stops when the test ends.
type announceSMTP struct {
	addr string
	msgs chan []byte
	to   chan []string
}

func startAnnounceSMTP(t *testing.T) *announceSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &announceSMTP{addr: ln.Addr().String(), msgs: make(chan []byte, 1000), to: make(chan []string, 1000)}
	srv := gosmtp.NewServer(gosmtp.BackendFunc(func(*gosmtp.Conn) (gosmtp.Session, error) { return &announceSession{srv: s}, nil }))
	srv.Domain = "localhost"
	srv.ErrorLog = log.New(io.Discard, "", 0)
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	served := make(chan struct{})
	go func() {
		defer close(served)
		srv.Serve(ln)
	}()
	t.Cleanup(func() {
		srv.Close()
		ln.Close()
		<-served
	})
	return s
}

type announceSession struct {
	srv *announceSMTP
	to  []string
}

func (s *announceSession) Mail(string, *gosmtp.MailOptions) error { return nil }
func (s *announceSession) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}
func (s *announceSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if len(s.to) == 0 {
		return errors.New("no recipients")
	}
	s.srv.to <- s.to
	s.srv.msgs <- b
	return nil
}
func (s *announceSession) Reset()        { s.to = nil }
func (s *announceSession) Logout() error { return nil }

// got decodes what the server accepted so far; the server records a
// message before it answers DATA, so after SendDue everything is here.
func (s *announceSMTP) got(t *testing.T) []smtpGot {
	t.Helper()
	var out []smtpGot
	for {
		select {
		case raw := <-s.msgs:
			g := smtpGot{to: <-s.to}
			m, err := netmail.ReadMessage(strings.NewReader(string(raw)))
			if err != nil {
				t.Fatal(err)
			}
			if g.subject, err = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject")); err != nil {
				t.Fatal(err)
			}
			_, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
			if err != nil {
				t.Fatal(err)
			}
			mr := multipart.NewReader(m.Body, params["boundary"])
			for {
				p, err := mr.NextPart()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				b, err := io.ReadAll(quotedprintable.NewReader(p))
				if err != nil {
					t.Fatal(err)
				}
				if strings.HasPrefix(p.Header.Get("Content-Type"), "text/html") {
					g.html = string(b)
				} else {
					g.text = strings.ReplaceAll(string(b), "\r\n", "\n")
				}
			}
			out = append(out, g)
		default:
			return out
		}
	}
}

// announcee registers through the public form with a name and country, in
// status and language, and returns the registration.
func announcee(t *testing.T, env *webtest.Env, email, first, last, country, status, lang string) model.Registration {
	t.Helper()
	f := validForm(email)
	f.Set("first_name", first)
	f.Set("last_name", last)
	f.Set("country", country)
	mustRegister(t, env, f)
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET status = ?, language = ? WHERE email = ?`, status, lang, email); err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = ?`, email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	r, err := env.Store.Registration(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// announcementForm is the new-announcement form as the page gives it, with values set.
func announcementForm(t *testing.T, cl *webtest.Client, set map[string]string) url.Values {
	t.Helper()
	page := cl.Get("/admin/announcements/new")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("GET /admin/announcements/new = %d", page.StatusCode)
	}
	v := webtest.FormValues(t, page, "/admin/announcements")
	for k, x := range set {
		v.Set(k, x)
	}
	return v
}

func announcementMails(t *testing.T, env *webtest.Env) int {
	return count(t, env, `SELECT count(*) FROM outbox WHERE kind = 'announcement'`)
}

// TestAnnouncementToConfirmedHaitians: a message to the confirmed
// participants from Haiti reaches exactly them over real SMTP, each
// personalised and in their language; the preview shows the first of
// them; a double submit queues it once; the list counts the deliveries.
func TestAnnouncementToConfirmedHaitians(t *testing.T) {
	env := webtest.New(t)
	marie := announcee(t, env, "marie@example.ht", "Marie", "Augustin", "HT", model.StatusConfirmed, "fr")
	jean := announcee(t, env, "jean@example.ht", "Jean", "Baptiste", "HT", model.StatusConfirmed, "en")
	rosa := announcee(t, env, "rosa@example.ht", "Rosa", "Pierre", "HT", model.StatusConfirmed, "es")
	announcee(t, env, "waiting@example.ht", "Paul", "Waiting", "HT", model.StatusPending, "en")
	announcee(t, env, "trini@example.tt", "Keisha", "Trini", "TT", model.StatusConfirmed, "en")
	// Whoever else the demo has from Haiti, confirmed, gets it too.
	want := map[string]bool{}
	rows, err := env.DB.Read.Query(`SELECT email FROM registrations WHERE country = 'HT' AND status = 'confirmed' AND trim(email) <> ''`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var e string
		rows.Scan(&e)
		want[e] = true
	}
	rows.Close()
	for _, r := range []model.Registration{marie, jean, rosa} {
		if !want[r.Email] {
			t.Fatalf("%s is not a confirmed Haitian", r.Email)
		}
	}

	org := env.Login(model.UserOrganiser)
	form := announcementForm(t, org, map[string]string{
		"status": "confirmed", "country": "HT",
		"subject":       "Your visit to {{conference}}, {{first_name}}",
		"body":          "Dear {{ first_name }} {{last_name}},\n\nYour reference is {{reference}}. **Bring your passport** to {{conference}} ({{dates}}).\n\nYour registration: {{link}}",
		"tr-es-subject": "Su visita, {{first_name}}",
		"tr-es-body":    "Estimado/a {{first_name}} {{last_name}}:\n\nSu referencia es {{reference}}.",
	})

	form.Set("action", "preview")
	res := org.PostForm("/admin/announcements", form)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("preview = %d\n%s", res.StatusCode, res.Body)
	}
	doc := res.Doc()
	if got := doc.Find(`[data-testid=recipient-count] strong`).Text(); got != itoa(len(want)) {
		t.Errorf("preview counts %q recipients, want %d", got, len(want))
	}
	if announcementMails(t, env) != 0 {
		t.Fatal("the preview queued messages")
	}
	// The first recipient by name is Marie Augustin (A…); the demo's
	// Haitian, if confirmed, may sort first, so read the name shown.
	body := doc.Find(`[data-testid=preview-body]`).Text()
	if !strings.Contains(doc.Find(`[data-testid=preview]`).Text(), "will get it") || strings.Contains(body, "{{") {
		t.Errorf("preview body not filled in: %q", body)
	}
	if want["marie@example.ht"] && len(want) == 3 {
		if !strings.Contains(body, "Dear Marie Augustin") || doc.Find(`[data-testid=preview-body] strong`).Text() != "Bring your passport" {
			t.Errorf("preview body = %q", body)
		}
	}
	// The preview keeps the form, its key included.
	again := webtest.FormValues(t, res, "/admin/announcements")
	if again.Get("key") != form.Get("key") || again.Get("subject") != form.Get("subject") || again.Get("country") != "HT" {
		t.Errorf("preview lost the form: %v", again)
	}

	// Every other message is out of the way, so that the server sees only the announcement.
	env.DB.Write.Exec(`UPDATE outbox SET state = 'sent' WHERE kind <> 'announcement'`)
	form.Set("action", "send")
	res = org.PostForm("/admin/announcements", form)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/announcements" {
		t.Fatalf("send = %d %s\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	// A double click posts the same form again: nothing more is queued.
	res = org.PostForm("/admin/announcements", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("second send = %d", res.StatusCode)
	}
	if !strings.Contains(org.Get("/admin/announcements").Body, "sent already") {
		t.Error("the second submit is not explained")
	}
	if n := announcementMails(t, env); n != len(want) {
		t.Fatalf("%d messages queued, want %d", n, len(want))
	}
	if n := count(t, env, `SELECT count(*) FROM announcements`); n != 1 {
		t.Fatalf("%d announcements stored, want 1", n)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'send_announcement' AND entity = 'announcement'`); n != 1 {
		t.Errorf("%d audit lines, want 1", n)
	}

	smtp := startAnnounceSMTP(t)
	sender, err := mail.NewSender(env.Store, "smtp://"+smtp.addr, "CTC Miami <noreply@ctc.example>", slog.New(slog.NewTextHandler(io.Discard, nil)), env.Clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := sender.SendDue(context.Background()); err != nil || n != len(want) {
		t.Fatalf("SendDue = %d, %v; want %d", n, err, len(want))
	}
	got := smtp.got(t)
	byAddr := map[string]smtpGot{}
	for _, g := range got {
		if len(g.to) != 1 || !want[g.to[0]] {
			t.Errorf("a message went to %v, who is not a confirmed Haitian", g.to)
			continue
		}
		if _, dup := byAddr[g.to[0]]; dup {
			t.Errorf("%s got it twice", g.to[0])
		}
		byAddr[g.to[0]] = g
	}
	if len(byAddr) != len(want) {
		t.Fatalf("%d people got it, want %d", len(byAddr), len(want))
	}
	conf := env.Conference.Name
	// Marie's registration is in French, which has no translation of the
	// message: the English words, with the conference's French name.
	frName := conf
	env.DB.Read.QueryRow(`SELECT text FROM translations WHERE kind = 'conference' AND field = 'name' AND language = 'fr'`).Scan(&frName)
	for _, tc := range []struct {
		r             model.Registration
		subject, text string
	}{
		{jean, "Your visit to " + conf + ", Jean", "Dear Jean Baptiste,"},
		{marie, "Your visit to " + frName + ", Marie", "Dear Marie Augustin,"},
		{rosa, "Su visita, Rosa", "Estimado/a Rosa Pierre:"},
	} {
		g := byAddr[tc.r.Email]
		if g.subject != tc.subject {
			t.Errorf("%s: subject %q, want %q", tc.r.Email, g.subject, tc.subject)
		}
		if !strings.HasPrefix(g.text, tc.text) || !strings.Contains(g.text, tc.r.Reference) {
			t.Errorf("%s: text not personalised:\n%s", tc.r.Email, g.text)
		}
		if !strings.Contains(g.html, tc.r.Reference) || strings.Contains(g.html+g.text, "{{") {
			t.Errorf("%s: html not personalised:\n%s", tc.r.Email, g.html)
		}
		for _, other := range []model.Registration{jean, marie, rosa} {
			if other.ID != tc.r.ID && strings.Contains(g.text, other.Reference) {
				t.Errorf("%s got %s's reference", tc.r.Email, other.Email)
			}
		}
	}
	// The English body: the link is the "Find my registration" page, a link in the HTML.
	if g := byAddr[jean.Email]; !strings.Contains(g.text, "http://confdesk.test/registration/lost") ||
		!strings.Contains(g.html, `href="http://confdesk.test/registration/lost"`) || !strings.Contains(g.html, "<strong>Bring your passport</strong>") {
		t.Errorf("English message:\n%s\n%s", g.text, g.html)
	}
	// The French recipient has no French translation: English words, French footer.
	if g := byAddr[marie.Email]; !strings.Contains(g.text, "Ce message vous est adressé") {
		t.Errorf("French footer missing:\n%s", g.text)
	}

	list := org.Get("/admin/announcements").Doc()
	row := list.Find(`[data-testid=announcements] tbody tr`).First()
	if row.Find(`[data-testid=recipients]`).Text() != itoa(len(want)) || row.Find(`[data-testid=delivered]`).Text() != itoa(len(want)) ||
		row.Find(`[data-testid=waiting]`).Text() != "0" || !strings.Contains(row.Text(), "Status confirmed · Country Haiti") ||
		!strings.Contains(row.Text(), "organiser@example.org") {
		t.Errorf("list row: %q", row.Text())
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestAnnouncementRefusals: an unknown placeholder is refused at preview
// and at sending, naming it; filters that match nobody are a clear error;
// nothing is stored or queued.
func TestAnnouncementRefusals(t *testing.T) {
	env := webtest.New(t)
	announcee(t, env, "marie@example.ht", "Marie", "Augustin", "HT", model.StatusConfirmed, "en")
	org := env.Login(model.UserOrganiser)
	form := announcementForm(t, org, map[string]string{"country": "HT", "subject": "Hello {{first_name}}",
		"body": "Dear {{fist_name}}, see you at {{conference}}.", "tr-fr-subject": "Bonjour {{prénom}}"})
	for _, action := range []string{"preview", "send"} {
		form.Set("action", action)
		res := org.PostForm("/admin/announcements", form)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("%s with an unknown placeholder = %d", action, res.StatusCode)
		}
		if !strings.Contains(res.Body, "Unknown placeholder {{fist_name}}") || !strings.Contains(res.Body, "Unknown placeholder {{prénom}}") {
			t.Errorf("%s: the error does not name the placeholders", action)
		}
	}
	form.Set("body", "Dear {{first_name}}.")
	form.Del("tr-fr-subject")
	form.Set("status", "rejected")
	for _, action := range []string{"preview", "send"} {
		form.Set("action", action)
		res := org.PostForm("/admin/announcements", form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "nobody would get this message") {
			t.Errorf("%s to nobody = %d", action, res.StatusCode)
		}
	}
	form.Set("status", "")
	form.Set("send_at", "2026-01-01T09:00")
	form.Set("action", "send")
	if res := org.PostForm("/admin/announcements", form); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "This time has passed") {
		t.Errorf("send_at in the past = %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM announcements`); n != 0 {
		t.Errorf("%d announcements stored", n)
	}
	if n := announcementMails(t, env); n != 0 {
		t.Errorf("%d messages queued", n)
	}
}

// TestAnnouncementScheduled: a send_at in the future stores the
// announcement as scheduled; the runner queues it at its time (injected
// clock), and another, cancelled before its time, never goes.
func TestAnnouncementScheduled(t *testing.T) {
	env := webtest.New(t)
	announcee(t, env, "marie@example.ht", "Marie", "Augustin", "HT", model.StatusConfirmed, "en")
	announcee(t, env, "jean@example.ht", "Jean", "Baptiste", "HT", model.StatusConfirmed, "en")
	org := env.Login(model.UserOrganiser)
	loc := env.Conference.Location()
	at := env.Clock.Now().In(loc).Add(24 * time.Hour).Truncate(time.Minute)
	schedule := func(subject string, when time.Time) {
		t.Helper()
		form := announcementForm(t, org, map[string]string{"country": "HT", "status": "confirmed", "subject": subject,
			"body": "Dear {{first_name}}, the bus leaves at nine.", "send_at": when.In(loc).Format("2006-01-02T15:04"), "action": "send"})
		if res := org.PostForm("/admin/announcements", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("schedule = %d\n%s", res.StatusCode, res.Body)
		}
	}
	schedule("Bus", at)
	schedule("Dinner", at.Add(time.Hour))
	if n := count(t, env, `SELECT count(*) FROM announcements WHERE state = 'scheduled'`); n != 2 {
		t.Fatalf("%d scheduled, want 2", n)
	}
	var dinner int64
	env.DB.Read.QueryRow(`SELECT id FROM announcements WHERE subject = 'Dinner'`).Scan(&dinner)

	// The runner: one run at once, then one per tick.
	ctx, stop := context.WithCancel(context.Background())
	tick := make(chan time.Time)
	runs := make(chan int, 10)
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		env.Server.RunAnnouncements(ctx, tick, func(n int, err error) {
			if err != nil {
				t.Error(err)
			}
			runs <- n
		})
	}()
	t.Cleanup(func() { stop(); <-finished })
	if n := <-runs; n != 0 || announcementMails(t, env) != 0 {
		t.Fatalf("a run before the time sent %d", n)
	}
	// Dinner is cancelled from the list before its time (the console's
	// session would not last the day the clock moves on).
	list := org.Get("/admin/announcements")
	if list.Doc().Find(`[data-testid=announcement-`+itoa(int(dinner))+`] form button`).Length() != 1 {
		t.Fatal("no cancel button for the scheduled announcement")
	}
	if res := org.PostAdmin("/admin/announcements/"+itoa(int(dinner))+"/cancel", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel = %d", res.StatusCode)
	}
	if res := org.PostAdmin("/admin/announcements/"+itoa(int(dinner))+"/cancel", nil); res.StatusCode != http.StatusConflict {
		t.Errorf("second cancel = %d", res.StatusCode)
	}
	env.Clock.Set(at.Add(-time.Minute))
	tick <- time.Time{}
	if n := <-runs; n != 0 {
		t.Fatalf("a run a minute early sent %d", n)
	}
	env.Clock.Set(at.Add(2 * time.Hour))
	tick <- time.Time{}
	if n := <-runs; n != 1 {
		t.Fatalf("the run at the time sent %d announcements, want 1", n)
	}
	var subjects []string
	rows, _ := env.DB.Read.Query(`SELECT subject FROM outbox WHERE kind = 'announcement' ORDER BY to_email`)
	for rows.Next() {
		var s string
		rows.Scan(&s)
		subjects = append(subjects, s)
	}
	rows.Close()
	if !slices.Equal(subjects, []string{"Bus", "Bus"}) {
		t.Errorf("queued %v, want the bus message to both", subjects)
	}
	tick <- time.Time{}
	if n := <-runs; n != 0 || announcementMails(t, env) != 2 {
		t.Errorf("a later run sent again")
	}
	for _, q := range []string{
		`SELECT count(*) FROM announcements WHERE state = 'sent' AND subject = 'Bus' AND recipients = 2`,
		`SELECT count(*) FROM announcements WHERE state = 'cancelled' AND subject = 'Dinner'`,
		`SELECT count(*) FROM audit_log WHERE action = 'cancel_announcement'`,
		`SELECT count(*) FROM audit_log WHERE action = 'schedule_announcement'`,
	} {
		if n := count(t, env, q); n < 1 {
			t.Errorf("%s = %d", q, n)
		}
	}
}

// TestAnnouncementRolesAndCSRF: only organisers and admins reach the
// pages; a post without the form token is refused.
func TestAnnouncementRolesAndCSRF(t *testing.T) {
	env := webtest.New(t)
	for _, role := range []string{model.UserPressOfficer, model.UserCheckin} {
		cl := env.Login(role)
		for _, path := range []string{"/admin/announcements", "/admin/announcements/new"} {
			if res := cl.Get(path); res.StatusCode != http.StatusForbidden {
				t.Errorf("%s: GET %s = %d", role, path, res.StatusCode)
			}
		}
		if res := cl.PostAdmin("/admin/announcements", url.Values{"action": {"send"}, "subject": {"x"}, "body": {"y"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s: POST = %d", role, res.StatusCode)
		}
	}
	admin := env.Login(model.UserAdmin)
	if res := admin.Get("/admin/announcements"); res.StatusCode != http.StatusOK || !strings.Contains(res.Body, `href="/admin/announcements"`) {
		t.Errorf("admin: %d", res.StatusCode)
	}
	org := env.Login(model.UserOrganiser)
	form := announcementForm(t, org, map[string]string{"subject": "Hello", "body": "Hello {{first_name}}", "action": "send"})
	form.Del("_csrf")
	if res := org.PostForm("/admin/announcements", form); res.StatusCode != http.StatusForbidden {
		t.Errorf("POST without the token = %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM announcements`); n != 0 {
		t.Errorf("%d stored without a token", n)
	}
}

// TestAnnouncementCheckedInFilter: checked_in=yes|no chooses by arrival
// (an undone check-in does not count), as the desk's filters do.
func TestAnnouncementCheckedInFilter(t *testing.T) {
	env := webtest.New(t)
	here := announcee(t, env, "here@example.ht", "Anne", "Here", "HT", model.StatusConfirmed, "en")
	announcee(t, env, "away@example.ht", "Bernard", "Away", "HT", model.StatusConfirmed, "en")
	scan(t, env.Login(model.UserCheckin), here.CheckinCode, 0)
	org := env.Login(model.UserOrganiser)
	for _, tc := range []struct{ checkedIn, want string }{{"yes", "Anne Here"}, {"no", "Bernard Away"}} {
		form := announcementForm(t, org, map[string]string{"country": "HT", "checked_in": tc.checkedIn,
			"subject": "Hello", "body": "Dear {{first_name}} {{last_name}},", "action": "preview"})
		res := org.PostForm("/admin/announcements", form)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("checked_in=%s: preview = %d", tc.checkedIn, res.StatusCode)
		}
		doc := res.Doc()
		if n := doc.Find(`[data-testid=recipient-count] strong`).Text(); n != "1" || !strings.Contains(doc.Find(`[data-testid=preview-body]`).Text(), "Dear "+tc.want) {
			t.Errorf("checked_in=%s: %s recipients, body %q", tc.checkedIn, n, doc.Find(`[data-testid=preview-body]`).Text())
		}
		if v, _ := doc.Find(`select[name=checked_in] option[selected]`).Attr("value"); v != tc.checkedIn {
			t.Errorf("checked_in=%s: the form shows %q", tc.checkedIn, v)
		}
	}
}

// TestDeskWritesToItsList: the desk filters by check-in too, and "Write to
// these registrations" opens the announcement form with the desk's
// filters set, so the list seen is the list written to.
func TestDeskWritesToItsList(t *testing.T) {
	env := webtest.New(t)
	here := announcee(t, env, "here@example.ht", "Anne", "Here", "HT", model.StatusConfirmed, "en")
	announcee(t, env, "away@example.ht", "Bernard", "Away", "HT", model.StatusConfirmed, "en")
	scan(t, env.Login(model.UserCheckin), here.CheckinCode, 0)
	org := env.Login(model.UserOrganiser)
	desk := org.Get("/admin/registrations?country=HT&checked_in=no").Doc()
	if rows := desk.Find(`[data-testid=registration-row]`); rows.Length() != 1 || !strings.Contains(rows.Text(), "Away") {
		t.Fatalf("checked_in=no on the desk lists %d rows: %q", rows.Length(), rows.Text())
	}
	if v, _ := desk.Find(`select[name=checked_in] option[selected]`).Attr("value"); v != "no" {
		t.Errorf("the desk's check-in filter shows %q", v)
	}
	link, ok := desk.Find(`[data-testid=announce-link]`).Attr("href")
	if !ok {
		t.Fatal("no link from the desk to an announcement")
	}
	form := org.Get(link).Doc()
	for name, want := range map[string]string{"country": "HT", "checked_in": "no"} {
		if v, _ := form.Find(`select[name=` + name + `] option[selected]`).Attr("value"); v != want {
			t.Errorf("the announcement form's %s is %q, want %q (link %s)", name, v, want, link)
		}
	}
	if empty := org.Get("/admin/registrations?country=AF").Doc(); empty.Find(`[data-testid=announce-link]`).Length() != 0 {
		t.Error("an empty list offers to write to it")
	}
}
