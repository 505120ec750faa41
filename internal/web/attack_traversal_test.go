package web_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// traversalSecret is written beside the database, one level above the
// press files: what a traversal would reach.
const traversalSecret = "TRAVERSAL-SECRET-4f1c"

// TestAttackPathTraversal asks every download for a file outside its
// folder, in the URL and through a tampered database row: 404 or a
// refusal, never the file.
func TestAttackPathTraversal(t *testing.T) {
	fx := newAttackFixture(t)
	env := fx.env
	dir := filepath.Dir(env.Config.DBPath)
	if err := os.WriteFile(filepath.Join(dir, "secret.txt"), []byte(traversalSecret), 0o600); err != nil {
		t.Fatal(err)
	}
	goMod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	leaked := func(body string) bool {
		return strings.Contains(body, traversalSecret) || strings.Contains(body, string(goMod[:40])) || strings.Contains(body, "root:x:0:0")
	}
	org := fx.clients[model.UserOrganiser]
	press := fx.clients[model.UserPressOfficer]
	paths := []string{
		"/press/files/..%2f..%2fetc%2fpasswd",
		"/press/files/..%2fsecret.txt",
		"/press/files/../../etc/passwd",
		"/assets/..%2f..%2fgo.mod",
		"/assets/../../go.mod",
		"/assets/%2e%2e/%2e%2e/go.mod",
		"/assets/css/..%2f..%2f..%2fgo.mod",
		"/press/releases/..%2f..%2fx.pdf",
		"/press/releases/..%2f..%2fx",
		"/registration/..%2f..%2f/badge.pdf",
		"/registration/..%2f..%2f/letter.pdf",
		"/registration/..%2f..%2f/certificate.pdf",
		"/registration/..%2f..%2f/agenda.ics",
		"/agenda/..%2f..%2fgo.mod.ics",
		"/admin/press/files/..%2fsecret.txt/download",
		"/admin/registrations/..%2f..%2f/badge.pdf",
		"/admin/delegations/documents/..%2fsecret.txt",
		"/admin/delegations/documents/..%2f..%2fgo.mod",
		"/nominate/..%2f..%2f/documents",
	}
	for _, p := range paths {
		for name, res := range map[string]*webtest.Response{"anonymous": env.Client().Get(p), "organiser": org.Get(p), "press": press.Get(p)} {
			if res.StatusCode == http.StatusOK || res.StatusCode >= 500 || leaked(res.Body) {
				t.Errorf("%s %s: %d (leaked: %v)", name, p, res.StatusCode, leaked(res.Body))
			}
		}
	}

	// A stored name tampered with in the database.
	id := fx.fileID
	for _, stored := range []string{"../secret.txt", "../../go.mod", filepath.Join(dir, "secret.txt"), "/etc/passwd"} {
		if _, err := env.DB.Write.Exec(`UPDATE press_files SET stored_name = ? WHERE id = ?`, stored, id); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/press/files/" + itoa64(id), "/admin/press/files/" + itoa64(id) + "/download"} {
			res := press.Get(p)
			if res.StatusCode == http.StatusOK || res.StatusCode >= 500 || leaked(res.Body) {
				t.Errorf("stored name %q, %s: %d (leaked: %v)", stored, p, res.StatusCode, leaked(res.Body))
			}
		}
		// A nomination letter's stored name, tampered with the same way.
		if _, err := env.DB.Write.Exec(`UPDATE nomination_documents SET stored_name = ?`, stored); err != nil {
			t.Fatal(err)
		}
		if res := org.Get("/admin/delegations/documents/" + fx.firstID("nomination_documents")); res.StatusCode == http.StatusOK ||
			res.StatusCode >= 500 || leaked(res.Body) {
			t.Errorf("letter stored as %q: %d (leaked: %v)", stored, res.StatusCode, leaked(res.Body))
		}
		// The media kit packs the published files: it must not pack this one's target.
		res := env.Client().Get("/press/kit.zip")
		if leaked(res.Body) {
			t.Errorf("stored name %q: the media kit holds the file", stored)
		}
	}
}
