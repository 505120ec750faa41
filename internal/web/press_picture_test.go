package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/pdftest"
)

// A picture in a release's text: the page shows it from its display
// address with the file's caption and credit under it; showing it counts
// no download, downloading it does; the release PDF draws it, with its
// caption and credit, and prints a link's address after its text.
func TestPressPicturesInRelease(t *testing.T) {
	fx := newPressFixture(t)
	env, cl := fx.env, fx.cl
	photo := "/press/files/" + strconv.FormatInt(fx.photoID, 10)
	res := cl.PostAdmin("/admin/press/releases", url.Values{"title": {"Shelters open in Kingston"},
		"release_date": {"2027-03-16"}, "body": {"Ministers **agreed on shelters** with [the IOM](https://www.iom.int).\n\n![Delegates arriving](" + photo + ")\n\nMore to follow."},
		"publish": {"1"}})
	pressIDFrom(t, res, "/admin/press/releases/")

	page := env.Get("/press/releases/shelters-open-in-kingston")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("release page: %d", page.StatusCode)
	}
	body := page.Doc().Find(`[data-testid=release-body]`)
	img := body.Find("img")
	if src, _ := img.Attr("src"); src != photo+"/display" {
		t.Errorf("the picture is shown from %q, want the display address", src)
	}
	if alt, _ := img.Attr("alt"); alt != "Delegates arriving" {
		t.Errorf("alt %q", alt)
	}
	caption := strings.Join(strings.Fields(img.Parent().Text()), " ")
	if !strings.Contains(caption, "Delegates at the opening plenary, 15 March") || !strings.Contains(caption, "IOM / Ana Pérez") {
		t.Errorf("no caption and credit under the picture: %q", caption)
	}

	// Displays are not downloads.
	for range 3 {
		res := env.Get(photo + "/display")
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/jpeg" ||
			strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("display: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
		}
	}
	if res := env.Get("/press/files/" + strconv.FormatInt(fx.secretID, 10) + "/display"); res.StatusCode != http.StatusNotFound {
		t.Errorf("an unpublished file is displayed: %d", res.StatusCode)
	}
	env.Get(photo)
	if err := env.Server.FlushDownloads(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := count(t, env, `SELECT coalesce(sum(count), 0) FROM downloads WHERE item = 'file' AND press_file_id = ?`, fx.photoID); n != 1 {
		t.Errorf("%d downloads counted, want the 1 download and none of the 3 displays", n)
	}

	// The file's page in the editor: its public address and a thumbnail.
	fp := cl.Get("/admin/press/files/" + strconv.FormatInt(fx.photoID, 10)).Doc()
	if addr := fp.Find(`[data-testid=public-address]`).Text(); !strings.Contains(addr, "http://confdesk.test"+photo) {
		t.Errorf("public address %q", addr)
	}
	if src, ok := fp.Find(`img[data-testid=thumbnail]`).Attr("src"); !ok || src == "" {
		t.Error("no thumbnail of the image")
	}

	// The PDF: the picture drawn, its caption and credit, the link's address, the bold text.
	pdfRes := env.Get("/press/releases/shelters-open-in-kingston.pdf")
	if pdfRes.StatusCode != http.StatusOK {
		t.Fatalf("pdf: %d", pdfRes.StatusCode)
	}
	text := strings.Join(strings.Fields(pdftest.Text(t, []byte(pdfRes.Body))), " ")
	for _, want := range []string{"agreed on shelters", "the IOM (https://www.iom.int)", "Delegates at the opening plenary, 15 March", "IOM / Ana Pérez"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
	if n := pdftest.Images(t, []byte(pdfRes.Body)); n != 1 {
		t.Errorf("the PDF draws %d images, want the picture", n)
	}
}

// The release form offers the published images as its lead picture; the
// public page shows it above the text with caption and credit, the PDF
// draws it; a file that is no published image is refused beside the field.
func TestPressReleaseLeadImage(t *testing.T) {
	fx := newPressFixture(t)
	env, cl := fx.env, fx.cl
	form := cl.Get("/admin/press/releases/new").Doc()
	var options []string
	form.Find(`select[name=lead_image] option`).Each(func(_ int, o *goquery.Selection) {
		options = append(options, o.AttrOr("value", ""))
	})
	if !slices.Equal(options, []string{"", strconv.FormatInt(fx.photoID, 10)}) {
		t.Fatalf("lead image choices %q, want none and the published photo", options)
	}
	fields := url.Values{"title": {"Delegates arrive in Miami"}, "release_date": {"2027-03-15"}, "body": {"They came."}, "publish": {"1"}}

	fields.Set("lead_image", strconv.FormatInt(fx.secretID, 10))
	res := cl.PostAdmin("/admin/press/releases", fields)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Doc().Find("#lead_image-error").Text(), "published picture") {
		t.Fatalf("an unpublished PDF as lead image: %d %q", res.StatusCode, res.Doc().Find("#lead_image-error").Text())
	}

	fields.Set("lead_image", strconv.FormatInt(fx.photoID, 10))
	pressIDFrom(t, cl.PostAdmin("/admin/press/releases", fields), "/admin/press/releases/")
	page := env.Get("/press/releases/delegates-arrive-in-miami").Doc()
	lead := page.Find(`[data-testid=lead-image]`)
	if src, _ := lead.Find("img").Attr("src"); src != "/press/files/"+strconv.FormatInt(fx.photoID, 10)+"/display" {
		t.Errorf("lead image from %q", src)
	}
	if c := lead.Find("figcaption").Text(); !strings.Contains(c, "Delegates at the opening plenary, 15 March") || !strings.Contains(c, "IOM / Ana Pérez") {
		t.Errorf("lead caption %q", c)
	}
	pdfRes := env.Get("/press/releases/delegates-arrive-in-miami.pdf")
	if n := pdftest.Images(t, []byte(pdfRes.Body)); n != 1 {
		t.Errorf("the PDF draws %d images, want the lead picture", n)
	}
	if text := strings.Join(strings.Fields(pdftest.Text(t, []byte(pdfRes.Body))), " "); !strings.Contains(text, "Credit: IOM / Ana Pérez") {
		t.Errorf("the PDF lacks the lead picture's credit:\n%s", text)
	}
}

// The editor's preview shows a picture as the public page does: from its
// display address, so previewing counts no download.
func TestPressReleasePreviewDisplaysPictures(t *testing.T) {
	fx := newPressFixture(t)
	photo := "/press/files/" + strconv.FormatInt(fx.photoID, 10)
	res := fx.cl.PostAdmin("/admin/press/releases", url.Values{"title": {"Preview"}, "release_date": {"2027-03-16"},
		"body": {"![Delegates](" + photo + ")"}, "preview": {"1"}})
	if src, _ := res.Doc().Find(`[data-testid=preview] img`).Attr("src"); src != photo+"/display" {
		t.Errorf("the preview shows the picture from %q", src)
	}
}
