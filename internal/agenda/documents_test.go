package agenda

import (
	"testing"

	"confdesk/internal/model"
)

func TestDocumentFormValidate(t *testing.T) {
	ok := DocumentForm{Title: " Recording ", Language: "es", Visibility: model.DocumentParticipants, URL: " https://video.example.org/x "}
	d, errs := ok.Validate(true)
	if len(errs) != 0 || d.Title != "Recording" || d.URL != "https://video.example.org/x" || d.Language != "es" {
		t.Fatalf("valid link: %+v %v", d, errs)
	}
	// A file's form ignores the URL field.
	if d, errs := (DocumentForm{Title: "Slides", Language: "en", Visibility: model.DocumentPublic, URL: "javascript:x"}).Validate(false); len(errs) != 0 || d.URL != "" {
		t.Errorf("file: %+v %v", d, errs)
	}
	for name, tc := range map[string]struct {
		f     DocumentForm
		field string
	}{
		"no title":      {DocumentForm{Language: "en", Visibility: "public", URL: "https://a.example"}, FieldDocumentTitle},
		"two lines":     {DocumentForm{Title: "a\nb", Language: "en", Visibility: "public", URL: "https://a.example"}, FieldDocumentTitle},
		"language":      {DocumentForm{Title: "x", Language: "de", Visibility: "public", URL: "https://a.example"}, FieldDocumentLanguage},
		"visibility":    {DocumentForm{Title: "x", Language: "en", Visibility: "secret", URL: "https://a.example"}, FieldDocumentVisibility},
		"no URL":        {DocumentForm{Title: "x", Language: "en", Visibility: "public"}, FieldDocumentURL},
		"javascript":    {DocumentForm{Title: "x", Language: "en", Visibility: "public", URL: "javascript:alert(1)"}, FieldDocumentURL},
		"data":          {DocumentForm{Title: "x", Language: "en", Visibility: "public", URL: "data:text/html,x"}, FieldDocumentURL},
		"relative":      {DocumentForm{Title: "x", Language: "en", Visibility: "public", URL: "//evil.example/x"}, FieldDocumentURL},
		"credentials":   {DocumentForm{Title: "x", Language: "en", Visibility: "public", URL: "https://u:p@a.example/"}, FieldDocumentURL},
		"spaces inside": {DocumentForm{Title: "x", Language: "en", Visibility: "public", URL: "https://a.example/a b"}, FieldDocumentURL},
	} {
		if _, errs := tc.f.Validate(true); errs.Get(tc.field) == "" {
			t.Errorf("%s: no problem beside %s (%v)", name, tc.field, errs)
		}
	}
}

func TestOpensFor(t *testing.T) {
	s := model.Session{ID: 4, Published: true}
	pub := model.SessionDocument{SessionID: 4, Visibility: model.DocumentPublic}
	part := model.SessionDocument{SessionID: 4, Visibility: model.DocumentParticipants}
	if !OpensFor(pub, s, false) || OpensFor(part, s, false) || !OpensFor(part, s, true) {
		t.Error("visibility not respected")
	}
	if OpensFor(pub, model.Session{ID: 4}, true) || OpensFor(pub, model.Session{ID: 5, Published: true}, false) {
		t.Error("a draft's document, or another session's, opens")
	}
}
