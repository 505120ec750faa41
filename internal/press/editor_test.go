package press

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"confdesk/internal/database"
	"confdesk/internal/store"
)

// newTestEditor is an editor over a fresh database holding one conference,
// and a counter of its change hook's calls.
func newTestEditor(t *testing.T) (*Editor, *int) {
	t.Helper()
	ctx := context.Background()
	db, err := database.Open(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write.Exec(`INSERT INTO conference (id, slug, name, short_name, start_date, end_date, capacity, created_at, updated_at)
		VALUES (1, 'c', 'C', 'C', '2027-03-15', '2027-03-17', 10, '', '')`); err != nil {
		t.Fatal(err)
	}
	changed := 0
	at := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	return &Editor{Store: store.New(db), Files: Files{Dir: t.TempDir()}, Now: func() time.Time { return at },
		Changed: func() { changed++ }}, &changed
}

// A release saved and published in one step is published with the text
// sent, audited once as "publish", and the hook runs once per commit; a
// save refused for a taken slug writes nothing and leaves the hook alone.
func TestEditorReleaseSaveAndPublish(t *testing.T) {
	ctx := context.Background()
	e, changed := newTestEditor(t)
	a := Actor{UserID: 0, Email: "press@example.org"}
	in, errs := CheckRelease(ReleaseForm{Title: "Hotlines", ReleaseDate: "2027-03-15", Body: "Old."}, "Miami")
	if len(errs) > 0 || in.Dateline != "Miami" {
		t.Fatalf("check: %v %+v", errs, in)
	}
	r, err := e.CreateRelease(ctx, 1, a, in)
	if err != nil || r.Slug != "hotlines" || r.Published || *changed != 1 {
		t.Fatalf("create: %v %+v, hook %d", err, r, *changed)
	}
	in.Body, in.Publish = "New.", true
	if r, err = e.UpdateRelease(ctx, r.ID, a, in); err != nil || !r.Published {
		t.Fatalf("update: %v %+v", err, r)
	}
	saved, _ := e.Store.PressRelease(ctx, r.ID)
	if !saved.Published || saved.Body != "New." || *changed != 2 {
		t.Errorf("saved %+v, hook %d", saved, *changed)
	}
	entries, err := e.Store.AuditFor(ctx, "press_release", r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].Action != "publish" || entries[0].Changes["body"] != [2]string{"(4 characters)", "(4 characters)"} {
		t.Errorf("audit %+v", entries)
	}

	other, err := e.CreateRelease(ctx, 1, a, ReleaseForm{Title: "Other", ReleaseDate: "2027-03-16"})
	if err != nil {
		t.Fatal(err)
	}
	before := *changed
	_, err = e.UpdateRelease(ctx, other.ID, a, ReleaseForm{Title: "Other", Slug: "hotlines", ReleaseDate: "2027-03-16", Publish: true})
	if !errors.Is(err, ErrSlugTaken) {
		t.Fatalf("taken slug: %v", err)
	}
	if o, _ := e.Store.PressRelease(ctx, other.ID); o.Published || o.Slug != "other" || *changed != before {
		t.Errorf("a refused save changed %+v, hook %d→%d", o, before, *changed)
	}
}
