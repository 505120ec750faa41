package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// An organiser logs in, adds a session in a room that is already taken,
// sees the clash beside the room field, moves the session to a free room,
// publishes it, and finds it in the grid.
func TestAgendaClashInBrowser(t *testing.T) {
	b := newBrowser(t)
	u := b.Env.CreateUser(model.UserOrganiser)
	const title = "Briefing: the regional hotline"
	// The seeded Brickell Room holds "Workshop: recognising deceptive
	// recruitment" on Monday from 11:00 to 12:30.
	b.Do(
		chromedp.Navigate(b.URL("/admin/login")),
		fillByLabel("E-mail address", u.Email),
		fillByLabel("Password", webtest.TestPassword),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.account-menu`)),
		chromedp.Navigate(b.URL("/admin/agenda")),
		chromedp.Click(chromedp.CSS(`main a[href="/admin/agenda/sessions/new"]`)),
		chromedp.WaitVisible(chromedp.ID("title")),
		fillByLabel("Title", title),
		fillByLabel("Kind", "Workshop"),
		fillByLabel("Track", "Prevention"),
		fillByLabel("Day", "Monday 15 March 2027"),
		fillByLabel("Starts at", "11:00"),
		fillByLabel("Ends at", "12:30"),
		fillByLabel("Room", "Brickell Room"),
		chromedp.Click(chromedp.CSS(`form.session-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("room_id-error")),
	)
	for id, want := range map[string]string{"start": "11:00", "end": "12:30"} {
		if v := Get(b, chromedp.Value(chromedp.ID(id))); v != want {
			t.Fatalf("%s kept as %q, want %q", id, v, want)
		}
	}
	msg := Get(b, chromedp.Text(chromedp.ID("room_id-error")))
	if !strings.Contains(msg, "Brickell Room is already booked from 11:00 to 12:30") ||
		!strings.Contains(msg, "Workshop: recognising deceptive recruitment") {
		t.Errorf("room message %q", msg)
	}
	if !Get(b, chromedp.Evaluate[bool](`document.getElementById("room_id").closest(".field") === document.getElementById("room_id-error").closest(".field")`)) {
		t.Error("the clash is not beside the room field")
	}
	if v := Get(b, chromedp.Value(chromedp.ID("title"))); v != title {
		t.Errorf("title kept as %q", v)
	}

	// Move it to the Coral Room, publish it, save.
	b.Do(
		fillByLabel("Room", "Coral Room"),
		chromedp.Click(chromedp.JSPath(labelled("Published"))),
		chromedp.Click(chromedp.CSS(`form.session-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)),
	)
	flash := Get(b, chromedp.Text(chromedp.CSS(`[data-testid=flash]`)))
	if !strings.Contains(flash, title) {
		t.Errorf("flash %q", flash)
	}
	// In the grid: Monday, the 11:00 row, the Coral Room's column; published, no clash.
	cell := Get(b, chromedp.Evaluate[string](`(() => {
		const s = [...document.querySelectorAll("[data-testid=grid-session]")].find(e => e.textContent.includes(`+jsString(title)+`));
		if (!s) return "";
		const td = s.closest("td"), table = td.closest("table");
		return [table.closest("section").querySelector("h2").textContent.trim(),
			td.parentElement.querySelector("th").textContent.trim(),
			table.querySelectorAll("thead th")[td.cellIndex].textContent.trim(),
			s.textContent.replace(/\s+/g, " ").trim()].join(" | ");
	})()`))
	parts := strings.Split(cell, " | ")
	if len(parts) != 4 {
		t.Fatalf("the session is not in the grid (%q)", cell)
	}
	if parts[0] != "Monday 15 March 2027" || parts[1] != "11:00" || !strings.HasPrefix(parts[2], "Coral Room") {
		t.Errorf("placed on %q at %q in %q", parts[0], parts[1], parts[2])
	}
	if !strings.Contains(parts[3], "11:00–12:30") || !strings.Contains(parts[3], "Prevention") ||
		strings.Contains(parts[3], "Draft") || strings.Contains(parts[3], "Clash") {
		t.Errorf("cell reads %q", parts[3])
	}
	if p := b.Problems("status of 422"); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}
