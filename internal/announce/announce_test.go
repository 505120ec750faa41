package announce

import (
	"strings"
	"testing"
	"time"

	"confdesk/internal/model"
)

func TestUnknownPlaceholders(t *testing.T) {
	got := unknownPlaceholders("Dear {{first_name}} {{ last_name }}, {{fist_name}} {{Link}} {{fist_name}} {{}} {single}")
	want := []string{"{{fist_name}}", "{{Link}}", "{{}}"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("unknown = %q, want %q", got, want)
	}
}

func TestCheckNamesThePlaceholderAndTheField(t *testing.T) {
	f := Form{Subject: "Hi {{first_name}}", Body: "See {{venue}}", Key: NewKey(),
		Translations: model.Translations{"subject": {"es": "Hola {{nombre}}"}}}
	_, errs := f.Check(model.Conference{TimeZone: "America/New_York"}, time.Now())
	if !strings.Contains(errs.Get("body"), "{{venue}}") || !strings.Contains(errs.Get("tr-es-subject"), "{{nombre}}") || errs.Get("subject") != "" {
		t.Errorf("errors = %v", errs)
	}
	f = Form{Subject: "Hi", Body: "Body", Key: "forged"}
	if _, errs := f.Check(model.Conference{}, time.Now()); errs.Get("key") == "" {
		t.Error("a malformed key passed")
	}
}

// TestPersonaliseEscapesValues: a name is text in the HTML, never
// Markdown or markup; {{link}} becomes a link.
func TestPersonaliseEscapesValues(t *testing.T) {
	s := &Service{BaseURL: "https://desk.example"}
	r := model.Registration{FirstName: "<script>alert(1)</script>", LastName: "*Star*", Reference: "CTC-1234", Language: "en"}
	a, err := s.personalise(model.Conference{Name: "CTC"}, "CTC", message{Subject: "Hi {{first_name}}",
		Body: "Dear {{first_name}} {{last_name}},\n\n<b>raw</b> {{link}}"}, r)
	if err != nil {
		t.Fatal(err)
	}
	h := string(a.HTML)
	if strings.Contains(h, "<script>") || !strings.Contains(h, "&lt;script&gt;") || strings.Contains(h, "<em>Star</em>") || strings.Contains(h, "<b>raw</b>") {
		t.Errorf("html = %s", h)
	}
	if !strings.Contains(h, `<a href="https://desk.example/registration/lost">`) {
		t.Errorf("no link in %s", h)
	}
	if a.Subject != "Hi <script>alert(1)</script>" || !strings.HasPrefix(a.Text, "Dear <script>alert(1)</script> *Star*,") {
		t.Errorf("subject %q, text %q", a.Subject, a.Text)
	}
}
