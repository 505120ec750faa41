package agenda_test

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"confdesk/internal/agenda"
	"confdesk/internal/database"
	"confdesk/internal/model"
	"confdesk/internal/store"
)

// newEditor is an Editor on a fresh database holding conference 1, and a
// count of the Changed calls.
func newEditor(t *testing.T) (*agenda.Editor, *int) {
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
	now := time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)
	return &agenda.Editor{Store: store.New(db), Now: func() time.Time { return now }, Changed: func() { changed++ }}, &changed
}

var organiser = model.User{ID: 0, Email: "organiser@example.org"}

func auditOf(t *testing.T, e *agenda.Editor, entity string, id int64) []model.AuditEntry {
	t.Helper()
	lines, err := e.Store.AuditFor(context.Background(), entity, id)
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// TestEditorTrack: each committed change is audited with only what changed
// and calls Changed once; refused input and a save that changes nothing
// write no audit line, and refused input calls no Changed.
func TestEditorTrack(t *testing.T) {
	ctx := context.Background()
	e, changed := newEditor(t)
	conf := model.Conference{ID: 1}
	form := agenda.TrackForm{Name: "Prevention", Slug: "prevention", Colour: "#1d4f91", Position: "0"}
	tr, errs, err := e.CreateTrack(ctx, conf, form, organiser)
	if err != nil || len(errs) > 0 {
		t.Fatalf("create: %v %v", errs, err)
	}
	if *changed != 1 {
		t.Errorf("Changed called %d times after a creation", *changed)
	}
	if _, errs, err := e.CreateTrack(ctx, conf, form, organiser); err != nil || errs.Get("slug") == "" {
		t.Errorf("a second track with the same slug: errors %v, %v", errs, err)
	}
	if _, errs, _ := e.CreateTrack(ctx, conf, agenda.TrackForm{Slug: "x"}, organiser); errs.Get("name") == "" {
		t.Errorf("a track without a name: errors %v", errs)
	}
	if *changed != 1 {
		t.Errorf("Changed called %d times in all after two refused creations", *changed)
	}
	if _, _, err := e.UpdateTrack(ctx, tr, form, organiser); err != nil {
		t.Fatal(err)
	}
	form.Name = "Prevention and outreach"
	if _, _, err := e.UpdateTrack(ctx, tr, form, organiser); err != nil {
		t.Fatal(err)
	}
	lines := auditOf(t, e, "track", tr.ID)
	if len(lines) != 2 {
		t.Fatalf("%d audit lines, want the creation and one update: %+v", len(lines), lines)
	}
	if u := lines[0]; u.Action != "update" || len(u.Changes) != 1 || u.Changes["name"] != [2]string{"Prevention", "Prevention and outreach"} || u.Actor != organiser.Email {
		t.Errorf("update line %+v", u)
	}
	if c := lines[1]; c.Action != "create" || c.Changes["slug"] != [2]string{"", "prevention"} {
		t.Errorf("creation line %+v", c)
	}
}

// TestEditorDeleteInUse: a track a session uses is not deleted, nothing is
// audited and no cache is cleared; once free it is, with its fields.
func TestEditorDeleteInUse(t *testing.T) {
	ctx := context.Background()
	e, changed := newEditor(t)
	conf := model.Conference{ID: 1, StartDate: "2027-03-15", EndDate: "2027-03-17", TimeZone: "UTC"}
	tr, _, err := e.CreateTrack(ctx, conf, agenda.TrackForm{Name: "Law", Slug: "law", Colour: "#1d4f91", Position: "0"}, organiser)
	if err != nil {
		t.Fatal(err)
	}
	saved, err := e.SaveSession(ctx, conf, model.Session{}, agenda.SessionForm{Title: "Opening", Kind: model.KindPlenary,
		TrackID: strconv.FormatInt(tr.ID, 10), Day: "2027-03-15", Start: "09:00", End: "10:00"}, organiser)
	if err != nil || len(saved.Errors) > 0 {
		t.Fatalf("session: %v %v", saved.Errors, err)
	}
	before := *changed
	if err := e.DeleteTrack(ctx, tr, organiser); !errors.Is(err, agenda.ErrInUse) {
		t.Fatalf("deleting a track in use: %v", err)
	}
	if *changed != before || len(auditOf(t, e, "track", tr.ID)) != 1 {
		t.Errorf("a refused deletion cleared caches (%d→%d) or was audited", before, *changed)
	}
	if err := e.DeleteSession(ctx, conf, saved.Session, organiser); err != nil {
		t.Fatal(err)
	}
	if err := e.DeleteTrack(ctx, tr, organiser); err != nil {
		t.Fatal(err)
	}
	d := auditOf(t, e, "track", tr.ID)[0]
	if d.Action != "delete" || d.Changes["name"] != [2]string{"Law", ""} {
		t.Errorf("deletion line %+v", d)
	}
	if _, ok := d.Changes["description"]; ok {
		t.Errorf("the deletion lists the empty description: %+v", d.Changes)
	}
}
