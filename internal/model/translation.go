package model

// Translations is what organisers translated of one record of the
// conference's own content: field → language → text. A field or language
// without text is absent; the English original stays in the record.
type Translations map[string]map[string]string

// Get is the translation of field into lang, or "".
func (t Translations) Get(field, lang string) string { return t[field][lang] }

// Set puts text as the translation of field into lang ("" removes it).
func (t Translations) Set(field, lang, text string) {
	if text == "" {
		delete(t[field], lang)
		return
	}
	if t[field] == nil {
		t[field] = map[string]string{}
	}
	t[field][lang] = text
}

// Missing counts the fields of fields without a translation into lang.
func (t Translations) Missing(lang string, fields ...string) int {
	n := 0
	for _, f := range fields {
		if t.Get(f, lang) == "" {
			n++
		}
	}
	return n
}
