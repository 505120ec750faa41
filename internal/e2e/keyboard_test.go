package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focused is the id of the element with focus, or its tag when it has none.
func focused(b *Browser) string {
	b.t.Helper()
	return Get(b, chromedp.Evaluate[string](`(e => e.id || e.tagName.toLowerCase() + (e.type ? "[" + e.type + "]" : ""))(document.activeElement)`))
}

// A person without a mouse registers: Tab from the top of the page reaches
// the form, moves through its fields in reading order, typing fills them,
// typing an option's first letters chooses it, Space ticks the consent box
// and Enter on the button sends the form.
func TestRegisterWithKeyboardOnly(t *testing.T) {
	registerWithKeyboard(t, "en", "Gov", "government")
}

// The same in Spanish (?lang=es): the fields are found by id, not by their
// English labels, and the type of organisation is chosen with the arrow
// key, whatever the first option is called and wherever Spanish sorts it.
func TestRegisterWithKeyboardOnlyInSpanish(t *testing.T) {
	registerWithKeyboard(t, "es", kb.ArrowDown, "")
}

// registerWithKeyboard registers with the keyboard alone on the form in
// lang, choosing the type of organisation by typing orgKeys, which should
// choose orgType ("": the first option after the prompt).
func registerWithKeyboard(t *testing.T, lang, orgKeys, orgType string) {
	b := newBrowser(t)
	b.Do(chromedp.Navigate(b.URL("/register?lang=" + lang)))
	if got := Get(b, chromedp.Evaluate[string](`document.documentElement.lang`)); got != lang {
		t.Fatalf("<html lang=%q>, want %q", got, lang)
	}
	if orgType == "" {
		orgType = Get(b, chromedp.Evaluate[string](`[...document.getElementById("org_type").options].find(o => o.value).value`))
	}
	if !Get(b, chromedp.Evaluate[bool](`document.activeElement === document.body`)) {
		t.Fatalf("focus starts on %q, want the page itself", focused(b))
	}

	// Tab past the skip link and the navigation to the first field.
	var before []string
	for range 30 {
		b.Do(chromedp.KeyEvent(kb.Tab))
		if focused(b) == "first_name" {
			break
		}
		before = append(before, focused(b))
	}
	if focused(b) != "first_name" {
		t.Fatalf("30 presses of Tab never reached the first field; focus went through %v", before)
	}
	if len(before) == 0 || before[0] != "a" {
		t.Errorf("the first Tab focused %v, want the skip link", before)
	}

	// Each step: the field that must have focus, and what to type ("" to pass it by).
	steps := []struct{ id, keys string }{
		{"first_name", "Amara"},
		{"last_name", "Okafor-Brown"},
		{"badge_name", ""},
		{"email", "amara@example.org"},
		{"phone", ""},
		{"country", "Jamaica"},
		{"organisation", "Ministry of Justice"},
		{"org_type", orgKeys},
		{"job_title", "Prosecutor"},
		{"dietary", ""},
		{"accessibility", "Step-free access"},
		{"visa_letter", ""},
		{"list_consent", ""},
		{"consent", " "},
		{"privacy-link", ""}, // the consent box's link to the privacy notice
	}
	for _, s := range steps {
		if got := focused(b); got != s.id {
			t.Fatalf("Tab reached %q, want %q: the fields are not in reading order", got, s.id)
		}
		if s.keys != "" {
			b.Do(chromedp.KeyEvent(s.keys))
		}
		b.Do(chromedp.KeyEvent(kb.Tab))
	}
	if got := focused(b); got != "button[submit]" {
		t.Fatalf("after the consent box Tab reached %q, want the Register button", got)
	}
	for id, want := range map[string]string{"first_name": "Amara", "last_name": "Okafor-Brown", "email": "amara@example.org",
		"country": "JM", "org_type": orgType, "job_title": "Prosecutor", "accessibility": "Step-free access"} {
		if v := Get(b, chromedp.Value(chromedp.ID(id))); v != want {
			t.Errorf("%s = %q after typing, want %q", id, v, want)
		}
	}
	if !Get(b, chromedp.Evaluate[bool](`document.getElementById("consent").checked`)) {
		t.Error("Space did not tick the consent box")
	}

	b.Do(
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=reference]`)),
	)
	ref := Get(b, chromedp.Text(chromedp.CSS(`[data-testid=reference]`)))
	if !strings.HasPrefix(ref, "CTC-") {
		t.Errorf("reference %q", ref)
	}
	if body := Get(b, chromedp.Text(chromedp.CSS("main"))); !strings.Contains(body, "Amara Okafor-Brown") {
		t.Errorf("name not on the registration page:\n%s", body)
	}
	if got := Get(b, chromedp.Evaluate[string](`document.documentElement.lang`)); got != lang {
		t.Errorf("the registration page is in %q, want %q", got, lang)
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}
