package e2e

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// A journalist opens the press room, reads the release, comes back and
// downloads the media kit with the page's button: a ZIP holding the
// release, the fact sheet, the programme, the contacts and the README.
func TestJournalistInBrowser(t *testing.T) {
	b := newBrowser(t)
	const title = "Caribbean governments and NGOs meet in Miami to tackle human trafficking"
	b.Do(
		chromedp.Navigate(b.URL("/")),
		chromedp.Click(chromedp.CSS(`nav[aria-label="Main"] a[href="/press"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=releases]`)),
	)
	if h := Get(b, chromedp.Text(chromedp.CSS("h1"))); h != "Press room" {
		t.Fatalf("h1 %q", h)
	}
	contacts := Get(b, chromedp.Text(chromedp.CSS(`[data-testid=contacts]`)))
	if !strings.Contains(contacts, "Niurka Piñeiro") || !strings.Contains(contacts, "npineiro@iom.int") {
		t.Errorf("contacts %q", contacts)
	}
	// The contacts sit side by side as cards: the stylesheet reached them.
	if d := Get(b, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".media-contacts")).display`)); d != "grid" {
		t.Errorf("contacts laid out as %q, want grid", d)
	}

	b.Do(
		chromedp.Click(chromedp.JSPath(`[...document.querySelectorAll("[data-testid=releases] h3 a")].find(a => a.textContent.includes(`+jsString(title)+`))`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=release-body]`)),
	)
	if h := Get(b, chromedp.Text(chromedp.CSS("h1"))); h != title {
		t.Errorf("release h1 %q", h)
	}
	if n := Get(b, chromedp.Evaluate[int](`document.querySelectorAll("[data-testid=release-body] li").length`)); n != 6 {
		t.Errorf("%d list items in the release, want 6", n)
	}
	pdfHref := Get(b, chromedp.Evaluate[string](`document.querySelector("a[href$='.pdf']").getAttribute("href")`))
	if pdfHref != "/press/releases/conference-opens-in-miami.pdf" {
		t.Errorf("PDF link %q", pdfHref)
	}

	b.Do(
		chromedp.Click(chromedp.CSS(`.back-link a`)),
		chromedp.WaitVisible(chromedp.CSS(`a[data-testid=kit-download]`)),
	)
	button := Get(b, chromedp.Text(chromedp.CSS(`a[data-testid=kit-download]`)))
	if !strings.Contains(button, "Download the media kit") || !strings.Contains(button, "ZIP") {
		t.Errorf("kit button %q", button)
	}
	// Fetch what the button points to, as the browser would download it.
	got := Get(b, chromedp.Evaluate[[]string](`(async () => {
		const a = document.querySelector("a[data-testid=kit-download]");
		const res = await fetch(a.href);
		const bytes = new Uint8Array(await res.arrayBuffer());
		let bin = "";
		for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
		return [res.headers.get("content-type"), res.headers.get("content-disposition"), btoa(bin)];
	})()`, chromedp.EvalAwaitPromise))
	if len(got) != 3 || got[0] != "application/zip" || got[1] != `attachment; filename="ctc-miami-media-kit.zip"` {
		t.Fatalf("kit response: %q %q", got[0], got[1])
	}
	raw, err := base64.StdEncoding.DecodeString(got[2])
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatalf("the kit is not a ZIP archive: %v", err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	sort.Strings(names)
	want := []string{
		"ctc-miami-media-kit/README.txt",
		"ctc-miami-media-kit/fact-sheet.pdf",
		"ctc-miami-media-kit/press-contacts.vcf",
		"ctc-miami-media-kit/press-releases/2027-03-15-conference-opens-in-miami.pdf",
		"ctc-miami-media-kit/programme.pdf",
	}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Errorf("kit entries:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

// A press officer writes a draft, saves it, changes its text and presses
// the publish button without saving first: the public page shows the text
// that was on screen, not the one saved before.
func TestPublishReleaseKeepsUnsavedEditsInBrowser(t *testing.T) {
	b := newBrowser(t)
	u := b.Env.CreateUser(model.UserPressOfficer)
	const title = "Hotline numbers for the region"
	b.Do(
		chromedp.Navigate(b.URL("/admin/login")),
		fillByLabel("E-mail address", u.Email),
		fillByLabel("Password", webtest.TestPassword),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.account-menu`)),
		chromedp.Navigate(b.URL("/admin/press/releases/new")),
		chromedp.WaitVisible(chromedp.ID("title")),
		fillByLabel("Title", title),
		fillByLabel("Text", "The old text, saved as a draft."),
		chromedp.Click(chromedp.CSS(`form.press-release-form button[type=submit]:not([name])`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)),
	)
	Get(b, chromedp.Evaluate[bool](`(() => { document.getElementById("body").value = ""; return true })()`))
	b.Do(
		fillByLabel("Text", "The new text, typed and published at once."),
		chromedp.Click(chromedp.JSPath(`[...document.querySelectorAll("main button")].find(b => /publish/i.test(b.textContent) && !/unpublish/i.test(b.textContent))`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=status] .badge.published`)),
	)
	if flash := Get(b, chromedp.Text(chromedp.CSS(`[data-testid=flash]`))); !strings.Contains(flash, "published") {
		t.Fatalf("flash %q", flash)
	}
	b.Do(
		chromedp.Navigate(b.URL("/press/releases/hotline-numbers-for-the-region")),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=release-body]`)),
	)
	if body := Get(b, chromedp.Text(chromedp.CSS(`[data-testid=release-body]`))); !strings.Contains(body, "The new text, typed and published at once.") {
		t.Errorf("the public page shows %q, not the text on screen when publish was pressed", body)
	}
}
