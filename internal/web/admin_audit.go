package web

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/store"
	"confdesk/views"
	"confdesk/views/admin"
)

// auditPerPage is how many audit entries a page shows.
const auditPerPage = 100

// showAudit is the audit log, newest first, filtered by record and actor.
func (s *Server) showAudit(c *fiber.Ctx) error {
	ctx := c.UserContext()
	p, err := s.adminPage(c, "Audit log", "audit")
	if err != nil {
		return err
	}
	f := store.AuditFilter{Entity: strings.TrimSpace(c.Query("entity")), Actor: strings.TrimSpace(c.Query("actor"))}
	q := url.Values{}
	if f.Entity != "" {
		q.Set("entity", f.Entity)
	}
	if f.Actor != "" {
		q.Set("actor", f.Actor)
	}
	page := max(1, c.QueryInt("page", 1))
	entries, total, err := s.store.AuditLog(ctx, f, auditPerPage, (page-1)*auditPerPage)
	if err != nil {
		return err
	}
	entities, err := s.store.AuditEntities(ctx)
	if err != nil {
		return err
	}
	v := admin.AuditView{Entries: entries, Entities: entities, Pager: views.NewPager("/admin/audit", q, page, auditPerPage, total)}
	v.Filter.Entity, v.Filter.Actor = f.Entity, f.Actor
	return render(c, fiber.StatusOK, admin.AuditPage(p, v))
}
