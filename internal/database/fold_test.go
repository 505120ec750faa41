package database

import (
	"context"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Désirée":        "desiree",
		"PIÑEIRO-Nguyễn": "pineiro-nguyen",
		"Łukasz Żółć":    "lukasz zolc",
		"Søren Æbelø":    "soren aebelo",
		"Straße":         "strasse",
		"Ǆemal":          "dzemal", // a compatibility ligature
		"O'Brien 100%_":  "o'brien 100%_",
		"":               "",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldInSQL(t *testing.T) {
	db := openTemp(t)
	for _, pool := range []struct {
		name string
		run  func() (string, error)
	}{
		{"reader", func() (s string, err error) {
			err = db.Read.QueryRowContext(context.Background(), `SELECT fold(?)`, "Nguyễn").Scan(&s)
			return
		}},
		{"writer", func() (s string, err error) {
			err = db.Write.QueryRowContext(context.Background(), `SELECT fold(?)`, "Nguyễn").Scan(&s)
			return
		}},
	} {
		if got, err := pool.run(); err != nil || got != "nguyen" {
			t.Errorf("%s: fold('Nguyễn') = %q, %v", pool.name, got, err)
		}
	}
}

// FuzzFold: folding is idempotent (a folded search word matches the
// folded text it came from), keeps valid UTF-8 valid, and leaves no
// accent mark and no ASCII capital behind.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Désirée", "PIÑEIRO-Nguyễn", "Łukasz Żółć", "Straße", "Ǆemal", "İstanbul", "ẞ", "K"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Errorf("Fold(%q) = %q, folded again %q", s, once, twice)
		}
		for _, r := range once {
			if unicode.Is(unicode.Mn, r) || 'A' <= r && r <= 'Z' {
				t.Errorf("Fold(%q) = %q keeps %q", s, once, r)
			}
		}
		if !utf8.ValidString(once) {
			t.Errorf("Fold(%q) = %q is not valid UTF-8", s, once)
		}
	})
}
