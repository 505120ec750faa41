package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// TestCheckinRacesCancellation: twelve people cancel as
// their badges are scanned, three times over. A check-in either comes
// before the cancellation or is refused as not confirmed: nobody is
// checked in (and so given a certificate) once cancelled.
func TestCheckinRacesCancellation(t *testing.T) {
	t.Parallel()
	const rounds, n = 3, 12
	env := webtest.New(t)
	for round := range rounds {
		var fns []func()
		ids := make([]int64, n)
		for i := range n {
			email := fmt.Sprintf("door-%d-%02d@example.org", round, i)
			r := registered(t, env, email)
			ids[i] = r.ID
			desk := loginAs(t, env, model.UserCheckin, fmt.Sprintf("desk-%d-%02d@example.org", round, i))
			scanForm := url.Values{"code": {r.CheckinCode}, "session": {"0"}, "_csrf": {desk.AdminToken()}}
			org := loginAs(t, env, model.UserOrganiser, fmt.Sprintf("org-%d-%02d@example.org", round, i))
			cancel := url.Values{"_csrf": {org.AdminToken()}}
			fns = append(fns,
				func() {
					if res := desk.PostForm("/admin/checkin", scanForm); res.StatusCode != http.StatusSeeOther {
						t.Errorf("scan: %d", res.StatusCode)
					}
				},
				func() {
					if res := org.PostForm(regPath(ids[i])+"/cancel", cancel); res.StatusCode != http.StatusSeeOther && res.StatusCode != http.StatusConflict {
						t.Errorf("cancel: %d", res.StatusCode)
					}
				})
		}
		together(fns...)
		for _, id := range ids {
			late := count(t, env, `SELECT count(*) FROM audit_log c, audit_log x
				WHERE c.entity_id = ? AND x.entity_id = c.entity_id AND c.entity = 'registration' AND x.entity = 'registration'
				AND c.action = 'check_in' AND x.action IN ('cancel', 'status_cancelled') AND c.id > x.id`, id)
			if late > 0 {
				t.Fatalf("round %d: registration %d was checked in after it was cancelled", round, id)
			}
		}
	}
}
