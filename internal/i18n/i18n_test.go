package i18n

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// messages reads one language's catalogue as id → plural form → text; a
// message without plural forms has the single form "".
func messages(t *testing.T, code string) map[string]map[string]string {
	t.Helper()
	raw, err := catalogues.ReadFile("locales/" + code + ".toml")
	if err != nil {
		t.Fatal(err)
	}
	var tree map[string]any
	if err := toml.Unmarshal(raw, &tree); err != nil {
		t.Fatalf("%s.toml: %v", code, err) // a key written twice is an error here
	}
	out := map[string]map[string]string{}
	walkMessages(t, code, tree, out)
	return out
}

// walkMessages adds the messages of a catalogue's tree to out.
func walkMessages(t *testing.T, code string, tree map[string]any, out map[string]map[string]string) {
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case string:
			out[prefix] = map[string]string{"": v}
		case map[string]any:
			if _, plural := v["other"]; plural {
				forms := map[string]string{}
				for k, f := range v {
					forms[k], _ = f.(string)
				}
				out[prefix] = forms
				return
			}
			for k, c := range v {
				id := k
				if prefix != "" {
					id = prefix + "." + k
				}
				walk(id, c)
			}
		default:
			t.Errorf("%s.toml: %s is a %T, not a message", code, prefix, v)
		}
	}
	walk("", tree)
}

var placeholder = regexp.MustCompile(`\.([A-Z][A-Za-z0-9]*)`)

// placeholders is the set of {{.Name}} names a text uses.
func placeholders(text string) []string {
	var names []string
	for _, action := range regexp.MustCompile(`{{[^}]*}}`).FindAllString(text, -1) {
		for _, m := range placeholder.FindAllStringSubmatch(action, -1) {
			names = append(names, m[1])
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// TestCataloguesComplete fails when a language lacks a message English
// has, has one English lacks, or uses other placeholders than English.
func TestCataloguesComplete(t *testing.T) {
	en := messages(t, "en")
	if len(en) == 0 {
		t.Fatal("the English catalogue is empty")
	}
	for _, l := range Languages[1:] {
		other := messages(t, l.Code)
		for _, id := range slices.Sorted(maps.Keys(en)) {
			tr, ok := other[id]
			if !ok {
				t.Errorf("%s: no translation of %q (%q)", l.Code, id, en[id][firstForm(en[id])])
				continue
			}
			want := placeholders(strings.Join(slices.Collect(maps.Values(en[id])), " "))
			for form, text := range tr {
				if strings.TrimSpace(text) == "" {
					t.Errorf("%s: %q form %q is empty", l.Code, id, form)
				}
				if got := placeholders(text); !slices.Equal(got, want) && !(form != "" && slices.Equal(got, slices.DeleteFunc(slices.Clone(want), func(s string) bool { return s == "Count" }))) {
					t.Errorf("%s: %q form %q uses placeholders %v; English uses %v", l.Code, id, form, got, want)
				}
			}
		}
		for id := range other {
			if _, ok := en[id]; !ok {
				t.Errorf("%s: %q is not in the English catalogue (renamed or removed?)", l.Code, id)
			}
		}
	}
}

func firstForm(forms map[string]string) string {
	if _, ok := forms[""]; ok {
		return ""
	}
	return "other"
}

// TestPluralForms puts every plural message into words with counts that
// reach each CLDR form of each language (one, many, other): a missing
// form is an error from the localizer, not a silent fallback.
func TestPluralForms(t *testing.T) {
	en := messages(t, "en")
	for _, l := range Languages {
		for id, forms := range en {
			if _, plural := forms["other"]; !plural {
				continue
			}
			for _, n := range []int{0, 1, 2, 5, 21, 1000000} {
				if _, err := l.loc.Localize(localizeConfig(id, n)); err != nil {
					t.Errorf("%s: %q with count %d: %v", l.Code, id, n, err)
				}
			}
		}
	}
}

// TestTemplatesRun fills every message with made-up values: a template
// that does not parse or run in some language fails here, not on a page.
func TestTemplatesRun(t *testing.T) {
	en := messages(t, "en")
	for _, l := range Languages {
		for id, forms := range en {
			data := map[string]any{}
			for _, name := range placeholders(strings.Join(slices.Collect(maps.Values(forms)), " ")) {
				data[name] = 2
			}
			cfg := localizeConfig(id, 2)
			if _, plural := forms["other"]; !plural {
				cfg.PluralCount = nil
			}
			cfg.TemplateData = data
			if _, err := l.loc.Localize(cfg); err != nil {
				t.Errorf("%s: %q: %v", l.Code, id, err)
			}
		}
	}
}

func TestMatch(t *testing.T) {
	for header, want := range map[string]string{
		"":                            "en",
		"es-DO,es;q=0.9,en;q=0.5":     "es",
		"fr-HT":                       "fr",
		"nl-SR, en;q=0.3":             "nl",
		"de-DE":                       "en",
		"en-TT,en;q=0.9":              "en",
		"pap-CW,nl;q=0.8,en;q=0.5":    "nl",
		"*":                           "en",
		"garbage;;q=x,,":              "en",
		"ht,fr;q=0.9":                 "fr",
		"zh-CN,zh;q=0.9,es-419;q=0.8": "es",
	} {
		if got := Match(header).Code; got != want {
			t.Errorf("Match(%q) = %s, want %s", header, got, want)
		}
	}
}

func TestDates(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, tc := range []struct {
		code, start, end, want string
	}{
		{"en", "2027-02-04", "2027-02-06", "4–6 February 2027"},
		{"es", "2027-02-04", "2027-02-06", "4–6 de febrero de 2027"},
		{"fr", "2027-02-04", "2027-02-06", "4–6 février 2027"},
		{"nl", "2027-02-04", "2027-02-06", "4–6 februari 2027"},
		{"fr", "2027-03-30", "2027-04-01", "30 mars – 1er avril 2027"},
		{"es", "2027-12-30", "2028-01-01", "30 de diciembre de 2027 – 1 de enero de 2028"},
		{"nl", "2027-02-04", "2027-02-04", "4 februari 2027"},
	} {
		if got := ByCode(tc.code).DateRange(day(tc.start), day(tc.end)); got != tc.want {
			t.Errorf("%s DateRange(%s, %s) = %q, want %q", tc.code, tc.start, tc.end, got, tc.want)
		}
	}
	if got := ByCode("es").WeekdayDate(day("2027-02-04")); got != "jueves, 4 de febrero de 2027" {
		t.Errorf("es WeekdayDate = %q", got)
	}
}

func TestPseudoMarksEveryMessage(t *testing.T) {
	if got := Pseudo.T("nav.home"); got != "⟦Home⟧" {
		t.Errorf("Pseudo.T(nav.home) = %q", got)
	}
	if got := English.T("no.such.key"); got != "no.such.key" {
		t.Errorf("a missing key shows %q, want its id", got)
	}
}

func TestNumber(t *testing.T) {
	for code, want := range map[string]string{"en": "1,500", "es": "1.500", "fr": "1\u00a0500", "nl": "1.500"} {
		if got := ByCode(code).Number(1500); got != want {
			t.Errorf("%s Number(1500) = %q, want %q", code, got, want)
		}
	}
}

func localizeConfig(id string, count int) *goi18n.LocalizeConfig {
	return &goi18n.LocalizeConfig{MessageID: id, PluralCount: count,
		TemplateData: map[string]any{"Count": count}}
}
