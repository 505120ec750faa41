package web_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/web"
	"confdesk/internal/webtest"
)

// picture encodes a w × h picture with a dark stroke, as PNG or JPEG.
func picture(t *testing.T, w, h int, asJPEG bool) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, h/2+(x%7)-3, color.NRGBA{0x10, 0x20, 0x60, 0xff})
	}
	var buf bytes.Buffer
	var err error
	if asJPEG {
		err = jpeg.Encode(&buf, img, nil)
	} else {
		err = png.Encode(&buf, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pdfImages counts the image objects a PDF holds (a picture with
// transparency is two: its colours and its mask).
func pdfImages(body string) int { return strings.Count(body, "/Subtype /Image") }

// Organisers upload a signature, drawn on visa letters above the
// signatory's name, and a logo, drawn on badges; anything but a PNG or
// JPEG picture is refused at the field and nothing is stored.
func TestSignatureAndLogo(t *testing.T) {
	env := webtest.New(t)
	loc := mustRegister(t, env, withVisa(validForm("visa@example.org")))
	approveLetter(t, env, "visa@example.org")
	org := env.Login(model.UserOrganiser)
	if n := pdfImages(env.Get(loc + "/letter.pdf").Body); n != 0 {
		t.Fatalf("a letter without a signature holds %d pictures", n)
	}
	var id int64
	env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = 'visa@example.org'`).Scan(&id)
	badge := fmt.Sprintf("/admin/registrations/%d/badge.pdf", id)
	if n := pdfImages(org.Get(badge).Body); n != 0 {
		t.Fatalf("a badge without a logo holds %d pictures", n)
	}
	page := org.Get("/admin/settings/images")
	if page.StatusCode != http.StatusOK || page.Doc().Find(`form[action="/admin/settings/images/signature"][enctype="multipart/form-data"] input[type=file]`).Length() != 1 {
		t.Fatalf("pictures page: %d, or no upload form", page.StatusCode)
	}

	// Not a picture: refused beside the field, nothing stored.
	res := pressUpload(t, org, "/admin/settings/images/signature", nil, "signature.png", []byte("%PDF-1.4 not a picture"))
	if res.StatusCode != http.StatusUnprocessableEntity || res.Doc().Find(`#signature-error`).Length() != 1 {
		t.Errorf("a non-picture: %d, or no message at the field", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM conference_images`); n != 0 {
		t.Errorf("%d pictures stored after a refusal", n)
	}
	// Too many pixels.
	if res := pressUpload(t, org, "/admin/settings/images/logo", nil, "huge.png", picture(t, 5000, 10, false)); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Doc().Find(`#logo-error`).Text(), "5000 × 10") {
		t.Errorf("a 5000-pixel picture: %d %q", res.StatusCode, res.Doc().Find(`#logo-error`).Text())
	}

	// A PNG signature, a JPEG logo.
	if res := pressUpload(t, org, "/admin/settings/images/signature", nil, "sig.png", picture(t, 300, 100, false)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload signature: %d", res.StatusCode)
	}
	if res := pressUpload(t, org, "/admin/settings/images/logo", nil, "logo.jpg", picture(t, 400, 120, true)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload logo: %d", res.StatusCode)
	}
	preview := org.Get("/admin/settings/images/logo")
	if preview.Header.Get("Content-Type") != "image/png" {
		t.Errorf("the logo is served as %q, want it kept as PNG", preview.Header.Get("Content-Type"))
	}
	if cfg, err := png.DecodeConfig(strings.NewReader(preview.Body)); err != nil || cfg.Width != 400 || cfg.Height != 120 {
		t.Errorf("stored logo: %v %v", cfg, err)
	}
	if n := pdfImages(env.Get(loc + "/letter.pdf").Body); n == 0 {
		t.Errorf("the letter holds %d pictures, want the signature", n)
	}
	if n := pdfImages(org.Get(badge).Body); n == 0 {
		t.Errorf("the badge holds %d pictures, want the logo", n)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action IN ('upload_signature', 'upload_logo')`); n != 2 {
		t.Errorf("%d uploads audited, want 2", n)
	}

	// Removed: documents print without it.
	if res := org.PostAdmin("/admin/settings/images/logo/remove", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove logo: %d", res.StatusCode)
	}
	if n := pdfImages(org.Get(badge).Body); n != 0 {
		t.Errorf("after removal the badge holds %d pictures", n)
	}
	if res := org.Get("/admin/settings/images/nope"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown kind: %d", res.StatusCode)
	}
	// Desk staff and press officers cannot.
	for _, role := range []string{model.UserCheckin, model.UserPressOfficer} {
		if res := pressUpload(t, env.Login(role), "/admin/settings/images/logo", nil, "logo.png", picture(t, 10, 10, false)); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s uploads: %d, want 403", role, res.StatusCode)
		}
	}
}

// Pictures for documents may be larger than the small body limit, for
// organisers only, and never past ImageBodyLimit.
func TestSignatureUploadBodyLimit(t *testing.T) {
	env := webtest.New(t)
	const path = "/admin/settings/images/signature"
	org := env.Login(model.UserOrganiser).Cookie("confdesk_session")
	if code := rawPost(t, env, path, 1<<20, org); code == http.StatusRequestEntityTooLarge {
		t.Errorf("organiser announcing 1 MiB: 413")
	}
	if code := rawPost(t, env, path, web.ImageBodyLimit+1, org); code != http.StatusRequestEntityTooLarge {
		t.Errorf("organiser one byte over the picture limit: %d, want 413", code)
	}
	press := env.Login(model.UserPressOfficer).Cookie("confdesk_session")
	if code := rawPost(t, env, path, 1<<20, press); code != http.StatusRequestEntityTooLarge {
		t.Errorf("press officer announcing 1 MiB for a signature: %d, want 413", code)
	}
	if code := rawPost(t, env, path, 1<<20); code != http.StatusRequestEntityTooLarge {
		t.Errorf("anonymous 1 MiB: %d, want 413", code)
	}
}
