package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/internal/webtest"
)

// mailsOf counts the outbox messages of kind to registration id.
func mailsOf(t *testing.T, env *webtest.Env, id int64, kind string) int {
	t.Helper()
	return count(t, env, `SELECT count(*) FROM outbox WHERE registration_id = ? AND kind = ?`, id, kind)
}

// Approving a letter, one at a time or ticked on the desk, mails each
// person once that it is ready, in their language, with a sign-in link;
// approving again mails nobody. A change to what the letter prints
// withdraws it and says so; other changes do not.
func TestLetterReadyAndWithdrawnMails(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ids := seed(t, env,
		person{Last: "Alvarez", Visa: true},
		person{Last: "Baptiste", Visa: true},
		person{Last: "Charles", Visa: true},
	)
	alvarez, baptiste, charles := ids[0], ids[1], ids[2]
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET language = 'es' WHERE id = ?`, alvarez); err != nil {
		t.Fatal(err)
	}
	org := env.Login(model.UserOrganiser)

	// Charles, from his page.
	if res := org.PostForm(regPath(charles)+"/approve-letter", approveForm(t, org, charles)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve Charles: %d", res.StatusCode)
	}
	// Everyone ticked on the desk, twice (a double click): Charles is
	// approved already, so only Alvarez and Baptiste are, once.
	list := mustGet(t, org, "/admin/registrations?letter=requested")
	form := webtest.FormValues(t, list, "/admin/registrations/bulk-confirm")
	for _, id := range ids {
		form.Add("id", strconv.FormatInt(id, 10))
	}
	for range 2 {
		if res := org.PostAdmin("/admin/registrations/bulk-approve-letters", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("bulk approval: %d", res.StatusCode)
		}
	}
	for _, id := range ids {
		if n := mailsOf(t, env, id, mail.KindLetterReady); n != 1 {
			t.Errorf("registration %d got %d 'letter ready' e-mails, want 1", id, n)
		}
		if n := count(t, env, `SELECT count(*) FROM email_tokens WHERE registration_id = ? AND purpose = ?`, id, model.TokenSignIn); n != 1 {
			t.Errorf("registration %d: %d sign-in links, want 1", id, n)
		}
	}
	es := lastMail(t, env, alvarez, mail.KindLetterReady)
	if !strings.HasPrefix(es.Subject, "Su carta de invitación está lista") || !strings.Contains(es.BodyText, env.Config.BaseURL+"/confirm/") {
		t.Errorf("Alvarez's message: %q\n%s", es.Subject, es.BodyText)
	}
	if en := lastMail(t, env, baptiste, mail.KindLetterReady); !strings.HasPrefix(en.Subject, "Your invitation letter is ready") ||
		!strings.Contains(en.BodyText, "download") {
		t.Errorf("Baptiste's message: %q\n%s", en.Subject, en.BodyText)
	}
	for _, m := range []model.OutboxMessage{es} {
		if strings.Contains(m.BodyText, "TA1234567") {
			t.Error("the message prints the passport number")
		}
	}

	// The sign-in link in the message works: it leads to the page where
	// the letter is downloaded.
	link := es.BodyText[strings.Index(es.BodyText, env.Config.BaseURL+"/confirm/"):]
	link = strings.Fields(link)[0]
	path := strings.TrimPrefix(link, env.Config.BaseURL)
	cl := env.Client()
	if res := cl.Submit(path, path, url.Values{}); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/registration/") {
		t.Fatalf("following the sign-in link: %d to %q", res.StatusCode, res.Header.Get("Location"))
	} else if own := env.Get(res.Header.Get("Location") + "/letter.pdf"); own.StatusCode != http.StatusOK {
		t.Errorf("the letter behind the link answers %d", own.StatusCode)
	}

	// An organiser changes Baptiste's job title, which the letter prints.
	edit := webtest.FormValues(t, org.Get(regPath(baptiste)+"/edit"), regPath(baptiste)+"/edit")
	edit.Set("job_title", "Permanent Secretary")
	if res := org.PostForm(regPath(baptiste)+"/edit", edit); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("organiser's edit: %d", res.StatusCode)
	}
	if n := mailsOf(t, env, baptiste, mail.KindLetterWithdrawn); n != 1 {
		t.Fatalf("Baptiste got %d 'withdrawn' e-mails, want 1", n)
	}
	w := lastMail(t, env, baptiste, mail.KindLetterWithdrawn)
	if !strings.HasPrefix(w.Subject, "Your invitation letter was withdrawn") ||
		!strings.Contains(w.BodyText, "changed") || !strings.Contains(w.BodyText, "approve the letter again") {
		t.Errorf("the withdrawal does not say why and what next: %q\n%s", w.Subject, w.BodyText)
	}
	// A change the letter does not print withdraws nothing and says nothing of it.
	edit = webtest.FormValues(t, org.Get(regPath(charles)+"/edit"), regPath(charles)+"/edit")
	edit.Set("dietary", "Vegetarian")
	if res := org.PostForm(regPath(charles)+"/edit", edit); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("dietary edit: %d", res.StatusCode)
	}
	if n := mailsOf(t, env, charles, mail.KindLetterWithdrawn); n != 0 {
		t.Errorf("a dietary change mailed %d withdrawals", n)
	}
}

// runReminders runs the server's reminder runner once and returns how
// many reminders it queued.
func runReminders(t *testing.T, env *webtest.Env) int {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan int, 1)
	go env.Server.RunReminders(ctx, nil, func(n int, err error) {
		if err != nil {
			t.Error(err)
		}
		got <- n
		cancel()
	})
	return <-got
}

// The reminder rule, on by default at 7 days: from local midnight seven
// days before the first day, each confirmed participant gets one reminder
// in their language, whatever the number of runs, also at once; pending,
// cancelled and press registrations get none, and none goes once the
// conference has begun or while the rule is off.
func TestReminderRule(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ids := seed(t, env,
		person{Last: "Ana"},
		person{Last: "Ben"},
		person{Last: "Carl", Status: model.StatusPending},
		person{Last: "Dora", Status: model.StatusCancelled},
		person{Last: "Eve", Category: model.CategoryPress},
	)
	ana, ben, carl, dora, eve := ids[0], ids[1], ids[2], ids[3], ids[4]
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET language = 'fr' WHERE id = ?`, ana); err != nil {
		t.Fatal(err)
	}
	// The conference begins on 15 March 2027 in New York (UTC-5 that week):
	// seven days before is 8 March, 00:00 local, 05:00 UTC.
	if webtest.DefaultStart != "2027-03-15" || env.Conference.TimeZone != "America/New_York" {
		t.Fatalf("the test assumes the default conference, not %s in %s", webtest.DefaultStart, env.Conference.TimeZone)
	}
	env.Clock.Set(time.Date(2027, 3, 8, 4, 59, 0, 0, time.UTC))
	if n := runReminders(t, env); n != 0 {
		t.Fatalf("a minute before day -7: %d reminders", n)
	}
	env.Clock.Set(time.Date(2027, 3, 8, 5, 0, 0, 0, time.UTC))
	if n := runReminders(t, env); n != 2 {
		t.Fatalf("at day -7: %d reminders, want 2 (Ana and Ben)", n)
	}
	if n := runReminders(t, env); n != 0 {
		t.Fatalf("the second run: %d reminders, want 0", n)
	}
	want := map[int64]int{ana: 1, ben: 1, carl: 0, dora: 0, eve: 0}
	for id, n := range want {
		if got := mailsOf(t, env, id, mail.KindReminder); got != n {
			t.Errorf("registration %d got %d reminders, want %d", id, got, n)
		}
	}
	fr := lastMail(t, env, ana, mail.KindReminder)
	if !strings.HasPrefix(fr.Subject, "La conférence commence bientôt") || !strings.Contains(fr.BodyText, "15 mars 2027") {
		t.Errorf("Ana's reminder: %q\n%s", fr.Subject, fr.BodyText)
	}
	if h, err := env.Store.AuditFor(context.Background(), "conference", env.Conference.ID); err != nil || len(h) == 0 ||
		h[0].Action != "reminder" || h[0].Actor != "system" {
		t.Errorf("audit lines %+v, %v", h, err)
	}

	// Carl is confirmed after the day: the next run reminds him. Two runs
	// at once send him one.
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET status = 'confirmed' WHERE id = ?`, carl); err != nil {
		t.Fatal(err)
	}
	svc := &registration.Service{Store: env.Store, BaseURL: env.Config.BaseURL, Now: env.Clock.Now}
	var wg sync.WaitGroup
	sent := make([]int, 4)
	for i := range sent {
		wg.Go(func() {
			n, err := svc.SendReminders(context.Background())
			if err != nil {
				t.Error(err)
			}
			sent[i] = n
		})
	}
	wg.Wait()
	if total := sent[0] + sent[1] + sent[2] + sent[3]; total != 1 || mailsOf(t, env, carl, mail.KindReminder) != 1 {
		t.Errorf("concurrent runs sent %v, Carl has %d reminders; want 1 in all", sent, mailsOf(t, env, carl, mail.KindReminder))
	}

	// Off: nobody new is reminded. Once the conference began: neither.
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET status = 'confirmed' WHERE id = ?`, dora); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.Write.Exec(`UPDATE conference SET reminder_enabled = 0`); err != nil {
		t.Fatal(err)
	}
	if n := runReminders(t, env); n != 0 {
		t.Errorf("with the rule off: %d reminders", n)
	}
	if _, err := env.DB.Write.Exec(`UPDATE conference SET reminder_enabled = 1`); err != nil {
		t.Fatal(err)
	}
	env.Clock.Set(time.Date(2027, 3, 15, 5, 0, 0, 0, time.UTC))
	if n := runReminders(t, env); n != 0 {
		t.Errorf("after the first day began: %d reminders", n)
	}
}

// The reminder rule is in the settings: on at 7 days by default, its days
// and on/off saved and audited, a wrong number refused with the form kept,
// and the runner follows what is saved.
func TestReminderSettings(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ids := seed(t, env, person{Last: "Ana"})
	cl := env.Login(model.UserOrganiser)
	f := settingsForm(t, cl)
	if f.Get("reminder_enabled") == "" || f.Get("reminder_days") != "7" {
		t.Fatalf("the default rule shows as on=%q days=%q, want on at 7", f.Get("reminder_enabled"), f.Get("reminder_days"))
	}
	for _, bad := range []string{"0", "366", "soon", ""} {
		f.Set("reminder_days", bad)
		refusedSetting(t, env, cl, f, "reminder_days", "whole number from 1 to 365")
	}

	// Three days, off.
	f.Set("reminder_days", "3")
	f.Del("reminder_enabled")
	if res := cl.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", res.StatusCode, res.Doc().Find(`.error, [data-testid=problem]`).Text())
	}
	if f := settingsForm(t, cl); f.Get("reminder_enabled") != "" || f.Get("reminder_days") != "3" {
		t.Errorf("saved rule shows as on=%q days=%q", f.Get("reminder_enabled"), f.Get("reminder_days"))
	}
	if h, err := env.Store.AuditFor(context.Background(), "conference", env.Conference.ID); err != nil || len(h) == 0 ||
		h[0].Changes["reminder"] != [2]string{"7 days before", "off (3 days before)"} {
		t.Errorf("audit: %+v, %v", h, err)
	}
	// Day -3 in New York (UTC-4 after 14 March: still UTC-5 on the 12th).
	env.Clock.Set(time.Date(2027, 3, 12, 5, 0, 0, 0, time.UTC))
	if n := runReminders(t, env); n != 0 {
		t.Errorf("rule off: %d reminders", n)
	}
	cl = env.Login(model.UserAdmin) // the organiser's session ended with the days that passed
	f = settingsForm(t, cl)
	f.Set("reminder_enabled", "on")
	if res := cl.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("turn on: %d", res.StatusCode)
	}
	env.Clock.Set(time.Date(2027, 3, 12, 4, 59, 0, 0, time.UTC))
	if n := runReminders(t, env); n != 0 {
		t.Errorf("before day -3: %d reminders", n)
	}
	env.Clock.Set(time.Date(2027, 3, 12, 5, 0, 0, 0, time.UTC))
	if n := runReminders(t, env); n != 1 || mailsOf(t, env, ids[0], mail.KindReminder) != 1 {
		t.Errorf("at day -3: %d reminders", n)
	}
}

// An organiser's confirmation queues the conference's calendar with the
// message, and the outbox page names the file; other messages have none.
func TestConfirmationQueuesCalendar(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ids := seed(t, env, person{Last: "Ana", Status: model.StatusPending})
	org := env.Login(model.UserOrganiser)
	confirmByOrganiser(t, org, ids[0])
	m := lastMail(t, env, ids[0], mail.KindConfirmed)
	if len(m.Attachments) != 1 || m.Attachments[0].Filename != "conference.ics" ||
		!strings.HasPrefix(m.Attachments[0].ContentType, "text/calendar") ||
		!strings.Contains(string(m.Attachments[0].Data), "DTSTART;VALUE=DATE:20270315") {
		t.Fatalf("attachments %+v", m.Attachments)
	}
	page := mustGet(t, org, "/admin/outbox/"+strconv.FormatInt(m.ID, 10))
	if !strings.Contains(page.Doc().Find(".details").Text(), "conference.ics") {
		t.Error("the outbox page does not name the attachment")
	}
	if res := org.PostAdmin(regPath(ids[0])+"/waitlist", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("waitlist: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM outbox WHERE attachments <> '' AND kind NOT IN ('confirmed', 'promoted')`); n != 0 {
		t.Errorf("%d messages of other kinds carry files", n)
	}
}
