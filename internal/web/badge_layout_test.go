package web_test

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/model"
	"confdesk/internal/pdf"
	"confdesk/internal/pdftest"
	"confdesk/internal/webtest"
)

// The label roll and the folded A4 badge are served wherever a layout is
// chosen: an organiser's single badge, a participant's own, the batch.
func TestRollAndFoldBadgeLayouts(t *testing.T) {
	env := webtest.New(t)
	f := validForm("roll@example.org")
	f.Set("first_name", "Désirée")
	f.Set("last_name", "Piñeiro-Nguyễn")
	loc := mustRegister(t, env, f)
	mustRegister(t, env, validForm("second@example.org"))
	var id int64
	var code string
	env.DB.Read.QueryRow(`SELECT id, checkin_code FROM registrations WHERE email = 'roll@example.org'`).Scan(&id, &code)
	org := env.Login(model.UserOrganiser)
	const mm = 72 / 25.4
	for _, c := range []struct {
		layout string
		w, h   float64 // page, mm
		faces  int     // the name and the QR code on each
	}{{"roll-54x90", 54, 90, 1}, {"fold-a4", 210, 297, 2}} {
		t.Run(c.layout, func(t *testing.T) {
			for _, path := range []string{fmt.Sprintf("/admin/registrations/%d/badge.pdf?layout=%s", id, c.layout), loc + "/badge.pdf?layout=" + c.layout} {
				var res *webtest.Response
				if strings.HasPrefix(path, loc) {
					res = env.Get(path) // the participant's own link
				} else {
					res = org.Get(path)
				}
				if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
					t.Fatalf("%s: %d %s", path, res.StatusCode, res.Header.Get("Content-Type"))
				}
				body := []byte(res.Body)
				words, sizes := pdftest.Words(t, body)
				if len(sizes) != 1 || math.Abs(sizes[0].W-c.w*mm) > 0.5 || math.Abs(sizes[0].H-c.h*mm) > 0.5 {
					t.Errorf("%s: pages %v, want one of %.0f × %.0f mm", path, sizes, c.w, c.h)
				}
				names := 0
				for _, w := range words {
					if w.Text == "Piñeiro-Nguyễn" {
						names++
					}
				}
				if names != c.faces {
					t.Errorf("%s: the name printed %d times, want %d", path, names, c.faces)
				}
				qr := pdftest.QRCodes(t, body)
				if len(qr) != 1 || len(qr[0]) != c.faces {
					t.Fatalf("%s: QR codes %v, want the check-in code on %d faces", path, qr, c.faces)
				}
				for _, got := range qr[0] {
					if got != code {
						t.Errorf("%s: QR code %q, want the check-in code %q", path, got, code)
					}
				}
			}
			batch := org.Get("/admin/badges.pdf?layout=" + c.layout)
			if batch.StatusCode != http.StatusOK || pdftest.Pages(t, []byte(batch.Body)) != 2 {
				t.Errorf("batch of two on %s: %d, want 2 pages", c.layout, batch.StatusCode)
			}
		})
	}
	// The refusal of an unknown layout names them all.
	res := org.Get(fmt.Sprintf("/admin/registrations/%d/badge.pdf?layout=a3-16", id))
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.Body, "roll-54x90") || !strings.Contains(res.Body, "fold-a4") {
		t.Errorf("unknown layout: %d, the message does not list the new layouts:\n%.500s", res.StatusCode, res.Body)
	}
}

// The console's sheet chooser offers every layout the PDF code knows.
func TestBadgeChooserListsEveryLayout(t *testing.T) {
	env := webtest.New(t)
	mustRegister(t, env, validForm("chooser@example.org"))
	doc := env.Login(model.UserOrganiser).Get("/admin/registrations").Doc()
	var got []string
	doc.Find(`select#layout option`).Each(func(_ int, s *goquery.Selection) {
		v, _ := s.Attr("value")
		got = append(got, v)
	})
	for _, l := range pdf.Layouts {
		found := false
		for _, v := range got {
			found = found || v == string(l)
		}
		if !found {
			t.Errorf("the sheet chooser %v does not offer %s", got, l)
		}
	}
	if len(got) != len(pdf.Layouts) {
		t.Errorf("the sheet chooser offers %v, the layouts are %v", got, pdf.Layouts)
	}
}
