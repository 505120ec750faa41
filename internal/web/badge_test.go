package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/webtest"
)

func TestOwnBadge(t *testing.T) {
	env := webtest.New(t)
	f := validForm("badge@example.org")
	f.Set("first_name", "Łukasz")
	f.Set("last_name", "Żółć")
	loc := mustRegister(t, env, f)
	page := env.Get(loc)
	href, ok := page.Doc().Find(`[data-testid=badge-link]`).Attr("href")
	if !ok {
		t.Fatal("no badge link on a confirmed registration's page")
	}
	res := env.Get(href)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("badge: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	body := []byte(res.Body)
	text := strings.Join(strings.Fields(pdftest.Text(t, body)), " ")
	if !strings.Contains(text, "Łukasz Żółć") || !strings.Contains(text, "PARTICIPANT") {
		t.Errorf("badge text: %s", text)
	}
	var code, printed string
	env.DB.Read.QueryRow(`SELECT checkin_code, coalesce(badge_printed_at, '') FROM registrations`).Scan(&code, &printed)
	if qr := pdftest.QRCodes(t, body); len(qr) != 1 || len(qr[0]) != 1 || qr[0][0] != code {
		t.Errorf("QR codes %v, want the check-in code %s", qr, code)
	}
	if printed != "" {
		t.Error("a participant's own download marked the badge printed")
	}
	if res := env.Get(href + "?layout=a3-16"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown layout: %d", res.StatusCode)
	}
}

func TestNoBadgeBeforeConfirmation(t *testing.T) {
	env := webtest.New(t)
	setConference(t, env, `moderation = 1`)
	loc := mustRegister(t, env, validForm("pending@example.org"))
	if env.Get(loc).Doc().Find(`[data-testid=badge-link]`).Length() != 0 {
		t.Error("a pending registration offers a badge")
	}
	if res := env.Get(loc + "/badge.pdf"); res.StatusCode != http.StatusNotFound {
		t.Errorf("pending badge: %d, want 404", res.StatusCode)
	}
}

func TestOrganiserBadge(t *testing.T) {
	env := webtest.New(t)
	r := registered(t, env, "org-badge@example.org")
	path := fmt.Sprintf("/admin/registrations/%d/badge.pdf?layout=cr80", r.ID)
	org := env.Login(model.UserOrganiser)
	if res := org.Get(path); res.StatusCode != http.StatusOK || pdftest.Pages(t, []byte(res.Body)) != 1 {
		t.Errorf("organiser badge: %d", res.StatusCode)
	}
	if res := env.Login(model.UserCheckin).Get(path); res.StatusCode != http.StatusForbidden {
		t.Errorf("desk staff badge: %d, want 403", res.StatusCode)
	}
	if res := org.Get("/admin/registrations/9999/badge.pdf"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown registration: %d", res.StatusCode)
	}
}

func TestBadgeBatch(t *testing.T) {
	env := webtest.New(t)
	for i := range 9 {
		f := validForm(fmt.Sprintf("b%d@example.org", i))
		f.Set("last_name", fmt.Sprintf("Person%d", i))
		mustRegister(t, env, f)
	}
	setConference(t, env, `moderation = 1`)
	mustRegister(t, env, validForm("pending@example.org")) // no badge for a pending registration
	org := env.Login(model.UserOrganiser)
	list := org.Get("/admin/registrations?country=TT")
	// The sheet's fields and button belong to the filter form, which
	// holds the country as chosen.
	doc := list.Doc()
	if doc.Find(`button[form=desk-filters][formaction="/admin/badges.pdf"]`).Length() != 1 ||
		doc.Find(`select#layout[form=desk-filters]`).Length() != 1 || doc.Find(`select#badge_order[form=desk-filters]`).Length() != 1 ||
		doc.Find(`form#desk-filters select#country option[value=TT][selected]`).Length() != 1 {
		t.Fatal("the badge sheet does not send the desk's filter form")
	}
	res := org.Get("/admin/badges.pdf?layout=a4-4&country=TT")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("batch: %d", res.StatusCode)
	}
	body := []byte(res.Body)
	if n := pdftest.Pages(t, body); n != 3 {
		t.Errorf("9 badges on A4 sheets of four: %d pages, want 3", n)
	}
	text := pdftest.Text(t, body)
	if strings.Contains(text, "pending@") || strings.Index(text, "Person0") > strings.Index(text, "Person8") {
		t.Error("badges not in last-name order, or a pending registration printed")
	}
	// Everything is printed now: "not printed yet" selects nothing.
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE badge_printed_at IS NULL AND status = 'confirmed'`); n != 0 {
		t.Errorf("%d confirmed badges not marked printed", n)
	}
	empty := org.Get("/admin/badges.pdf?layout=a6&unprinted=1")
	if !strings.Contains(pdftest.Text(t, []byte(empty.Body)), "No badges match") {
		t.Error("an empty batch does not say so")
	}
	if res := org.Get("/admin/badges.pdf?layout=a4-4&sort=country;DROP"); res.StatusCode != http.StatusOK {
		t.Errorf("odd sort: %d", res.StatusCode)
	}
}
