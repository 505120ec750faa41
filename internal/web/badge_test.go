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
	if printed == "" {
		t.Error("badge_printed_at not recorded")
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
