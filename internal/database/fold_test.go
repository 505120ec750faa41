package database

import (
	"context"
	"testing"
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
